import { deciderSpec, fixedContext } from '../decider-spec';
import type { AuditTrailCommand } from './audit-trail.commands';
import { auditTrailDecider } from './audit-trail.decide';
import type { IntegrityVerified } from './audit-trail.events';

const given = () => deciderSpec(auditTrailDecider, fixedContext()).given([]);

const verification: IntegrityVerified['data'] = {
  verificationId: 'v-1',
  scope: 'workspace',
  target: 'ws1',
  streams: 3,
  events: 12,
  ok: false,
  findings: [{ streamName: 'ticket-ws1.T-1', problem: 'changed', revision: 2, eventId: 'e-3', message: 'Event e-3 was altered' }],
  findingsTotal: 1,
  checkpointSequence: 4,
};

describe('audit trail decider', () => {
  it('records a stream replay as it was served', () => {
    const data = { streamName: 'ticket-ws1.T-1', fromRevision: 0, events: 5, lastRevision: 4 };
    given().when({ type: 'RecordStreamReplay', data }).then([{ type: 'StreamReplayed', data }]);
  });

  it('records a time window replay, a view of the past, a verification and an evidence export', () => {
    const window = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z', events: 40 };
    given().when({ type: 'RecordTimeWindowReplay', data: window }).then([{ type: 'TimeWindowReplayed', data: window }]);
    const view = { view: 'record_state' as const, at: '2026-01-01T10:00:00.000Z', streamName: 'ticket-ws1.T-1' };
    given().when({ type: 'RecordPointInTimeView', data: view }).then([{ type: 'PointInTimeViewed', data: view }]);
    given().when({ type: 'RecordVerification', data: verification }).then([{ type: 'IntegrityVerified', data: verification }]);
    const exported = { exportId: 'x-1', selection: { kind: 'streams' as const, streams: ['ticket-ws1.T-1'] }, streams: 1, events: 5, checkpoints: 1, sha256: 'ab', keyId: 'k' };
    given().when({ type: 'RecordEvidenceExport', data: exported }).then([{ type: 'EvidenceExported', data: exported }]);
  });

  it('refuses counts that are not whole numbers and a replay without its stream', () => {
    given().when({ type: 'RecordStreamReplay', data: { streamName: 's', fromRevision: 0, events: -1, lastRevision: null } }).thenThrows('count_invalid');
    given().when({ type: 'RecordTimeWindowReplay', data: { events: 1.5 } }).thenThrows('count_invalid');
    given().when({ type: 'RecordStreamReplay', data: { streamName: ' ', fromRevision: 0, events: 0, lastRevision: null } }).thenThrows('stream_required');
  });

  it('refuses a verification whose verdict disagrees with its findings', () => {
    given().when({ type: 'RecordVerification', data: { ...verification, ok: true } }).thenThrows('verdict_inconsistent');
    given().when({ type: 'RecordVerification', data: { ...verification, findings: [], findingsTotal: 0 } }).thenThrows('verdict_inconsistent');
  });

  it('refuses an unknown command', () => {
    given().when({ type: 'ForgetEverything', data: {} } as unknown as AuditTrailCommand).thenThrows('unknown_command');
  });
});
