import type { DomainEvent } from '../decider';

/** The last event of a stream: its revision and hash. */
export interface StreamHead {
  streamName: string;
  revision: number;
  hash: string;
}

/** A head that contradicts an earlier checkpoint (gone back, re-hashed or gone), so it is left unsigned. */
export interface HeadContradiction {
  streamName: string;
  signed: { revision: number; hash: string };
  current: { revision: number; hash: string } | null;
}

/**
 * What the signature covers: the heads that moved since the previous
 * checkpoint (whose signature it names, so checkpoints form a chain), how many
 * streams the workspace had, and any contradiction found.
 */
export interface CheckpointPayload {
  workspaceId: string;
  sequence: number;
  previousSignature: string | null;
  signedAt: string;
  keyId: string;
  streams: number;
  heads: StreamHead[];
  contradictions: HeadContradiction[];
}

/** `signature`: Ed25519 over the RFC 8785 canonical JSON of the payload, base64. */
export type IntegrityCheckpointSigned = DomainEvent<'IntegrityCheckpointSigned', CheckpointPayload & { signature: string }>;

export type CheckpointEvent = IntegrityCheckpointSigned;

export const checkpointEventTypes = Object.keys({ IntegrityCheckpointSigned: true } satisfies Record<CheckpointEvent['type'], true>) as CheckpointEvent['type'][];
