import { deciderSpec, fixedContext } from '../decider-spec';
import type { CheckpointSigner, SignCheckpoint } from './checkpoint.commands';
import { checkpointDecider } from './checkpoint.decide';
import type { CheckpointEvent, CheckpointPayload, StreamHead } from './checkpoint.events';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const signer: CheckpointSigner = { keyId: 'key-1', sign: (payload: CheckpointPayload) => `sig(${payload.sequence}:${payload.heads.map((h) => `${h.streamName}@${h.revision}`).join(',')})` };
const given = (events: CheckpointEvent[]) => deciderSpec(checkpointDecider, fixedContext(NOW)).given(events);
const sign = (heads: StreamHead[]): SignCheckpoint => ({ type: 'SignCheckpoint', data: { workspaceId: 'ws1', heads, signer } });

const a = (revision: number, hash = `a${revision}`): StreamHead => ({ streamName: 'ticket-ws1.A', revision, hash });
const b = (revision: number, hash = `b${revision}`): StreamHead => ({ streamName: 'ticket-ws1.B', revision, hash });

function signed(sequence: number, heads: StreamHead[], previousSignature: string | null, streams = heads.length): CheckpointEvent {
  const payload = { workspaceId: 'ws1', sequence, previousSignature, signedAt: NOW.toISOString(), keyId: 'key-1', streams, heads, contradictions: [] };
  return { type: 'IntegrityCheckpointSigned', data: { ...payload, signature: signer.sign(payload) } };
}

describe('checkpoint decider', () => {
  it('signs every head the first time, sorted by stream', () => {
    given([]).when(sign([b(0), a(2)])).then([signed(1, [a(2), b(0)], null)]);
  });

  it('signs only the heads that moved, naming the previous signature', () => {
    const first = signed(1, [a(2), b(0)], null);
    given([first]).when(sign([a(2), b(3)])).then([signed(2, [b(3)], first.data.signature, 2)]);
  });

  it('signs nothing when no head moved', () => {
    given([signed(1, [a(2), b(0)], null)]).when(sign([a(2), b(0)])).then([]);
  });

  it('reports a head that went back, one re-hashed in place and one that vanished, and signs none of them', () => {
    const first = signed(1, [a(4), b(1)], null);
    const expected = {
      workspaceId: 'ws1',
      sequence: 2,
      previousSignature: first.data.signature,
      signedAt: NOW.toISOString(),
      keyId: 'key-1',
      streams: 1,
      heads: [],
      contradictions: [
        { streamName: 'ticket-ws1.A', signed: { revision: 4, hash: 'a4' }, current: { revision: 2, hash: 'a2' } },
        { streamName: 'ticket-ws1.B', signed: { revision: 1, hash: 'b1' }, current: null },
      ],
    };
    given([first]).when(sign([a(2)])).then([{ type: 'IntegrityCheckpointSigned', data: { ...expected, signature: 'sig(2:)' } }]);
    given([first]).when(sign([a(4, 'forged'), b(1)])).then([
      {
        type: 'IntegrityCheckpointSigned',
        data: { ...expected, streams: 2, contradictions: [{ streamName: 'ticket-ws1.A', signed: { revision: 4, hash: 'a4' }, current: { revision: 4, hash: 'forged' } }], signature: 'sig(2:)' },
      },
    ]);
  });

  it('does not report the same contradiction twice in a row', () => {
    const first = signed(1, [a(4)], null);
    const reported: CheckpointEvent = {
      type: 'IntegrityCheckpointSigned',
      data: { ...signed(2, [], first.data.signature, 1).data, contradictions: [{ streamName: 'ticket-ws1.A', signed: { revision: 4, hash: 'a4' }, current: { revision: 2, hash: 'a2' } }] },
    };
    given([first, reported]).when(sign([a(2)])).then([]);
  });

  it('refuses heads that name a stream twice', () => {
    given([]).when(sign([a(1), a(2)])).thenThrows('heads_duplicated');
  });
});
