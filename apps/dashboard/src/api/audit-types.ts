/** Answers of the audit API (libs/server/audit), as the Replay page reads them. */

export type Lifecycle = 'not_seen' | 'active' | 'deleted';

export interface ReplayedEvent {
  position: string;
  streamName: string;
  revision: number;
  id: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface RecordSnapshot {
  lifecycle: Lifecycle;
  label: string;
  fields: Record<string, unknown>;
  commentIds: string[];
  noteIds: string[];
}

export interface RecordDiff {
  lifecycle: { from: Lifecycle; to: Lifecycle } | null;
  fields: Array<{ field: string; from: unknown; to: unknown }>;
  comments: { added: string[]; removed: string[] };
  notes: { added: string[]; removed: string[] };
}

/** One event of a replay; `state` and `changes` only for a record's stream, which the record decider folds. */
export interface ReplayStep {
  event: ReplayedEvent;
  state?: RecordSnapshot;
  changes?: RecordDiff;
}

export interface RecordStepsPage {
  streamName: string;
  steps: Required<ReplayStep>[];
  nextRevision: number | null;
}

export interface StreamEventsPage {
  streamName: string;
  events: ReplayedEvent[];
  nextRevision: number | null;
}

export type IntegrityProblem = 'changed' | 'removed' | 'reordered' | 'truncated' | 'checkpoint_invalid';

export interface IntegrityFinding {
  streamName: string;
  problem: IntegrityProblem;
  revision?: number;
  eventId?: string;
  message: string;
}

export interface IntegrityReport {
  verificationId: string;
  scope: 'stream' | 'workspace' | 'all';
  target: string;
  ok: boolean;
  streams: number;
  events: number;
  findings: IntegrityFinding[];
  startedAt: string;
  durationMs: number;
  eventsPerSecond: number;
}

/** What to verify: a record's stream, any stream, or (nothing named) the whole workspace. */
export type VerifyBody = { recordType: string; recordId: string } | { stream: string } | Record<string, never>;
