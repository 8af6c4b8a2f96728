import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@trailmark/contracts';
import { createPostgresEventStore, type EventStore, hashLink, type RecordedEvent } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { Client, type Pool } from 'pg';
import { auditStreams } from '../audit-streams';
import { CheckpointService } from './checkpoint.service';
import { IntegrityVerifier } from './integrity-verifier';
import { SIGNING_KEY_VARIABLE, signingKeyOf } from './signing-key';
import { SigningKeySource } from './signing-key.source';

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let checkpoints: CheckpointService;
const privateKey = generateKeyPairSync('ed25519').privateKey;
const key = signingKeyOf(privateKey);
const verifier = () => new IntegrityVerifier(pool, key);
const system = { actor: SYSTEM_ACTOR };

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  store = createPostgresEventStore(pool);
  const keys = new SigningKeySource({ [SIGNING_KEY_VARIABLE]: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
  checkpoints = new CheckpointService(store, pool, keys);
}, 60_000);

afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

async function seed(streamName: string, count: number): Promise<RecordedEvent[]> {
  await store.appendToStream(
    streamName,
    Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'NoteAdded', data: { n }, metadata: { workspaceId: 'ws' } })),
  );
  return store.readStream(streamName);
}

async function asSuperuser(statements: Array<[string, unknown[]]>): Promise<void> {
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    await client.query('ALTER TABLE es_events DISABLE TRIGGER es_events_immutable');
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('ALTER TABLE es_events ENABLE TRIGGER es_events_immutable');
  } finally {
    await client.end();
  }
}

/** A rewrite that keeps the chain whole: new content and its own recomputed hash, in the events and the head. */
async function rewriteLast(event: RecordedEvent, data: unknown): Promise<void> {
  const { hash: _, ...metadata } = event.metadata;
  const hash = hashLink({ streamName: event.streamName, revision: event.revision, id: event.id, type: event.type, data, metadata });
  await asSuperuser([
    ['UPDATE es_events SET data = $2, metadata = $3 WHERE event_id = $1', [event.id, JSON.stringify(data), JSON.stringify({ ...metadata, hash })]],
    ['UPDATE es_streams SET head_hash = $2 WHERE stream_name = $1', [event.streamName, hash]],
  ]);
}

