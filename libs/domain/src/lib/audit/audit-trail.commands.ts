import type { Command } from '../decider';
import type { EvidenceExported, IntegrityVerified, PointInTimeViewed, StreamReplayed, TimeWindowReplayed } from './audit-trail.events';

/** Each command asks to put on the record one thing an auditor did; its data is the event's. */
export type RecordStreamReplay = Command<'RecordStreamReplay', StreamReplayed['data']>;
export type RecordTimeWindowReplay = Command<'RecordTimeWindowReplay', TimeWindowReplayed['data']>;
export type RecordPointInTimeView = Command<'RecordPointInTimeView', PointInTimeViewed['data']>;
export type RecordVerification = Command<'RecordVerification', IntegrityVerified['data']>;
export type RecordEvidenceExport = Command<'RecordEvidenceExport', EvidenceExported['data']>;

export type AuditTrailCommand = RecordStreamReplay | RecordTimeWindowReplay | RecordPointInTimeView | RecordVerification | RecordEvidenceExport;
