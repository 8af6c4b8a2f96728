import { type DecideContext, type Decider, DomainError } from '../decider';
import type { CheckpointCommand, SignCheckpoint } from './checkpoint.commands';
import type { CheckpointEvent, HeadContradiction, StreamHead } from './checkpoint.events';
import { type CheckpointState, contradictionKey, evolveCheckpoint, initialCheckpointState } from './checkpoint.state';

/**
 * Signs the heads that moved forward since the last checkpoint. A head that
 * went back, changed its hash at a signed revision or vanished is never
 * signed, since the latest signature per stream is what truncation is checked
 * against; it is reported instead. Nothing new and nothing newly wrong: no
 * checkpoint.
 */
export function signCheckpoint({ data }: SignCheckpoint, state: CheckpointState, { now }: DecideContext): CheckpointEvent[] {
  const current = new Map(data.heads.map((head) => [head.streamName, head]));
  if (current.size !== data.heads.length) throw new DomainError('heads_duplicated', 'Each stream may appear once among the heads');
  const heads: StreamHead[] = [];
  const contradictions: HeadContradiction[] = [];
  for (const head of [...current.values()].sort(byStream)) {
    const signed = state.heads[head.streamName];
    if (!signed || head.revision > signed.revision) heads.push(head);
    else if (head.revision < signed.revision || head.hash !== signed.hash) contradictions.push({ streamName: head.streamName, signed, current: { revision: head.revision, hash: head.hash } });
  }
  for (const [streamName, signed] of Object.entries(state.heads)) {
    if (!current.has(streamName)) contradictions.push({ streamName, signed, current: null });
  }
  contradictions.sort(byStream);
  if (heads.length === 0 && contradictionKey(contradictions) === state.reported) return [];
  const payload = {
    workspaceId: data.workspaceId,
    sequence: state.sequence + 1,
    previousSignature: state.lastSignature,
    signedAt: now.toISOString(),
    keyId: data.signer.keyId,
    streams: current.size,
    heads,
    contradictions,
  };
  return [{ type: 'IntegrityCheckpointSigned', data: { ...payload, signature: data.signer.sign(payload) } }];
}

function byStream(a: { streamName: string }, b: { streamName: string }): number {
  return a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : 0;
}

export function decideCheckpoint(command: CheckpointCommand, state: CheckpointState, context: DecideContext): CheckpointEvent[] {
  const { type } = command;
  switch (type) {
    case 'SignCheckpoint':
      return signCheckpoint(command, state, context);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const checkpointDecider: Decider<CheckpointState, CheckpointCommand, CheckpointEvent> = {
  initialState: initialCheckpointState,
  evolve: evolveCheckpoint,
  decide: decideCheckpoint,
};
