import { randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { chainEvents, GENESIS_HASH, hashLink, verifyChain } from './hash-chain';
import type { RecordedEvent } from './event-store.port';
import type { Position } from './position';

const events = () =>
  Array.from({ length: 50 }, (_, i) => ({
    id: i % 7 === 0 ? `host-"${i}"` : randomUUID(),
    type: i % 2 ? 'TicketAssigned' : 'Zeta',
    data: i % 11 === 0 ? undefined : { n: i / 3, list: [i, null, { z: 1, a: 'é' }] },
    metadata: i % 5 === 0 ? undefined : { workspaceId: 'ws1', actor: { id: `u${i}` }, aaa: i, zzz: [i], omitted: undefined, prevHash: 'ignored', hash: 'ignored' },
  }));

describe('hash chain', () => {
  it('hashes the canonical JSON of each link, chained by prevHash (prepared text equals canonicalJson)', () => {
    const links = chainEvents('ticket-ws1.T-1', { revision: 4, hash: 'a'.repeat(64) }, events(), new Date('2026-01-01T00:00:00Z'));
    links.forEach((link, i) => {
      const { hash, ...metadata } = link.metadata;
      expect(link.revision).toBe(5 + i);
      expect(metadata['prevHash']).toBe(i === 0 ? 'a'.repeat(64) : links[i - 1].metadata['hash']);
      expect(hash).toBe(hashLink({ ...link, metadata }));
      expect(canonicalJson({ ...link, metadata })).toContain(`"revision":${5 + i}`);
    });
  });

  it('verifies a stream it wrote and names the first altered event', () => {
    const recorded: RecordedEvent[] = chainEvents('ticket-ws1.T-2', { revision: -1, hash: GENESIS_HASH }, events(), new Date()).map((link) => ({
      ...link,
      position: '' as Position,
      recordedAt: new Date(),
    }));
    expect(verifyChain('ticket-ws1.T-2', recorded)).toMatchObject({ ok: true, checked: 50 });
    recorded[17] = { ...recorded[17], data: { n: -1 } };
    expect(verifyChain('ticket-ws1.T-2', recorded)).toMatchObject({ ok: false, revision: 17, reason: 'hash_mismatch' });
  });
});
