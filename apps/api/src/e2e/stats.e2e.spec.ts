import { randomUUID } from 'node:crypto';
import { STATS_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { token: string };

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const stats = (query: string, token = owner.token) => call(`/api/workspaces/${api.workspaceId}/stats?${query}`, { token });

/** The week of Monday 12 October 2026 (UTC), and the week before it to compare with. */
const WEEK = 'scope=workspace&from=2026-10-12&to=2026-10-19';

const grace = { id: 'agent-7', name: 'Grace Hopper' };
const lin = { id: 'agent-8', name: 'Lin' };
const kim = { id: 'agent-9', name: 'Kim' };
const max = { id: 'agent-11', name: 'Max Power' };
const ola = { id: 'agent-12', name: 'Ola Nordmann' };

type Actor = { id: string; name: string };
const at = (occurredAt: string, actor: Actor, ip: string) => ({ id: randomUUID(), occurredAt, actor, context: { ip } });
const signIn = (occurredAt: string, actor: Actor, ip: string) => ({ ...at(occurredAt, actor, ip), action: 'user.signed_in' });
const created = (occurredAt: string, actor: Actor, ip: string) => ({ ...at(occurredAt, actor, ip), action: 'ticket.created', target: { type: 'ticket', id: `T-${randomUUID()}` } });
const viewed = (occurredAt: string, actor: Actor, ip: string) => ({
  ...at(occurredAt, actor, ip),
  action: 'page.viewed',
  target: { type: 'page', id: '/tickets/T-1', url: 'https://host.example/tickets/T-1' },
});

/**
 * This week: 15 events by six actors from five addresses, on Monday, Tuesday,
 * Wednesday and Sunday; 4 the week before; two just outside both.
 */
function hostEvents(agentActor: Actor) {
  return [
    signIn('2026-10-12T09:10:00Z', grace, '203.0.113.7'),
    ...['09:20', '09:30', '09:40'].map((time) => created(`2026-10-12T${time}:00Z`, grace, '203.0.113.7')),
    signIn('2026-10-12T10:00:00Z', lin, '198.51.100.8'),
    viewed('2026-10-12T10:05:00Z', lin, '198.51.100.8'),
    viewed('2026-10-12T10:10:00Z', lin, '198.51.100.8'),
    signIn('2026-10-13T11:55:00Z', agentActor, '203.0.113.50'),
    created('2026-10-13T12:00:00Z', agentActor, '203.0.113.50'),
    ...['14:00', '14:30'].map((time) => ({ ...at(`2026-10-14T${time}:00Z`, kim, '192.0.2.9'), action: 'invoice.paid_late', target: { type: 'invoice', id: 'I-1' } })),
    { ...at('2026-10-14T15:00:00Z', grace, '203.0.113.7'), action: 'file.downloaded', target: { type: 'file', id: 'F-1' } },
    {
      ...at('2026-10-14T16:00:00Z', { ...lin, name: 'Lin Wu' }, '198.51.100.8'),
      action: 'ticket.assigned',
      target: { type: 'ticket', id: 'T-1' },
      changes: [{ field: 'assignee', from: null, to: { id: 'agent-8' } }],
    },
    { ...at('2026-10-18T23:30:00Z', max, '185.220.101.47'), action: 'user.sign_in_failed' },
    viewed('2026-10-18T23:59:00Z', ola, '198.51.100.8'),
    ...['10:00', '11:00', '12:00', '13:00'].map((time) => created(`2026-10-06T${time}:00Z`, grace, '203.0.113.7')),
    created('2026-10-04T23:59:00Z', grace, '203.0.113.7'),
    created('2026-10-19T00:00:00Z', grace, '203.0.113.99'),
  ];
}

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${api.workspaceId}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${api.workspaceId}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

/** Another workspace's activity by the same actors, from the same addresses, in the same week. */
async function otherWorkspaceEvents() {
  const metadata = (actor: Actor, occurredAt: string) => ({ workspaceId: 'ws-other', layer: 'workspace', actor: { kind: 'host_actor', ...actor }, ip: '203.0.113.7', result: 'success', occurredAt });
  await api.store.appendToStream('ticket-ws-other.T-1', [
    { id: randomUUID(), type: 'TicketCreated', data: { recordType: 'ticket', recordId: 'T-1', fields: {} }, metadata: metadata(grace, '2026-10-12T09:00:00Z') },
    { id: randomUUID(), type: 'TicketCreated', data: { recordType: 'ticket', recordId: 'T-2', fields: {} }, metadata: metadata({ id: agent.id, name: 'Agent Smith' }, '2026-10-13T12:00:00Z') },
  ]);
}

async function projected() {
  const last = (await api.store.readAll()).at(-1);
  if (!last) throw new Error('The store is empty');
  expect(await waitForCheckpoint(api.pool, STATS_PROJECTION, last.position, 10_000)).toBe(true);
}

beforeAll(async () => {
  api = await startTestApi();
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const key = await call(`/api/workspaces/${api.workspaceId}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } });
  const ingested = await call('/v1/events', { token: key.body.key, body: { events: hostEvents({ id: agent.id, name: 'Agent Smith' }) } });
  expect(ingested.body).toMatchObject({ accepted: 21, duplicates: 0 });
  await otherWorkspaceEvents();
  await projected();
}, 60_000);
afterAll(() => api?.close());

const day = (date: string, auth: number, writes: number, other: number) => ({ start: `2026-10-${date}T00:00:00.000Z`, auth, writes, other });

describe('workspace stats, through the whole API', () => {
  it('gives the week: KPI cards with the change from the week before, a zero-filled daily series, the split, top actors and categories', async () => {
    const { status, body } = await stats(WEEK);
    expect(status).toBe(200);
    expect(body).toEqual({
      window: { from: '2026-10-12T00:00:00.000Z', to: '2026-10-19T00:00:00.000Z', previousFrom: '2026-10-05T00:00:00.000Z', group: 'day' },
      kpis: { total: { value: 15, previous: 4, changePercent: 275 }, signIns: 4, writes: 7, reads: 4, uniqueIps: 5 },
      series: [day('12', 2, 3, 2), day('13', 1, 1, 0), day('14', 0, 3, 1), day('15', 0, 0, 0), day('16', 0, 0, 0), day('17', 0, 0, 0), day('18', 1, 0, 1)],
      split: [
        { kind: 'auth', events: 4, percent: 26.7 },
        { kind: 'write', events: 7, percent: 46.7 },
        { kind: 'read', events: 4, percent: 26.7 },
      ],
      topActors: [
        { id: 'agent-7', name: 'Grace Hopper', initials: 'GH', events: 5, lastSeen: '2026-10-14T15:00:00.000Z' },
        { id: 'agent-8', name: 'Lin Wu', initials: 'LW', events: 4, lastSeen: '2026-10-14T16:00:00.000Z' },
        { id: 'agent-9', name: 'Kim', initials: 'K', events: 2, lastSeen: '2026-10-14T14:30:00.000Z' },
        { id: agent.id, name: 'Agent Smith', initials: 'AS', events: 2, lastSeen: '2026-10-13T12:00:00.000Z' },
      ],
      categories: [
        { category: 'Records', events: 5 },
        { category: 'Auth', events: 4 },
        { category: 'Browsing', events: 3 },
        { category: 'Other', events: 2 },
        { category: 'Files', events: 1 },
      ],
    });
  });

  it('groups the same week into one weekly bucket, or hour by hour with unique addresses of those hours only', async () => {
    const weekly = (await stats(`${WEEK}&group=week`)).body;
    expect(weekly.series).toEqual([day('12', 4, 7, 4)]);
    expect(weekly.kpis.total.value).toBe(15);

    const hourly = (await stats('scope=workspace&from=2026-10-12T09:00:00Z&to=2026-10-12T10:30:00Z')).body;
    expect(hourly.window).toEqual({ from: '2026-10-12T09:00:00.000Z', to: '2026-10-12T11:00:00.000Z', previousFrom: '2026-10-12T07:00:00.000Z', group: 'hour' });
    expect(hourly.series).toEqual([
      { start: '2026-10-12T09:00:00.000Z', auth: 1, writes: 3, other: 0 },
      { start: '2026-10-12T10:00:00.000Z', auth: 1, writes: 0, other: 2 },
    ]);
    expect(hourly.kpis).toEqual({ total: { value: 7, previous: 0, changePercent: null }, signIns: 2, writes: 3, reads: 2, uniqueIps: 2 });
    expect((await stats('scope=workspace&from=2026-10-14T14:00:00Z&to=2026-10-14T15:00:00Z')).body.kpis.uniqueIps).toBe(1);
  });

  it('leaves sign-in, session and account events out of the widget variant', async () => {
    const { body } = await stats(`${WEEK}&variant=widget`);
    expect(body.kpis).toEqual({ total: { value: 11, previous: 4, changePercent: 175 }, signIns: 0, writes: 7, reads: 4, uniqueIps: 4 });
    expect(body.series.map((bucket: { auth: number }) => bucket.auth)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(body.topActors.map((actor: { id: string; events: number }) => [actor.id, actor.events])).toEqual([
      ['agent-7', 4],
      ['agent-8', 3],
      ['agent-9', 2],
      ['agent-12', 1],
    ]);
    expect(body.categories.map((entry: { category: string }) => entry.category)).toEqual(['Records', 'Browsing', 'Other', 'Files']);
  });

  it("shows a member their own figures only, from the per-actor read models", async () => {
    const { status, body } = await stats('scope=mine&from=2026-10-12&to=2026-10-19', agent.token);
    expect(status).toBe(200);
    expect(body.kpis).toEqual({ total: { value: 2, previous: 0, changePercent: null }, signIns: 1, writes: 1, reads: 0, uniqueIps: 1 });
    expect(body.series[1]).toEqual(day('13', 1, 1, 0));
    expect(body.topActors).toEqual([{ id: agent.id, name: 'Agent Smith', initials: 'AS', events: 2, lastSeen: '2026-10-13T12:00:00.000Z' }]);
    expect(body.categories).toEqual([
      { category: 'Auth', events: 1 },
      { category: 'Records', events: 1 },
    ]);
    expect((await stats('from=2026-10-12&to=2026-10-19&variant=widget', agent.token)).body.kpis.total.value).toBe(1);
  });

  it('ends a range with the current hour or day, and counts what occurred in it', async () => {
    const day24 = (await stats('scope=workspace&range=24h')).body;
    const nextHour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000).toISOString();
    expect(day24.window.group).toBe('hour');
    expect(day24.window.to).toBe(nextHour);
    expect(day24.series).toHaveLength(24);
    const occurred = await api.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM es_events WHERE metadata->>'workspaceId' = $1 AND (metadata->>'occurredAt')::timestamptz >= $2`,
      [api.workspaceId, day24.window.from],
    );
    expect(occurred.rows[0].n).toBeGreaterThan(0);
    expect(day24.kpis.total.value).toBe(occurred.rows[0].n);

    const week = (await stats('scope=workspace')).body;
    expect([week.window.group, week.series.length, week.window.to]).toEqual(['day', 7, `${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}T00:00:00.000Z`]);
    expect((await stats('scope=workspace&range=90d')).body.window.group).toBe('week');
    const all = (await stats('scope=workspace&range=all')).body;
    expect([all.window.from, all.kpis.total.value]).toEqual(['2026-10-04T00:00:00.000Z', 21 + occurred.rows[0].n]);
  });

  it('refuses the workspace figures to an agent and any figures to a viewer, and answers 404 outside your workspaces', async () => {
    const agentWorkspace = await stats('scope=workspace', agent.token);
    expect(agentWorkspace.status).toBe(403);
    expect(agentWorkspace.body.message).toContain('activity.read_workspace');
    expect((await stats('scope=mine', viewer.token)).status).toBe(403);
    expect((await call('/api/workspaces/ws-other/stats?scope=workspace', { token: owner.token })).status).toBe(404);
    expect((await call(`/api/workspaces/${api.workspaceId}/stats`)).status).toBe(401);
  });

  it('answers bad query parameters with 400 and the path of each', async () => {
    const bad = await stats('range=1y&group=month&variant=tiny&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'group', 'range', 'variant']);
    const both = await stats('range=7d&from=2026-10-12&to=2026-10-11');
    expect([both.status, both.body.issues.map((issue: { path: string }) => issue.path)]).toEqual([400, ['range', 'to']]);
    const tooFine = await stats('scope=workspace&from=2026-01-01&to=2026-11-01&group=hour');
    expect([tooFine.status, tooFine.body.issues]).toEqual([400, [{ path: 'group', message: expect.stringContaining('more than 2500 hours') }]]);
  });

  it('documents the route and its query parameters', async () => {
    const { body } = await call('/api/docs-json');
    const parameters = body.paths['/api/workspaces/{ws}/stats'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['ws', 'scope', 'range', 'from', 'to', 'group', 'variant']));
  });
});
