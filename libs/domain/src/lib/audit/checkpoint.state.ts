import type { CheckpointEvent } from './checkpoint.events';

export interface CheckpointState {
  sequence: number;
  lastSignature: string | null;
  /** Each stream's head as last signed. */
  heads: Readonly<Record<string, { revision: number; hash: string }>>;
  /** Contradictions the last checkpoint reported, so the same ones are not signed again and again. */
  reported: string;
}

export const initialCheckpointState = (): CheckpointState => ({ sequence: 0, lastSignature: null, heads: {}, reported: '' });

export function evolveCheckpoint(state: CheckpointState, { data }: CheckpointEvent): CheckpointState {
  const heads = { ...state.heads };
  for (const { streamName, revision, hash } of data.heads) heads[streamName] = { revision, hash };
  return { sequence: data.sequence, lastSignature: data.signature, heads, reported: contradictionKey(data.contradictions) };
}

export function contradictionKey(contradictions: ReadonlyArray<{ streamName: string; current: { revision: number; hash: string } | null }>): string {
  return contradictions.map(({ streamName, current }) => `${streamName}@${current ? `${current.revision}:${current.hash}` : '-'}`).join('\n');
}
