import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { Pool } from 'pg';
import { testPool } from '@trailmark/testing';
import { createPostgresEventStore } from '@trailmark/event-store';
import { startBenchPostgres } from './bench-postgres';
import { argument, formatRate, measureWriters, progressBar, result, type Throughput, runBenchmark } from './measure';

/**
 * Append throughput of the Postgres event store beside Emmett's PostgreSQL
 * event store and a bare multi-row INSERT on the same database, then the `$all`
 * catch-up read rate. Usage: npm run bench:store [-- --batches 100]
 */
const WRITERS = 8;
const BATCH_SIZE = 100;
const BATCHES = Number(argument('--batches') ?? 100);
const STREAMS_PER_WRITER = 10;
const TARGETS = { emmett: 1.0, bare: 0.5, catchUp: 100_000 };

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const pool = testPool(postgres.url, WRITERS + 2);
  // Idle connections see the server stop at the end; that is expected.
  pool.on('error', () => undefined);
  const store = createPostgresEventStore(pool);
  const emmett = getPostgreSQLEventStore(postgres.url, { schema: { autoMigration: 'CreateOrUpdate' } });
  await pool.query('CREATE TABLE bench_bare (event_id text PRIMARY KEY, stream_name text, event_type text, data jsonb, metadata jsonb, recorded_at timestamptz)');
  try {
    const options = { writers: WRITERS, batches: BATCHES, batchSize: BATCH_SIZE };
    const stream = (system: string, writer: number, batch: number) => `bench${system}-ws${writer}.r${batch % STREAMS_PER_WRITER}`;

    await warmUp(store, emmett, pool);
    const trailmark = await measureWriters('Trailmark Postgres store', options, (w, b) =>
      store.appendToStream(stream('t', w, b), events()).then(() => undefined),
    );
    const emmettResult = await measureWriters('Emmett PostgreSQL store', options, (w, b) =>
      emmett.appendToStream(stream('e', w, b), events()).then(() => undefined),
    );
    const bare = await measureWriters('Bare multi-row INSERT', options, (w, b) => bareInsert(pool, stream('b', w, b), events()));
    const stored = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events')).rows[0].n;
    // The first pass also pays for pages still being written back after the appends; report the second.
    await measureCatchUp(store, stored, 'catch-up (warm-up)');
    const catchUp = await measureCatchUp(store, stored, '$all catch-up read');

    report(trailmark, emmettResult, bare, catchUp);
    await emmett.close();
  } finally {
    await store.close();
    await pool.end();
    await postgres.stop();
  }
}

function events() {
  return Array.from({ length: BATCH_SIZE }, (_, n) => ({
    id: randomUUID(),
    type: 'TicketStatusChanged',
    data: { ticketId: randomUUID(), from: 'open', to: n % 2 ? 'pending' : 'solved', changedBy: 'user-42' },
    metadata: {
      workspaceId: 'ws1',
      layer: 'workspace',
      actor: { kind: 'user', id: 'user-42', name: 'Alice Example' },
      ip: '10.0.0.7',
      result: 'success',
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
    },
  }));
}

async function bareInsert(pool: Pool, streamName: string, batch: ReturnType<typeof events>): Promise<void> {
  const values: unknown[] = [];
  const rows = batch.map((event, i) => {
    values.push(event.id, streamName, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), new Date());
    const p = i * 6;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
  });
  await pool.query(`INSERT INTO bench_bare VALUES ${rows.join(', ')}`, values);
}

async function warmUp(store: ReturnType<typeof createPostgresEventStore>, emmett: ReturnType<typeof getPostgreSQLEventStore>, pool: Pool) {
  for (let i = 0; i < 20; i += 1) {
    await store.appendToStream(`warm-ws.t${i}`, events());
    await emmett.appendToStream(`warm-ws.e${i}`, events());
    await bareInsert(pool, `warm-ws.b${i}`, events());
  }
}

async function measureCatchUp(store: ReturnType<typeof createPostgresEventStore>, expected: number, name: string): Promise<Throughput> {
  const bar = progressBar(name, expected);
  const started = process.hrtime.bigint();
  const subscription = store.subscribeToAll({ batchSize: 2000 });
  let read = 0;
  for await (const _event of subscription) {
    read += 1;
    if (read % 2000 === 0) bar.update(read);
    if (read === expected) break;
  }
  await subscription.close();
  bar.stop();
  return result(name, read, started);
}

function report(trailmark: Throughput, emmett: Throughput, bare: Throughput, catchUp: Throughput): void {
  const line = (label: string, value: string, target: string, ok: boolean) =>
    console.log(`${label.padEnd(34)} ${value.padStart(22)}   target ${target.padEnd(16)} ${ok ? 'PASS' : 'FAIL'}`);
  console.log(`\n${WRITERS} writers, batches of ${BATCH_SIZE}, ${trailmark.events.toLocaleString('en-US')} events each:`);
  for (const r of [trailmark, emmett, bare]) console.log(`  ${r.name.padEnd(32)} ${formatRate(r.perSecond).padStart(22)}  (${r.seconds.toFixed(2)} s)`);
  console.log('');
  line('Trailmark / Emmett', `${(trailmark.perSecond / emmett.perSecond).toFixed(2)}x`, `>= ${TARGETS.emmett}x`, trailmark.perSecond >= TARGETS.emmett * emmett.perSecond);
  line('Trailmark / bare INSERT', `${(trailmark.perSecond / bare.perSecond).toFixed(2)}x`, `>= ${TARGETS.bare}x`, trailmark.perSecond >= TARGETS.bare * bare.perSecond);
  line('$all catch-up', formatRate(catchUp.perSecond), `>= ${TARGETS.catchUp.toLocaleString('en-US')}/s`, catchUp.perSecond >= TARGETS.catchUp);
}

runBenchmark(main);
