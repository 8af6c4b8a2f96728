import { ACTIVITY_FEED_PROJECTION, RECORD_TIMELINE_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { token: string };

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const activity = (query: string, token = owner.token) => call(`/api/workspaces/${api.workspaceId}/activity?${query}`, { token });

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const grace = { id: 'agent-7', name: 'Grace' };

/** 24 host events, one a minute (event i is 30 - i minutes old), and one 10 days old. */
function hostEvents() {
  const created = Array.from({ length: 12 }, (_, i) => ({
    id: `created-${i + 1}`,
    action: 'ticket.created',
    occurredAt: minutesAgo(30 - i),
    actor: grace,
    target: { type: 'ticket', id: `T-${i + 1}`, name: `Ticket ${i + 1}` },
  }));
  const views = Array.from({ length: 6 }, (_, i) => ({
    id: `view-${i}`,
    action: 'page.viewed',
    occurredAt: minutesAgo(18 - i),
    actor: { id: 'agent-8', name: 'Lin' },
    target: { type: 'page', id: '/tickets/T-1', url: 'https://host.example/tickets/T-1', name: 'Ticket T-1' },
    details: { recordType: 'ticket', recordId: 'T-1' },
  }));
  const assigned = Array.from({ length: 3 }, (_, i) => ({
    id: `assigned-${i}`,
    action: 'ticket.assigned',
    occurredAt: minutesAgo(12 - i),
    actor: grace,
    target: { type: 'ticket', id: 'T-1' },
    changes: [{ field: 'assignee', from: null, to: { id: 'agent-8', name: 'Lin' } }],
  }));
  const other = Array.from({ length: 2 }, (_, i) => ({
    id: `paid-${i}`,
    action: 'invoice.paid_late',
    occurredAt: minutesAgo(9 - i),
    actor: { id: 'agent-9', name: 'Kim' },
    target: { type: 'invoice', id: `I-${i}`, name: `Invoice ${i}` },
    result: 'warning',
  }));
  const old = { id: 'old', action: 'ticket.deleted', occurredAt: minutesAgo(10 * 24 * 60), actor: grace, target: { type: 'ticket', id: 'T-99' } };
  return [...created, ...views, ...assigned, ...other, old];
}

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${api.workspaceId}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${api.workspaceId}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

/** Waits until the feed holds everything the store holds now. */
async function projected() {
  const last = (await api.store.readAll()).at(-1);
  if (!last) throw new Error('The store is empty');
  expect(await waitForCheckpoint(api.pool, ACTIVITY_FEED_PROJECTION, last.position, 10_000)).toBe(true);
}

/** Waits for the feed and the record labels, then lists ticket T-50's feed items. */
async function recordTimelineCaughtUp() {
  await projected();
  const last = (await api.store.readAll()).at(-1);
  expect(await waitForCheckpoint(api.pool, RECORD_TIMELINE_PROJECTION, last!.position, 10_000)).toBe(true);
  return (await activity('scope=workspace&recordId=T-50')).body;
}

const workspaceEventCount = async (actorId?: string) =>
  Number(
    (
      await api.pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM es_events WHERE metadata->>'workspaceId' = $1 AND ($2::text IS NULL OR metadata->'actor'->>'id' = $2)`,
        [api.workspaceId, actorId ?? null],
      )
    ).rows[0].n,
  );

beforeAll(async () => {
  api = await startTestApi();
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const key = await call(`/api/workspaces/${api.workspaceId}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } });
  const ingested = await call('/v1/events', { token: key.body.key, body: { events: hostEvents() } });
  expect(ingested.body).toMatchObject({ accepted: 24, duplicates: 0 });
  await projected();
}, 60_000);
afterAll(() => api?.close());