describe('integrity verification against a tampered store', () => {
  const t = (n: number) => `ticket-ws1.T-${n}`;
  let streams: RecordedEvent[][];

  beforeAll(async () => {
    streams = [];
    for (let n = 1; n <= 5; n += 1) streams.push(await seed(t(n), 5));
    await seed('ticket-ws2.T-1', 3);
    const signed = await checkpoints.sign('ws1', system);
    expect(signed).toMatchObject({ sequence: 1, previousSignature: null, keyId: key.keyId, streams: 5, contradictions: [] });
    expect(signed?.heads.map((head) => `${head.streamName}@${head.revision}`)).toEqual([1, 2, 3, 4, 5].map((n) => `${t(n)}@4`));
  });

  it('finds nothing wrong before anyone tampers, and counts every event', async () => {
    const report = await verifier().verify({ scope: 'workspace', workspaceId: 'ws1' });
    expect(report).toMatchObject({ scope: 'workspace', target: 'ws1', ok: true, streams: 6, events: 26, findings: [] });
    expect(report.checkpoints).toEqual([{ workspaceId: 'ws1', sequence: 1, signedAt: expect.any(String), keyId: key.keyId }]);
    expect(await checkpoints.sign('ws1', system)).toBeNull();
  });

  it('names a changed row, a deleted row, a truncated tail, a reordered pair and a re-hashed rewrite', async () => {
    const [one, two, three, four, five] = streams;
    await asSuperuser([
      ['UPDATE es_events SET data = $2 WHERE event_id = $1', [one[2].id, '{"n": 42}']],
      ['DELETE FROM es_events WHERE event_id = $1', [two[1].id]],
      ['DELETE FROM es_events WHERE event_id = ANY($1)', [[three[3].id, three[4].id]]],
      ['UPDATE es_streams SET revision = 2, head_hash = $2 WHERE stream_name = $1', [t(3), three[2].metadata['hash']]],
      ['UPDATE es_events SET revision = -1 WHERE event_id = $1', [four[1].id]],
      ['UPDATE es_events SET revision = 1 WHERE event_id = $1', [four[2].id]],
      ['UPDATE es_events SET revision = 2 WHERE event_id = $1', [four[1].id]],
    ]);
    await rewriteLast(five[4], { n: 'forged' });

    const report = await verifier().verify({ scope: 'workspace', workspaceId: 'ws1' });

    expect(report).toMatchObject({ ok: false, streams: 6, events: 23 });
    expect(report.findings.map(({ streamName, problem, revision, eventId }) => ({ streamName, problem, revision, eventId }))).toEqual([
      { streamName: t(1), problem: 'changed', revision: 2, eventId: one[2].id },
      { streamName: t(2), problem: 'removed', revision: 1, eventId: two[2].id },
      { streamName: t(3), problem: 'truncated', revision: 3, eventId: undefined },
      { streamName: t(4), problem: 'reordered', revision: 1, eventId: four[2].id },
      { streamName: t(5), problem: 'changed', revision: 4, eventId: undefined },
    ]);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      `Event ${one[2].id} (NoteAdded) at revision 2 was altered: its content no longer matches its hash ${String(one[2].metadata['hash']).slice(0, 12)}…`,
      `Revision 1 is missing from ${t(2)}: removed. Event ${two[2].id} (NoteAdded) at revision 2 links to ${String(two[1].metadata['hash']).slice(0, 12)}…, the hash of the event that was there`,
      `${t(3)} ends at revision 2, but checkpoint #1 signed its revision 4 (hash ${String(three[4].metadata['hash']).slice(0, 12)}…): its tail was removed`,
      `Event ${four[2].id} (NoteAdded) at revision 1 links to event ${four[1].id}, which now comes after it at revision 2: events were reordered`,
      expect.stringMatching(new RegExp(`^Revision 4 of ${t(5)} has hash \\w{12}…, but checkpoint #1 signed ${String(five[4].metadata['hash']).slice(0, 12)}…: the stream was rewritten`)),
    ]);
  });

  it('verifies one stream on its own, against its signed head', async () => {
    const report = await verifier().verify({ scope: 'stream', workspaceId: 'ws1', streamName: t(3) });
    expect(report).toMatchObject({ scope: 'stream', target: t(3), ok: false, streams: 1, events: 3 });
    expect(report.findings).toEqual([expect.objectContaining({ streamName: t(3), problem: 'truncated', revision: 3 })]);
  });

  it('verifies everything: the other workspace is whole, and the same five are named', async () => {
    const report = await verifier().verify({ scope: 'all' });
    expect(report.streams).toBe(7);
    expect(report.events).toBe(26);
    expect(report.findings.map((finding) => finding.streamName)).toEqual([1, 2, 3, 4, 5].map(t));
  });

  it('reports the contradicted heads in the next checkpoint instead of signing them', async () => {
    const signed = await checkpoints.sign('ws1', system);
    expect(signed?.sequence).toBe(2);
    expect(signed?.heads).toEqual([]);
    expect(signed?.contradictions.map((c) => [c.streamName, c.signed.revision, c.current?.revision])).toEqual([
      [t(3), 4, 2],
      [t(5), 4, 4],
    ]);
  });

  it('names a checkpoint whose content was changed, even with its event hash recomputed', async () => {
    await seed('ticket-ws2.T-2', 2);
    await checkpoints.sign('ws2', system);
    const [checkpoint] = await store.readStream(auditStreams.checkpoints('ws2'));
    const data = checkpoint.data as { heads: Array<{ revision: number }> };
    await rewriteLast(checkpoint, { ...data, heads: data.heads.map((head) => ({ ...head, revision: 0 })) });

    const report = await verifier().verify({ scope: 'workspace', workspaceId: 'ws2' });
    expect(report.findings).toEqual([
      {
        streamName: auditStreams.checkpoints('ws2'),
        problem: 'checkpoint_invalid',
        revision: 0,
        eventId: checkpoint.id,
        message: `Checkpoint #1 (event ${checkpoint.id}) does not match its signature: it was altered or forged`,
      },
    ]);
  });
});
