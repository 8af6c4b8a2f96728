import { randomUUID } from 'node:crypto';
import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { eventMetadata, handleCommand } from '@trailmark/command-handling';
import { type IngestEvent, MAX_EVENTS_PER_REQUEST, streams } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { apiKeyDecider, workspaceDecider } from '@trailmark/domain';
import { createPostgresEventStore, EVENT_STORE, type EventStore, type Position } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, directoryProjection, runProjection, type RunningProjection, waitForCheckpoint } from '@trailmark/projections';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { generateApiKey } from './api-key';
import { INGEST_PATH, ingestJsonParser } from './ingestion-body-parser';
import { IngestionModule } from './ingestion.module';
import type { IngestionOptions } from './ingestion.options';

jest.setTimeout(60_000);

const KEY_CACHE_TTL_MS = 100;

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let projection: RunningProjection;
let app: INestApplication;
let workspaceId: string;
let key: string;

/** What `RuntimeModule.register` provides in the API: the pool and the event store, globally. */
@Global()
@Module({})
class TestRuntimeModule {
  static register(): DynamicModule {
    const providers = [
      { provide: PG_POOL, useValue: pool },
      { provide: EVENT_STORE, useValue: store },
    ];
    return { module: TestRuntimeModule, providers, exports: providers.map((provider) => provider.provide) };
  }
}

/** The API's body parsing: ingestion's parser before the general one. Parser errors get Express's answer here. */
async function startApp(options: IngestionOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [TestRuntimeModule.register(), IngestionModule.register(options)] }).compile();
  const nest = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  nest.use(INGEST_PATH, ingestJsonParser());
  nest.useBodyParser('json', { limit: '100kb' });
  await nest.listen(0, '127.0.0.1');
  return nest;
}

const metadata = (workspace: string) => ({ metadata: () => eventMetadata({ workspaceId: workspace }) });

async function settled(position: Position | undefined) {
  if (!position) throw new Error('nothing was appended');
  expect(await waitForCheckpoint(pool, DIRECTORY_PROJECTION, position, 10_000)).toBe(true);
}

async function createWorkspace(): Promise<string> {
  const id = `ws${randomUUID().slice(0, 8)}`;
  const command = { type: 'CreateWorkspace' as const, data: { workspaceId: id, name: 'Acme', owner: { userId: `u-${id}`, email: 'owner@example.com' } } };
  await settled((await handleCommand(store, streams.workspace(id), workspaceDecider, command, metadata(id))).append?.position);
  return id;
}

async function createKey(workspace: string): Promise<{ apiKeyId: string; key: string }> {
  const { key: plain, ...created } = generateApiKey();
  const command = { type: 'CreateApiKey' as const, data: { ...created, workspaceId: workspace, name: 'helpdesk' } };
  await settled((await handleCommand(store, streams.apiKey(workspace, created.apiKeyId), apiKeyDecider, command, metadata(workspace))).append?.position);
  return { apiKeyId: created.apiKeyId, key: plain };
}

async function revokeKey(workspace: string, apiKeyId: string) {
  const command = { type: 'RevokeApiKey' as const, data: { apiKeyId } };
  await settled((await handleCommand(store, streams.apiKey(workspace, apiKeyId), apiKeyDecider, command, metadata(workspace))).append?.position);
  await new Promise((resolve) => setTimeout(resolve, KEY_CACHE_TTL_MS + 20));
}

const post = (body: unknown, bearer: string | null = key, target = app) => {
  const call = request(target.getHttpServer()).post(INGEST_PATH).set('content-type', 'application/json');
  return (bearer === null ? call : call.set('authorization', `Bearer ${bearer}`)).send(typeof body === 'string' ? body : JSON.stringify(body));
};

const countEvents = async () => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);

