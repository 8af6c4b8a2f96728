import type { CheckpointPayload, IntegrityCheckpointSigned, IntegrityFinding } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import { verifyValue } from './signature';

/** A head as the last valid checkpoint that named it signed it. */
export interface SignedHead {
  revision: number;
  hash: string;
  sequence: number;
}

export interface CheckpointSummary {
  sequence: number;
  signedAt: string;
  keyId: string;
}

export interface FoldedCheckpoints {
  heads: Map<string, SignedHead>;
  latest: CheckpointSummary | null;
  findings: IntegrityFinding[];
}

export interface TrustedKey {
  keyId: string;
  publicKeyPem: string;
}

/**
 * The heads a workspace's checkpoints vouch for. Only checkpoints whose
 * signature holds under the trusted key, in an unbroken sequence, count; any
 * other is named, and the checkpoints after it are not trusted either.
 */
export function foldCheckpoints(events: readonly RecordedEvent[], key: TrustedKey): FoldedCheckpoints {
  const heads = new Map<string, SignedHead>();
  let latest: CheckpointSummary | null = null;
  let previousSignature: string | null = null;
  for (const event of events) {
    if (event.type !== 'IntegrityCheckpointSigned') continue;
    const { signature, ...payload } = (event as RecordedEvent<IntegrityCheckpointSigned['data']>).data;
    const problem = checkpointProblem(payload, signature, key, latest?.sequence ?? 0, previousSignature);
    if (problem) {
      return { heads, latest, findings: [{ streamName: event.streamName, problem: 'checkpoint_invalid', revision: event.revision, eventId: event.id, message: `Checkpoint #${payload.sequence} (event ${event.id}) ${problem}` }] };
    }
    for (const head of payload.heads) heads.set(head.streamName, { revision: head.revision, hash: head.hash, sequence: payload.sequence });
    latest = { sequence: payload.sequence, signedAt: payload.signedAt, keyId: payload.keyId };
    previousSignature = signature;
  }
  return { heads, latest, findings: [] };
}

function checkpointProblem(payload: CheckpointPayload, signature: string, key: TrustedKey, lastSequence: number, previousSignature: string | null): string | undefined {
  if (payload.keyId !== key.keyId) return `was signed with key ${payload.keyId}, not the trusted key ${key.keyId}`;
  if (!verifyValue(key.publicKeyPem, payload, signature)) return 'does not match its signature: it was altered or forged';
  if (payload.sequence !== lastSequence + 1 || payload.previousSignature !== previousSignature) {
    return `does not follow checkpoint #${lastSequence}: a checkpoint was removed or reordered`;
  }
  return undefined;
}
