import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { Pool } from 'pg';
import { testPool } from '@trailmark/testing';
import { eventMetadata } from '@trailmark/command-handling';
import type { IngestEvent } from '@trailmark/contracts';
import { streams } from '@trailmark/contracts';
import { createPostgresEventStore, type StreamAppend } from '@trailmark/event-store';
import { generateApiKey, groupByStream, groupCommit, parseIngestRequest, planIngest } from '@trailmark/ingestion';
import { DIRECTORY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { startApiProcess } from './api-server';
import { startBenchPostgres } from './bench-postgres';
import { argument, formatRate, measureWriters, progressBar, runBenchmark } from './measure';

/**
 * End-to-end ingestion over HTTP against the real API process: batches of 500
 * host events from 8 connections, beside the direct appendToStreams rate of the
 * same planned events on the same database. Measured twice: with the
 * projections in the API process (the embedded default, where they compete
 * for the same cores), and on an api node with projections off, as in the
 * scale-out mode where a projector runs elsewhere.
 * Usage: npm run bench:ingest [-- --requests 200]
 */
const BATCH = 500;
const CONNECTIONS = 8;
const REQUESTS = Number(argument('--requests') ?? 200);
const TARGETS = { rate: 20_000, direct: 0.5 };

async function main(): Promise<void> {
  const postgres = await startBenchPostgres();
  const pool = testPool(postgres.url, CONNECTIONS + 2);
  pool.on('error', () => undefined);
  const store = createPostgresEventStore(pool);
  let api = await startApiProcess(postgres.url, { TRAILMARK_OWNER_EMAIL: 'bench@trailmark.local', TRAILMARK_OWNER_PASSWORD: 'bench-password-1' });
  try {
    const { workspaceId, key } = await createApiKey(store, pool);
    process.stderr.write(`Preparing ${REQUESTS} requests of ${BATCH} events…\n`);
    const bodies = () => Array.from({ length: REQUESTS }, () => JSON.stringify({ events: hostEvents(BATCH) }));

    const first = bodies();
    const http = await overHttp(api.url, key, first);
    const direct = await directAppends(store, workspaceId, first.map((body) => JSON.parse(body)));
    await api.stop();
    api = await startApiProcess(postgres.url, { TRAILMARK_PROJECTIONS: 'off' });
    const ingestNode = await overHttp(api.url, key, bodies());
    report(http, direct, ingestNode);
  } finally {
    await api.stop();
    await store.close();
    await pool.end();
    await postgres.stop();
  }
}

async function createApiKey(store: ReturnType<typeof createPostgresEventStore>, pool: Pool) {
  let workspaceId: string | undefined;
  for (const deadline = Date.now() + 30_000; !workspaceId && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    workspaceId = (await pool.query<{ workspace_id: string }>('SELECT workspace_id FROM directory_workspaces LIMIT 1')).rows[0]?.workspace_id;
  }
  if (!workspaceId) throw new Error('The first workspace did not appear');
  const { apiKeyId, key, prefix, keyHash } = generateApiKey();
  const metadata = eventMetadata({ workspaceId });
  const appended = await store.appendToStream(streams.apiKey(workspaceId, apiKeyId), [
    { id: randomUUID(), type: 'ApiKeyCreated', data: { apiKeyId, workspaceId, name: 'bench', prefix, keyHash }, metadata },
  ]);
  await waitForCheckpoint(pool, DIRECTORY_PROJECTION, appended.position, 10_000);
  return { workspaceId, key };
}

function hostEvents(count: number): IngestEvent[] {
  const actions = ['ticket.status_changed', 'ticket.assigned', 'comment.added', 'page.viewed'] as const;
  return Array.from({ length: count }, (_, i) => {
    const ticket = `T-${Math.floor(Math.random() * 5000)}`;
    const action = actions[i % actions.length];
    const base = {
      id: randomUUID(),
      action,
      actor: { id: `user-${i % 50}`, name: `User ${i % 50}` },
      context: { ip: `10.0.${i % 8}.${i % 200}`, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
    };
    if (action === 'page.viewed') return { ...base, target: { type: 'page', id: ticket, url: `https://app.example.com/tickets/${ticket}` } };
    if (action === 'comment.added') return { ...base, target: { type: 'ticket', id: ticket, name: `Ticket ${ticket}` }, details: { commentId: randomUUID(), body: 'Looked into it, waiting on the customer.' } };
    const field = action === 'ticket.assigned' ? 'assignee' : 'status';
    return { ...base, target: { type: 'ticket', id: ticket, name: `Ticket ${ticket}` }, changes: [{ field, from: 'open', to: 'pending' }] };
  });
}

interface HttpResult {
  events: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function overHttp(url: string, key: string, bodies: string[]): Promise<HttpResult> {
  const bar = progressBar('HTTP ingestion', bodies.length * BATCH);
  let next = 0;
  const started = process.hrtime.bigint();
  const result = await autocannon({
    url: `${url}/v1/events`,
    method: 'POST',
    connections: CONNECTIONS,
    amount: bodies.length,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    setupClient: (client) => client.on('response', () => bar.increment(BATCH)),
  });
  bar.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const accepted = (result['2xx'] ?? 0) * BATCH;
  return { events: accepted, perSecond: accepted / seconds, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

async function directAppends(store: ReturnType<typeof createPostgresEventStore>, workspaceId: string, requests: Array<{ events: unknown }>) {
  const planned: StreamAppend[][] = requests.map((request) => {
    const parsed = parseIngestRequest(request);
    if (!parsed.ok) throw new Error('bench events did not validate');
    const plan = planIngest(parsed.events, { workspaceId, apiKeyId: 'direct', correlationId: randomUUID(), receivedAt: new Date(), newId: randomUUID, device: () => undefined });
    if (!plan.ok) throw new Error('bench events did not map');
    return groupByStream(plan.events).map((append) => ({
      ...append,
      events: append.events.map((event) => ({ ...event, id: randomUUID() })),
    }));
  });
  // The same group commit the API uses, so the ratio is the cost of HTTP, validation and mapping.
  const append = groupCommit((appends) => store.appendToStreams(appends));
  let next = 0;
  return measureWriters('Direct appendToStreams', { writers: CONNECTIONS, batches: Math.ceil(planned.length / CONNECTIONS), batchSize: BATCH }, async () => {
    const appends = planned[next++];
    if (appends) await append(appends);
  });
}

function report(http: HttpResult, direct: { perSecond: number }, ingestNode: HttpResult): void {
  const ratio = http.perSecond / direct.perSecond;
  console.log(`\n${REQUESTS} requests of ${BATCH} events over ${CONNECTIONS} connections, projections in the API process:`);
  console.log(`  HTTP ingestion accepted      ${formatRate(http.perSecond).padStart(20)}   target >= ${TARGETS.rate.toLocaleString('en-US')}/s  ${http.perSecond >= TARGETS.rate ? 'PASS' : 'FAIL'}`);
  console.log(`  request latency p50 / p99    ${`${http.p50} ms / ${http.p99} ms`.padStart(20)}`);
  console.log(`  non-2xx answers              ${String(http.non2xx).padStart(20)}`);
  console.log(`  direct appendToStreams       ${formatRate(direct.perSecond).padStart(20)}`);
  console.log(`  HTTP / direct                ${`${ratio.toFixed(2)}x`.padStart(20)}   target >= ${TARGETS.direct}x  ${ratio >= TARGETS.direct ? 'PASS' : 'FAIL'}`);
  console.log(`\nThe same on an api node with projections off (scale-out mode; the events are new):`);
  console.log(`  HTTP ingestion accepted      ${formatRate(ingestNode.perSecond).padStart(20)}   target >= ${TARGETS.rate.toLocaleString('en-US')}/s  ${ingestNode.perSecond >= TARGETS.rate ? 'PASS' : 'FAIL'}`);
  console.log(`  request latency p50 / p99    ${`${ingestNode.p50} ms / ${ingestNode.p99} ms`.padStart(20)}`);
  console.log(`  non-2xx answers              ${String(ingestNode.non2xx).padStart(20)}`);
}

runBenchmark(main);
