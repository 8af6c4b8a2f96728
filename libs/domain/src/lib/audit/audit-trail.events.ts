import type { DomainEvent } from '../decider';

/** What a verification found wrong with a stream: each names the stream and, where it still exists, the event. */
export const INTEGRITY_PROBLEMS = ['changed', 'removed', 'reordered', 'truncated', 'checkpoint_invalid'] as const;
export type IntegrityProblem = (typeof INTEGRITY_PROBLEMS)[number];

export interface IntegrityFinding {
  streamName: string;
  problem: IntegrityProblem;
  revision?: number;
  eventId?: string;
  message: string;
}

export const VERIFICATION_SCOPES = ['stream', 'workspace', 'all'] as const;
export type VerificationScope = (typeof VERIFICATION_SCOPES)[number];

export const PAST_VIEWS = ['record_state', 'record_diff', 'record_steps', 'feed', 'kpis'] as const;
export type PastView = (typeof PAST_VIEWS)[number];

export type EvidenceSelection = { kind: 'window'; from: string; to: string } | { kind: 'streams'; streams: string[] };

/** Events of one stream handed to the caller, from `fromRevision`; `lastRevision` is null when there were none. */
export type StreamReplayed = DomainEvent<'StreamReplayed', { streamName: string; fromRevision: number; events: number; lastRevision: number | null }>;

/** A page of the workspace's events in global order, recorded between `from` and `to`, after the position `after`. */
export type TimeWindowReplayed = DomainEvent<'TimeWindowReplayed', { from?: string; to?: string; after?: string; events: number }>;

/** A reconstruction of the past: a record's state or changes, or the feed and KPI cards as they stood `at`. */
export type PointInTimeViewed = DomainEvent<
  'PointInTimeViewed',
  { view: PastView; at?: string; streamName?: string; fromRevision?: number; toRevision?: number }
>;

/** `findings` holds the first few; `findingsTotal` counts them all. */
export type IntegrityVerified = DomainEvent<
  'IntegrityVerified',
  {
    verificationId: string;
    scope: VerificationScope;
    target: string;
    streams: number;
    events: number;
    ok: boolean;
    findings: IntegrityFinding[];
    findingsTotal: number;
    checkpointSequence: number | null;
  }
>;

/** `sha256` is the digest of the bundle's body: what was handed over can be matched with this record. */
export type EvidenceExported = DomainEvent<
  'EvidenceExported',
  { exportId: string; selection: EvidenceSelection; streams: number; events: number; checkpoints: number; sha256: string; keyId: string }
>;

export type AuditTrailEvent = StreamReplayed | TimeWindowReplayed | PointInTimeViewed | IntegrityVerified | EvidenceExported;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const auditTrailEventTypes = Object.keys({
  StreamReplayed: true,
  TimeWindowReplayed: true,
  PointInTimeViewed: true,
  IntegrityVerified: true,
  EvidenceExported: true,
} satisfies Record<AuditTrailEvent['type'], true>) as AuditTrailEvent['type'][];
