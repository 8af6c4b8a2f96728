import type { Command } from '../decider';
import type { CheckpointPayload, StreamHead } from './checkpoint.events';

/** Signs a payload. Ed25519 is deterministic: the same key and payload give the same signature, so deciding stays pure. */
export interface CheckpointSigner {
  keyId: string;
  sign(payload: CheckpointPayload): string;
}

/** `heads`: the current head of every stream of the workspace but the checkpoint stream itself. */
export type SignCheckpoint = Command<'SignCheckpoint', { workspaceId: string; heads: StreamHead[]; signer: CheckpointSigner }>;

export type CheckpointCommand = SignCheckpoint;
