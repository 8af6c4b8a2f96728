import { generateKeyPairSync } from 'node:crypto';
import { ACTIVITY_FEED_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let ws: string;
let owner: { id: string; token: string };
let auditor: { id: string; token: string };
let agent: { token: string };
let viewer: { token: string };
/** recordedAt of the first and the second batch of host events. */
let firstBatch: string;
let secondBatch: string;

const OTHER_WS = 'wsother';
const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const audit = (path: string, token = owner.token) => call(`/api/workspaces/${ws}/audit/${path}`, { token });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const grace = { id: 'agent-7', name: 'Grace' };
const lin = { id: 'agent-8', name: 'Lin' };
const ticket = () => `ticket-${ws}.T-1`;

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${ws}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${ws}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

async function ingest(key: string, events: object[]): Promise<string> {
  const ingested = await call('/v1/events', { token: key, body: { events } });
  expect(ingested.body).toMatchObject({ accepted: events.length, duplicates: 0 });
  const { rows } = await api.pool.query<{ at: string }>(`SELECT max(metadata->>'recordedAt') AS at FROM es_events WHERE stream_name LIKE $1`, [`%-${ws}.%`]);
  return rows[0].at;
}

/** Event ids and types of the workspace's streams, in global order, as the store holds them. */
async function storedInOrder(from: string, to: string): Promise<string[]> {
  const { rows } = await api.pool.query<{ event_id: string }>(
    `SELECT event_id FROM es_events WHERE stream_name LIKE $1 AND recorded_at >= $2 AND recorded_at < $3 ORDER BY tx_id, position`,
    [`%-${ws}.%`, from, to],
  );
  return rows.map((row) => row.event_id);
}

const auditEvents = async () =>
  (
    await api.pool.query<{ event_type: string; data: Record<string, unknown>; metadata: { actor: { id: string }; workspaceId: string } }>(
      'SELECT event_type, data, metadata FROM es_events WHERE stream_name LIKE $1 ORDER BY tx_id, position',
      [`audit-${ws}.%`],
    )
  ).rows;

beforeAll(async () => {
  process.env['TRAILMARK_SIGNING_KEY'] = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  api = await startTestApi();
  ws = api.workspaceId;
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  auditor = await member('auditor@example.com', 'auditor');
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const key = (await call(`/api/workspaces/${ws}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } })).body.key;
  firstBatch = await ingest(
    key,
    [1, 2, 3].map((n) => ({ id: `created-${n}`, action: 'ticket.created', occurredAt: minutesAgo(30 - n), actor: grace, target: { type: 'ticket', id: `T-${n}` }, details: { fields: { title: `Ticket ${n}`, priority: 'low' } } })),
  );
  secondBatch = await ingest(key, [
    { id: 'updated', action: 'ticket.updated', occurredAt: minutesAgo(20), actor: grace, target: { type: 'ticket', id: 'T-1' }, changes: [{ field: 'priority', from: 'low', to: 'high' }] },
    { id: 'assigned', action: 'ticket.assigned', occurredAt: minutesAgo(19), actor: lin, target: { type: 'ticket', id: 'T-1' }, changes: [{ field: 'assignee', from: null, to: lin }] },
    { id: 'view-1', action: 'page.viewed', occurredAt: minutesAgo(18), actor: lin, target: { type: 'page', id: '/t/1', url: 'https://host.example/t/1' } },
    { id: 'view-2', action: 'page.viewed', occurredAt: minutesAgo(17), actor: lin, target: { type: 'page', id: '/t/2', url: 'https://host.example/t/2' } },
  ]);
  await api.store.appendToStream(`ticket-${OTHER_WS}.T-1`, [{ id: 'other-created', type: 'TicketCreated', data: { recordType: 'ticket', recordId: 'T-1', fields: {} }, metadata: { workspaceId: OTHER_WS } }]);
  const last = (await api.store.readAll({ maxCount: 10_000 })).at(-1);
  expect(await waitForCheckpoint(api.pool, ACTIVITY_FEED_PROJECTION, last!.position, 10_000)).toBe(true);
}, 60_000);
afterAll(() => api?.close());

describe('replay', () => {
  it("pages through a record's stream event by event, with full metadata and the hash chain", async () => {
    const first = await audit(`streams/${ticket()}/events?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.streamName).toBe(ticket());
    expect(first.body.events.map((event: { revision: number; type: string }) => `${event.revision} ${event.type}`)).toEqual(['0 TicketCreated', '1 TicketUpdated']);
    expect(first.body.nextRevision).toBe(2);
    expect(first.body.events[0]).toMatchObject({
      id: expect.any(String),
      category: 'Records',
      kind: 'write',
      label: 'Created ticket',
      recordedAt: firstBatch,
      data: { recordType: 'ticket', recordId: 'T-1' },
      metadata: { workspaceId: ws, actor: { kind: 'host_actor', id: 'agent-7', name: 'Grace' }, prevHash: '0'.repeat(64), hash: expect.stringMatching(/^[0-9a-f]{64}$/), recordedAt: firstBatch },
    });
    expect(first.body.events[1].metadata.prevHash).toBe(first.body.events[0].metadata.hash);

    const second = await audit(`streams/${ticket()}/events?fromRevision=2&limit=2`);
    expect(second.body.events.map((event: { revision: number; type: string }) => `${event.revision} ${event.type}`)).toEqual(['2 TicketAssigned']);
    expect(second.body.nextRevision).toBeNull();
  });

  it("replays the workspace's events of a time window in global order, keyset-paged", async () => {
    const to = new Date(Date.parse(secondBatch) + 1).toISOString();
    const expected = await storedInOrder(firstBatch, to);
    expect(expected).toHaveLength(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { events: Array<{ id: string; streamName: string }>; nextCursor: string | null } } = await audit(
        `events?from=${firstBatch}&to=${to}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.events.every((event) => event.streamName.includes(`-${ws}.`))).toBe(true);
      seen.push(...page.body.events.map((event) => event.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('answers 404 for a stream of another workspace or none, 400 naming a bad parameter', async () => {
    expect((await audit(`streams/ticket-${OTHER_WS}.T-1/events`)).status).toBe(404);
    expect((await audit(`streams/ticket-${ws}.nope/events`)).status).toBe(404);
    const bad = await audit(`events?from=${secondBatch}&to=${firstBatch}&limit=0&cursor=abc`);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['cursor', 'limit', 'to']);
  });
});

describe('point in time', () => {
  it('reconstructs a record as the log knew it at a time, and after a revision', async () => {
    const atFirst = await audit(`records/ticket/T-1/state?at=${firstBatch}`);
    expect(atFirst.status).toBe(200);
    expect(atFirst.body).toMatchObject({ streamName: ticket(), at: firstBatch, revision: 0 });
    expect(atFirst.body.state).toEqual({ lifecycle: 'active', label: 'Ticket 1', fields: { title: 'Ticket 1', priority: 'low' }, commentIds: [], noteIds: [] });

    const now = await audit('records/ticket/T-1/state');
    expect(now.body).toMatchObject({ at: null, revision: 2 });
    expect(now.body.state.fields).toEqual({ title: 'Ticket 1', priority: 'high', assignee: lin });
    expect((await audit('records/ticket/T-1/state?revision=1')).body.state.fields).toEqual({ title: 'Ticket 1', priority: 'high' });
    expect((await audit('records/ticket/T-9/state')).status).toBe(404);
  });

  it('diffs two revisions and steps through every event with the state after it', async () => {
    const diff = await audit('records/ticket/T-1/diff?from=0&to=2');
    expect(diff.body.changes).toEqual({
      lifecycle: null,
      fields: [
        { field: 'assignee', from: null, to: lin },
        { field: 'priority', from: 'low', to: 'high' },
      ],
      comments: { added: [], removed: [] },
      notes: { added: [], removed: [] },
    });
    expect(diff.body.events.map((event: { type: string }) => event.type)).toEqual(['TicketUpdated', 'TicketAssigned']);

    const steps = await audit('records/ticket/T-1/steps?fromRevision=1&limit=1');
    expect(steps.body.nextRevision).toBe(2);
    expect(steps.body.steps).toHaveLength(1);
    expect(steps.body.steps[0]).toMatchObject({
      event: { revision: 1, type: 'TicketUpdated' },
      state: { fields: { title: 'Ticket 1', priority: 'high' } },
      changes: { fields: [{ field: 'priority', from: 'low', to: 'high' }] },
    });
  });

  it('shows the feed and the KPI cards as they stood at a time', async () => {
    const feedAt = async (at: string) => (await audit(`feed?at=${at}&limit=100`)).body;
    const [before, after] = [await feedAt(firstBatch), await feedAt(secondBatch)];
    const rowsBy = async (at: string) => Number((await api.pool.query('SELECT count(*) AS n FROM activity_feed WHERE workspace_id = $1 AND recorded_at <= $2', [ws, at])).rows[0].n);
    expect(before.total).toBe(await rowsBy(firstBatch));
    expect(after.total - before.total).toBe(4);
    expect(before.items.map((item: { type: string }) => item.type)).not.toContain('TicketUpdated');
    const earlier = new Set(before.items.map((item: { eventId: string }) => item.eventId));
    const added = after.items.filter((item: { eventId: string }) => !earlier.has(item.eventId));
    expect(added.map((item: { type: string }) => item.type)).toEqual(['PageViewed', 'PageViewed', 'TicketAssigned', 'TicketUpdated']);

    const [kpisBefore, kpisAfter] = [(await audit(`kpis?at=${firstBatch}&range=24h`)).body, (await audit(`kpis?at=${secondBatch}&range=24h`)).body];
    expect(kpisBefore.kpis.total.value).toBe(before.total);
    expect(kpisAfter.kpis.total.value - kpisBefore.kpis.total.value).toBe(4);
    expect(kpisAfter.kpis.writes - kpisBefore.kpis.writes).toBe(2);
    expect(kpisAfter.kpis.reads - kpisBefore.kpis.reads).toBe(2);
    expect(kpisAfter.window.to).toBe(new Date(Math.floor(Date.parse(secondBatch) / 3_600_000 + 1) * 3_600_000).toISOString());
  });
});

describe('who may replay', () => {
  const routes = () => [
    `streams/${ticket()}/events`,
    'events',
    'records/ticket/T-1/state',
    'records/ticket/T-1/diff?from=0&to=1',
    'records/ticket/T-1/steps',
    `feed?at=${secondBatch}`,
    `kpis?at=${secondBatch}`,
  ];

  it('lets auditors in, refuses agents and viewers (403 naming audit.read) and hides other workspaces (404)', async () => {
    for (const route of routes()) {
      expect([route, (await audit(route, auditor.token)).status]).toEqual([route, 200]);
      for (const token of [agent.token, viewer.token]) {
        const refused = await audit(route, token);
        expect([route, refused.status]).toEqual([route, 403]);
        expect(refused.body.message).toContain('audit.read');
      }
      expect([route, (await call(`/api/workspaces/${OTHER_WS}/audit/${route}`, { token: owner.token })).status]).toEqual([route, 404]);
    }
  });

  it('records every replay and view of the past as an event by the caller', async () => {
    const before = (await auditEvents()).length;
    await audit(`streams/${ticket()}/events?limit=2`, auditor.token);
    await audit(`events?from=${firstBatch}&limit=5`, auditor.token);
    await audit(`records/ticket/T-1/state?at=${firstBatch}`, auditor.token);
    await audit('records/ticket/T-1/diff?from=0&to=2', auditor.token);
    await audit(`feed?at=${secondBatch}`, auditor.token);
    await audit(`kpis?at=${secondBatch}`, auditor.token);
    const recorded = (await auditEvents()).slice(before);
    expect(recorded.map((event) => [event.event_type, event.metadata.actor.id, event.metadata.workspaceId])).toEqual([
      ['StreamReplayed', auditor.id, ws],
      ['TimeWindowReplayed', auditor.id, ws],
      ['PointInTimeViewed', auditor.id, ws],
      ['PointInTimeViewed', auditor.id, ws],
      ['PointInTimeViewed', auditor.id, ws],
      ['PointInTimeViewed', auditor.id, ws],
    ]);
    expect(recorded.map((event) => event.data)).toEqual([
      { streamName: ticket(), fromRevision: 0, events: 2, lastRevision: 1 },
      { from: firstBatch, events: 5 },
      { view: 'record_state', streamName: ticket(), at: firstBatch },
      { view: 'record_diff', streamName: ticket(), fromRevision: 0, toRevision: 2 },
      { view: 'feed', at: secondBatch },
      { view: 'kpis', at: secondBatch },
    ]);
  });
});
