import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { CheckpointService, IntegrityVerifier, SIGNING_KEY_VARIABLE, SigningKeySource, type VerifyTarget } from '@trailmark/audit';
import { SYSTEM_ACTOR } from '@trailmark/contracts';
import { createPostgresEventStore, type EventStore, type StreamAppend } from '@trailmark/event-store';
import { testPool } from '@trailmark/testing';
import type { Pool } from 'pg';
import { startBenchPostgres } from './bench-postgres';
import { argument, formatRate, progressBar, result, runBenchmark, type Throughput } from './measure';

/**
 * Hash chain verification rate on a seeded store: a workspace, then every
 * stream, each verified twice (the first pass warms the cache) with the
 * checkpoint check included. Usage: npm run bench:verify [-- --events 200000]
 */
const EVENTS = Number(argument('--events') ?? 200_000);
const PER_STREAM = Number(argument('--per-stream') ?? 20);
const STREAMS_PER_CALL = 50;
const WRITERS = 4;
const WORKSPACES = ['ws1', 'ws2'];
const TARGET = 50_000;

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const pool = testPool(postgres.url, WRITERS + 2);
  // Idle connections see the server stop at the end; that is expected.
  pool.on('error', () => undefined);
  const store = createPostgresEventStore(pool);
  try {
    const privateKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keys = new SigningKeySource({ [SIGNING_KEY_VARIABLE]: privateKey });
    await seed(store);
    await pool.query('ANALYZE es_events');
    for (const workspaceId of WORKSPACES) await new CheckpointService(store, pool, keys).sign(workspaceId, { actor: SYSTEM_ACTOR });
    const verifier = new IntegrityVerifier(pool, await keys.get());
    const workspaceEvents = Math.ceil(EVENTS / WORKSPACES.length);
    await measure(verifier, { scope: 'workspace', workspaceId: 'ws1' }, 'workspace ws1 (warm-up)', workspaceEvents);
    const workspace = await measure(verifier, { scope: 'workspace', workspaceId: 'ws1' }, 'verify workspace ws1', workspaceEvents);
    const everything = await measure(verifier, { scope: 'all' }, 'verify every stream', EVENTS);
    report(workspace, everything);
    await selfCheck(pool, verifier);
  } finally {
    await store.close();
    await pool.end();
    await postgres.stop();
  }
}

/** EVENTS events in streams of PER_STREAM, split between the workspaces, appended by WRITERS concurrent writers. */
async function seed(store: EventStore): Promise<void> {
  const streams = Math.ceil(EVENTS / PER_STREAM);
  const calls = Math.ceil(streams / STREAMS_PER_CALL);
  const bar = progressBar('seed', streams * PER_STREAM);
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let call = next++; call < calls; call = next++) {
        const appends: StreamAppend[] = [];
        for (let s = call * STREAMS_PER_CALL; s < Math.min((call + 1) * STREAMS_PER_CALL, streams); s += 1) {
          const workspaceId = WORKSPACES[s % WORKSPACES.length];
          appends.push({ streamName: `ticket-${workspaceId}.T-${s}`, events: events(workspaceId, s) });
        }
        await store.appendToStreams(appends);
        bar.increment(appends.length * PER_STREAM);
      }
    }),
  );
  bar.stop();
}

function events(workspaceId: string, record: number) {
  return Array.from({ length: PER_STREAM }, (_, n) => ({
    id: randomUUID(),
    type: n === 0 ? 'TicketCreated' : 'TicketUpdated',
    data: n === 0 ? { recordType: 'ticket', recordId: `T-${record}`, fields: { title: `Ticket ${record}`, status: 'open' } } : { recordType: 'ticket', recordId: `T-${record}`, changes: [{ field: 'status', from: 'open', to: n % 2 ? 'pending' : 'open' }] },
    metadata: {
      workspaceId,
      layer: 'workspace',
      actor: { kind: 'host_actor', id: 'agent-42', name: 'Alice Example' },
      ip: '10.0.0.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
      device: { type: 'desktop', os: 'Linux', browser: 'Firefox' },
      result: 'success',
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
    },
  }));
}

type Measured = Throughput & { cpuSeconds: number };

/** Wall-clock rate, and the CPU this process (every thread) spent: the build machines are shared, so both are shown. */
async function measure(verifier: IntegrityVerifier, target: VerifyTarget, name: string, expected: number): Promise<Measured> {
  const bar = progressBar(name, expected);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const report = await verifier.verify(target, ({ events }) => bar.update(events));
  const { user, system } = process.cpuUsage(cpu);
  bar.stop();
  if (!report.ok) throw new Error(`${name} found problems in an untouched store: ${report.findings.map((finding) => finding.message).join('; ')}`);
  return { ...result(name, report.events, started), cpuSeconds: (user + system) / 1e6 };
}

/** The figures count only if the same path names a changed event: change one behind the triggers and verify again. */
async function selfCheck(pool: Pool, verifier: IntegrityVerifier): Promise<void> {
  const { rows } = await pool.query<{ event_id: string }>(`SELECT event_id FROM es_events WHERE stream_name = 'ticket-ws2.T-7' AND revision = 3`);
  await pool.query('ALTER TABLE es_events DISABLE TRIGGER es_events_immutable');
  await pool.query(`UPDATE es_events SET data = '{"forged":true}' WHERE event_id = $1`, [rows[0].event_id]);
  await pool.query('ALTER TABLE es_events ENABLE TRIGGER es_events_immutable');
  const { findings } = await verifier.verify({ scope: 'all' });
  const named = findings.map(({ streamName, problem, revision, eventId }) => `${problem} ${streamName}@${revision} ${eventId}`);
  const expected = `changed ticket-ws2.T-7@3 ${rows[0].event_id}`;
  if (named.length !== 1 || named[0] !== expected) throw new Error(`Self-check: expected only "${expected}", found ${JSON.stringify(named)}`);
  console.log(`Self-check: one event changed behind the triggers was named: ${expected}`);
}

function report(workspace: Measured, everything: Measured): void {
  const load = loadavg().map((value) => value.toFixed(1)).join(' ');
  console.log(`\n${EVENTS.toLocaleString('en-US')} events in streams of ${PER_STREAM}, ${WORKSPACES.length} workspaces, checkpoint check included;`);
  console.log(`${availableParallelism()} cores, load average ${load}:`);
  for (const r of [workspace, everything]) {
    const ok = r.perSecond >= TARGET;
    console.log(
      `  ${r.name.padEnd(22)} ${r.events.toLocaleString('en-US').padStart(9)} events ${formatRate(r.perSecond).padStart(18)}  (${r.seconds.toFixed(2)} s, ` +
        `${formatRate(r.events / r.cpuSeconds)} per CPU-second of this process)   target >= ${TARGET.toLocaleString('en-US')}/s ${ok ? 'PASS' : 'FAIL'}`,
    );
  }
}

runBenchmark(main);