describe('the activity feed, through the whole API', () => {
  it('lists the workspace newest first, with labels, actors, records and the total', async () => {
    const { status, body } = await activity('scope=workspace&category=Records&limit=100');
    expect(status).toBe(200);
    expect(body.total).toBe(15);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((item: { type: string; record: { id: string } }) => `${item.type} ${item.record.id}`)).toEqual([
      ...Array.from({ length: 3 }, () => 'TicketAssigned T-1'),
      ...Array.from({ length: 12 }, (_, i) => `TicketCreated T-${12 - i}`),
    ]);
    const times = body.items.map((item: { occurredAt: string }) => Date.parse(item.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.items.at(-1)).toMatchObject({
      eventId: expect.any(String),
      category: 'Records',
      kind: 'write',
      label: 'Created ticket',
      actor: { kind: 'host_actor', id: 'agent-7', name: 'Grace', impersonatorId: null },
      result: 'success',
      record: { type: 'ticket', id: 'T-1', label: 'Ticket 1' },
      url: null,
    });
  });

  it('counts every workspace event, and keeps older ones out of a shorter range', async () => {
    const all = await activity('scope=workspace&range=all&limit=1');
    expect(all.body.total).toBe(await workspaceEventCount());
    expect((await activity('scope=workspace&range=7d&category=Records&limit=1')).body.total).toBe(15);
    expect((await activity('scope=workspace&range=30d&category=Records&limit=1')).body.total).toBe(16);
  });

  it('filters by category, type, actor, record and result', async () => {
    const browsing = await activity('scope=workspace&category=Browsing');
    expect(browsing.body.total).toBe(6);
    expect(browsing.body.items[0]).toMatchObject({ type: 'PageViewed', label: 'Viewed page', url: 'https://host.example/tickets/T-1', record: { type: 'ticket', id: 'T-1' } });

    const assigned = await activity('scope=workspace&type=TicketAssigned');
    expect(assigned.body.items.map((item: { type: string }) => item.type)).toEqual(['TicketAssigned', 'TicketAssigned', 'TicketAssigned']);

    const kim = await activity('scope=workspace&actor=agent-9');
    expect(kim.body.items.map((item: { label: string; record: { id: string } }) => [item.label, item.record.id])).toEqual([
      ['Invoice paid late', 'I-1'],
      ['Invoice paid late', 'I-0'],
    ]);
    expect((await activity('scope=workspace&result=warning')).body.total).toBe(2);

    const ticket = await activity('scope=workspace&recordType=ticket&recordId=T-1&limit=100');
    expect(ticket.body.total).toBe(10);
    expect(new Set(ticket.body.items.map((item: { type: string }) => item.type))).toEqual(new Set(['TicketAssigned', 'PageViewed', 'TicketCreated']));
  });

  it('pages with a keyset cursor: no duplicates, no gaps, the same total on every page', async () => {
    const everything = (await activity('scope=workspace&range=all&limit=100')).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: Array<{ eventId: string }>; nextCursor: string | null; total: number } } = await activity(
        `scope=workspace&range=all&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(everything.total);
      seen.push(...page.body.items.map((item) => item.eventId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(everything.total / 7));
    expect(seen).toEqual(everything.items.map((item: { eventId: string }) => item.eventId));
    expect(new Set(seen).size).toBe(everything.total);
  });

  it('shows only your own activity by default', async () => {
    const mine = await activity('range=all&limit=100');
    expect(mine.body.total).toBe(await workspaceEventCount(owner.id));
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.items.every((item: { actor: { id: string } }) => item.actor.id === owner.id)).toBe(true);

    const agentOwn = await activity('scope=mine&range=all', agent.token);
    expect(agentOwn.status).toBe(200);
    expect(agentOwn.body.total).toBe(await workspaceEventCount(agent.id));
  });

  it("shows each record under the name it has now, and whether it was deleted since", async () => {
    const key = await call(`/api/workspaces/${api.workspaceId}/api-keys`, { token: owner.token, body: { name: 'renames' } });
    const ticket = (name?: string) => ({ type: 'Ticket', id: 'T-50', ...(name ? { name } : {}) });
    const events = [
      { id: 'rename-1', action: 'ticket.created', occurredAt: minutesAgo(5), actor: grace, target: ticket('Printer on fire') },
      { id: 'rename-2', action: 'ticket.updated', occurredAt: minutesAgo(4), actor: grace, target: ticket('Printer fixed') },
    ];
    expect((await call('/v1/events', { token: key.body.key, body: { events } })).body).toMatchObject({ accepted: 2 });
    const renamed = await recordTimelineCaughtUp();
    expect(renamed.items.map((item: { record: unknown }) => item.record)).toEqual([
      { type: 'ticket', id: 'T-50', label: 'Printer fixed', deleted: false },
      { type: 'ticket', id: 'T-50', label: 'Printer fixed', deleted: false },
    ]);

    const deletion = { id: 'rename-3', action: 'ticket.deleted', occurredAt: minutesAgo(3), actor: grace, target: ticket() };
    expect((await call('/v1/events', { token: key.body.key, body: { events: [deletion] } })).body).toMatchObject({ accepted: 1 });
    const deleted = await recordTimelineCaughtUp();
    expect(deleted.items.map((item: { type: string; record: { label: string; deleted: boolean } }) => [item.type, item.record.label, item.record.deleted])).toEqual([
      ['TicketDeleted', 'Printer fixed', true],
      ['TicketUpdated', 'Printer fixed', true],
      ['TicketCreated', 'Printer fixed', true],
    ]);
  });

  it('refuses the workspace feed to an agent and any feed to a viewer, naming the permission', async () => {
    const agentWorkspace = await activity('scope=workspace', agent.token);
    expect(agentWorkspace.status).toBe(403);
    expect(agentWorkspace.body.message).toContain('activity.read_workspace');
    const viewerOwn = await activity('scope=mine', viewer.token);
    expect(viewerOwn.status).toBe(403);
    expect(viewerOwn.body.message).toContain('activity.read_own');
  });

  it('answers 404 outside your workspaces and 401 without a session', async () => {
    expect((await call('/api/workspaces/ws-not-mine/activity', { token: agent.token })).status).toBe(404);
    expect((await call(`/api/workspaces/${api.workspaceId}/activity`)).status).toBe(401);
  });

  it('answers bad query parameters with 400 and the path of each', async () => {
    const bad = await activity('scope=everyone&range=1y&limit=0&category=Nope&cursor=not-a-cursor&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'category', 'cursor', 'limit', 'range', 'scope']);
    expect((await activity('limit=101')).status).toBe(400);
  });

  it('documents the route and its query parameters', async () => {
    const { body } = await call('/api/docs-json');
    const parameters = body.paths['/api/workspaces/{ws}/activity'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['ws', 'scope', 'range', 'category', 'actor', 'type', 'recordType', 'recordId', 'result', 'limit', 'cursor']));
  });
});