const actor = { id: 'host-u1', name: 'Ada Lovelace', type: 'agent' };
const context = { ip: '203.0.113.9', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36' };
const ticketEvent = (id: string, overrides: Partial<IngestEvent> = {}): IngestEvent => ({
  id,
  action: 'ticket.created',
  actor,
  target: { type: 'ticket', id: `T-${id}`, name: 'Printer on fire' },
  details: { fields: { priority: 'high' } },
  ...overrides,
});

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 20);
  store = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  projection = runProjection(store, pool, directoryProjection, { retryMs: 50 });
  workspaceId = await createWorkspace();
  key = (await createKey(workspaceId)).key;
  app = await startApp({ keyCacheTtlMs: KEY_CACHE_TTL_MS });
});

afterAll(async () => {
  await app?.close();
  await projection?.stop();
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

describe('POST /v1/events', () => {
  const batchId = randomUUID().slice(0, 8);
  const batch: IngestEvent[] = [
    ticketEvent(`${batchId}-1`, { occurredAt: '2026-01-05T10:00:00Z', context }),
    {
      id: `${batchId}-2`,
      action: 'ticket.assigned',
      occurredAt: '2026-01-05T09:00:00Z',
      actor,
      target: { type: 'ticket', id: `T-${batchId}-1`, url: 'https://help.example.com/t/1' },
      changes: [{ field: 'assignee', to: { id: 'host-u2', name: 'Grace' } }],
      context,
    },
    { id: `${batchId}-3`, action: 'comment.added', actor, target: { type: 'ticket', id: `T-${batchId}-1` }, details: { commentId: 'c-1', body: 'On it' } },
    { id: `${batchId}-4`, action: 'page.viewed', actor, target: { type: 'page', id: '/tickets/1', url: 'https://help.example.com/tickets/1', name: 'Ticket 1' }, context },
    { id: `${batchId}-5`, action: 'file.uploaded', actor, target: { type: 'file', id: `f-${batchId}`, name: 'a.pdf' }, details: { sizeBytes: 10 } },
    { id: `${batchId}-6`, action: 'user.sign_in_failed', actor, context, details: { reason: 'wrong_password' } },
    { id: `${batchId}-7`, action: 'invoice.paid', actor, target: { type: 'invoice', id: 'inv-7' }, details: { amount: 120 } },
  ];

  it('stores each event as its domain event in its stream, with the metadata of the request, and answers 202', async () => {
    const response = await post({ events: batch });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ results: batch.map(({ id }) => ({ id, status: 'accepted' })), accepted: 7, duplicates: 0 });
    const requestId = response.headers['x-request-id'];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const ticket = await store.readStream(streams.record(workspaceId, 'ticket', `T-${batchId}-1`));
    expect(ticket.map((event) => event.type)).toEqual(['TicketCreated', 'TicketAssigned', 'CommentAdded']);
    expect(ticket[1].data).toEqual({ recordType: 'ticket', recordId: `T-${batchId}-1`, from: null, to: { id: 'host-u2', name: 'Grace' } });
    expect(ticket[0].metadata).toMatchObject({
      workspaceId,
      layer: 'workspace',
      actor: { kind: 'host_actor', id: 'host-u1', name: 'Ada Lovelace' },
      actorType: 'agent',
      ip: '203.0.113.9',
      userAgent: context.userAgent,
      device: { type: 'desktop', os: 'Windows 10', browser: 'Chrome 124' },
      result: 'success',
      occurredAt: '2026-01-05T10:00:00.000Z',
      correlationId: requestId,
      source: 'ingestion',
      hostEventId: `${batchId}-1`,
      host: { action: 'ticket.created', target: { name: 'Printer on fire' } },
    });
    expect(ticket[1].metadata).toMatchObject({ flags: ['occurred_out_of_order'], host: { target: { url: 'https://help.example.com/t/1' } } });
    expect(ticket[0].metadata['flags']).toBeUndefined();

    const [pageView] = await store.readStream(streams.browsing(workspaceId, 'host-u1'));
    expect(pageView).toMatchObject({ type: 'PageViewed', data: { url: 'https://help.example.com/tickets/1', title: 'Ticket 1' } });
    expect((await store.readStream(streams.file(workspaceId, `f-${batchId}`)))[0]).toMatchObject({ type: 'FileUploaded', data: { sizeBytes: 10 } });
    const [signIn] = await store.readStream(streams.activity(workspaceId, 'user_host-u1'));
    expect(signIn).toMatchObject({ type: 'SignInFailed', data: { userId: 'host-u1', reason: 'wrong_password', ip: '203.0.113.9' }, metadata: { result: 'failure' } });
    const [invoice] = await store.readStream(streams.activity(workspaceId, 'invoice_inv-7'));
    expect(invoice).toMatchObject({ type: 'ActivityRecorded', data: { action: 'invoice.paid', target: { recordType: 'invoice', recordId: 'inv-7' }, details: { amount: 120 } } });
  });

  it('answers a retry with all duplicates and stores nothing new', async () => {
    const before = await countEvents();
    const response = await post({ events: batch });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ results: batch.map(({ id }) => ({ id, status: 'duplicate' })), accepted: 0, duplicates: 7 });
    expect(await countEvents()).toBe(before);
  });

  it('stores nothing of a request with one malformed event, naming each bad field by its path', async () => {
    const before = await countEvents();
    const events = [
      ticketEvent(randomUUID()),
      { ...ticketEvent(randomUUID()), actor: { name: 'No id' } },
      ticketEvent(randomUUID(), { result: 'maybe' as never, occurredAt: 'last tuesday' }),
      ticketEvent(randomUUID(), { action: 'ticket.snoozed' }),
    ];
    const response = await post({ events });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining('events.1.actor.id: Required'),
      issues: [
        { path: 'events.1.actor.id', message: 'Required' },
        { path: 'events.2.occurredAt', message: expect.stringContaining('ISO 8601') },
        { path: 'events.2.result', message: expect.stringContaining('success') },
      ],
    });
    const mapped = await post({ events: [events[0], events[3]] });
    expect(mapped.body.issues).toEqual([{ path: 'events.1.details.until', message: 'Required for ticket.snoozed' }]);
    expect(await countEvents()).toBe(before);
  });

  it.each([
    ['a NUL character in details', { details: { note: 'a\u0000b' } }, 'events.0.details.note'],
    ['a NUL character in an id', { target: { type: 'ticket', id: 'T-\u0000' } }, 'events.0.target.id'],
    ['details nested too deeply', { details: { a: { b: { c: { d: { e: { f: { g: { h: { i: 1 } } } } } } } } } }, 'events.0.details.a.b.c.d.e.f.g.h'],
    ['an unpaired surrogate in a key', { details: { ['\ud800']: 1 } }, 'events.0.details.\ud800'],
    ['an action with spaces', { action: 'drop table' }, 'events.0.action'],
    ['an IP that is not one', { context: { ip: '999.1.1.1' } }, 'events.0.context.ip'],
  ])('refuses %s with 400, never 500', async (_, overrides, path) => {
    const response = await post({ events: [ticketEvent(randomUUID(), overrides as Partial<IngestEvent>)] });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((issue: { path: string }) => issue.path)).toEqual([path]);
  });

  it('refuses bodies that are not a list of events with 400', async () => {
    expect((await post('{"events": ')).status).toBe(400);
    expect((await post({ events: [] })).body.issues).toEqual([{ path: 'events', message: 'Send at least one event' }]);
    expect((await post({ events: 'none' })).status).toBe(400);
    expect((await post([1, 2])).body.issues).toEqual([{ path: 'body', message: expect.stringContaining('expected object') }]);
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await post({ events: [ticketEvent(randomUUID(), { details: { blob: 'x'.repeat(6 * 1024 * 1024) } })] });
    expect(response.status).toBe(413);
  });

  it('accepts 1,000 events in one request and refuses 1,001', async () => {
    const events = Array.from({ length: MAX_EVENTS_PER_REQUEST }, (_, i) => ticketEvent(`${randomUUID()}-${i}`, { context }));
    const response = await post({ events });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(MAX_EVENTS_PER_REQUEST);

    const before = await countEvents();
    const tooMany = await post({ events: [...events, ticketEvent(randomUUID())] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.issues).toEqual([{ path: 'events', message: `At most ${MAX_EVENTS_PER_REQUEST} events per request` }]);
    expect(await countEvents()).toBe(before);
  });

  it('generates ids for events without one, and keeps an event claimed in the future, flagged', async () => {
    const response = await post({ events: [{ action: 'report.scheduled', actor, occurredAt: '2999-01-01T00:00:00Z' }] });
    expect(response.status).toBe(202);
    const [{ id, status }] = response.body.results;
    expect(status).toBe('accepted');
    const [stored] = await store.readStream(streams.activity(workspaceId, 'user_host-u1')).then((events) => events.filter((event) => event.id === id));
    expect(stored).toMatchObject({ type: 'ActivityRecorded', data: { action: 'report.scheduled' }, metadata: { occurredAt: '2999-01-01T00:00:00.000Z', flags: ['occurred_in_future'] } });
  });

  it('is described in the OpenAPI document', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().addBearerAuth().build());
    const operation = document.paths[INGEST_PATH]?.post;
    expect(operation).toMatchObject({
      tags: ['ingestion'],
      security: [{ bearer: [] }],
      requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['events'] } } } },
    });
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual(['202', '400', '401', '403', '413', '429']);
  });

  describe('authentication', () => {
    it.each([
      ['no Authorization header', null, 'Send an API key: Authorization: Bearer <key>'],
      ['a malformed key', 'not-a-key', 'Malformed API key: expected tmk_<id>_<secret>'],
      ['an unknown key', generateApiKey().key, 'Unknown API key'],
    ])('answers 401 for %s', async (_, bearer, message) => {
      const response = await post({ events: [ticketEvent(randomUUID())] }, bearer);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, error: 'Unauthorized', message });
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.headers['x-request-id']).toBeDefined();
    });

    it('answers 401 for a known key id with the wrong secret', async () => {
      const wrongSecret = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
      const response = await post({ events: [ticketEvent(randomUUID())] }, wrongSecret);
      expect(response.body).toMatchObject({ statusCode: 401, message: 'Unknown API key' });
    });

    it('stops a key within the cache TTL of its revocation', async () => {
      const revocable = await createKey(workspaceId);
      expect((await post({ events: [ticketEvent(randomUUID())] }, revocable.key)).status).toBe(202);
      await revokeKey(workspaceId, revocable.apiKeyId);
      const response = await post({ events: [ticketEvent(randomUUID())] }, revocable.key);
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('API key revoked');
    });

    it('answers 403 for a key whose workspace does not exist', async () => {
      const orphan = await createKey(`gone${randomUUID().slice(0, 8)}`);
      const response = await post({ events: [ticketEvent(randomUUID())] }, orphan.key);
      expect(response.status).toBe(403);
      expect(response.body.message).toBe("The API key's workspace no longer exists");
    });

    it('writes only to the workspace of the key', async () => {
      const other = await createWorkspace();
      const otherKey = await createKey(other);
      const shared = `shared-${randomUUID()}`;
      expect((await post({ events: [ticketEvent(shared)] })).body.accepted).toBe(1);
      expect((await post({ events: [ticketEvent(shared)] }, otherKey.key)).body.accepted).toBe(1);
      const [stored] = await store.readStream(streams.record(other, 'ticket', `T-${shared}`));
      expect(stored.metadata).toMatchObject({ workspaceId: other, apiKeyId: otherKey.apiKeyId });
    });
  });

  describe('rate limits', () => {
    let limited: INestApplication;
    beforeAll(async () => {
      limited = await startApp({ rateLimits: { requestsPerSecond: 2, eventsPerSecond: 5 } });
    });
    afterAll(async () => {
      await limited?.close();
    });

    it('answers 429 with Retry-After over the request rate of a key', async () => {
      const send = () => post({ events: [ticketEvent(randomUUID())] }, key, limited);
      expect((await send()).status).toBe(202);
      expect((await send()).status).toBe(202);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    });

    it('answers 429 over the event rate of a key', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const { key: fresh } = await createKey(workspaceId);
      const events = Array.from({ length: 4 }, () => ticketEvent(randomUUID()));
      expect((await post({ events }, fresh, limited)).status).toBe(202);
      expect((await post({ events }, fresh, limited)).status).toBe(429);
    });
  });
});
