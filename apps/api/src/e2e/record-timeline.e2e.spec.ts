import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '@trailmark/contracts';
import { RECORD_TIMELINE_PROJECTION, recordTimelineProjection, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { token: string };
let agent: { token: string };
let viewer: { token: string };
let auditor: { token: string };

type Item = { eventId: string; type: string; entry: string; [key: string]: unknown };
type Page = { items: Item[]; nextCursor: string | null; total: number; record: Record<string, unknown> };

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const timeline = (record: string, query = '', token = owner.token, ws = api.workspaceId) =>
  call(`/api/workspaces/${ws}/records/${record}/timeline${query ? `?${query}` : ''}`, { token });

const anHourAgo = Date.now() - 60 * 60_000;
const grace = { id: 'agent-7', name: 'Grace' };
const lin = { id: 'agent-8', name: 'Lin' };
const onTicket = { type: 'ticket', id: 'T-1' };

/** A host event `step` minutes into the last hour, by Grace on T-1 unless `rest` says otherwise. */
const hostEvent = (id: string, action: string, step: number, rest: Record<string, unknown> = {}) => ({
  id,
  action,
  occurredAt: new Date(anHourAgo + step * 60_000).toISOString(),
  actor: grace,
  target: onTicket,
  ...rest,
});

/** 25 host events about ticket T-1, one a minute (two in the same minute), and one about T-3, which has no number. */
function hostEvents() {
  const views = Array.from({ length: 15 }, (_, i) =>
    hostEvent(`view-${i}`, 'page.viewed', 6 + i, {
      actor: lin,
      target: { type: 'page', id: '/tickets/T-1', url: `https://host.example/tickets/T-1?view=${i}`, name: 'Ticket T-1' },
      details: { recordType: 'ticket', recordId: 'T-1' },
    }),
  );
  const renamed = [
    { field: 'title', from: 'Printer on fire', to: 'Printer smoking' },
    { field: 'priority', from: null, to: 'high' },
  ];
  return [
    hostEvent('created', 'ticket.created', 0, {
      target: { ...onTicket, name: 'Printer on fire' },
      details: { fields: { title: 'Printer on fire', status: 'open' } },
    }),
    hostEvent('renamed', 'ticket.updated', 1, { changes: renamed }),
    hostEvent('assigned', 'ticket.assigned', 2, { changes: [{ field: 'assignee', from: null, to: lin }] }),
    hostEvent('status', 'ticket.status_changed', 3, { changes: [{ field: 'status', from: 'open', to: 'pending' }] }),
    hostEvent('comment', 'comment.added', 4, { actor: lin, details: { commentId: 'c-1', body: 'Looking into it' } }),
    hostEvent('reply', 'ticket.replied', 5, { details: { body: 'We are on it' } }),
    ...views,
    hostEvent('attached', 'file.attached', 21, { target: { type: 'file', id: 'F-1', name: 'photo.jpg' }, details: { recordType: 'ticket', recordId: 'T-1' } }),
    hostEvent('numbered', 'ticket.updated', 22, { changes: [{ field: 'number', from: null, to: 1042 }] }),
    hostEvent('urgent', 'ticket.updated', 22, { changes: [{ field: 'priority', from: 'high', to: 'urgent' }] }),
    hostEvent('deleted', 'ticket.deleted', 23),
    hostEvent('jam', 'ticket.created', 0, { target: { type: 'ticket', id: 'T-3' }, details: { fields: { title: 'Paper jam', number: null } } }),
  ];
}

/** T-1, newest first: what each entry is, by its host event id. */
const NEWEST_FIRST = [
  'deleted',
  'urgent',
  'numbered',
  'attached',
  ...Array.from({ length: 15 }, (_, i) => `view-${14 - i}`),
  'reply',
  'comment',
  'status',
  'assigned',
  'renamed',
  'created',
];

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${api.workspaceId}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${api.workspaceId}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { token: registered.body.token as string };
}

/** The same ticket ids in another workspace, written straight to the store. */
async function seedOtherWorkspace() {
  const metadata = { workspaceId: 'ws-other', layer: 'workspace', actor: SYSTEM_ACTOR, result: 'success', occurredAt: new Date().toISOString() };
  for (const recordId of ['T-1', 'T-9']) {
    await api.store.appendToStream(`ticket-ws-other.${recordId}`, [
      { id: randomUUID(), type: 'TicketCreated', data: { recordType: 'ticket', recordId, fields: { title: 'Not yours' } }, metadata },
    ]);
  }
}

/** Waits until the timeline holds every event the store holds now that it listens to. */
async function projected() {
  const last = (await api.store.readAll({ filter: recordTimelineProjection.filter, maxCount: 10_000 })).at(-1);
  if (!last) throw new Error('No record events in the store');
  expect(await waitForCheckpoint(api.pool, RECORD_TIMELINE_PROJECTION, last.position, 10_000)).toBe(true);
}

/** Stored event id → the id the host sent it with, so entries read as the host events above. */
let hostIdOf: Map<string, string>;

async function readAllPages(order: string, limit: number): Promise<{ ids: string[]; pages: number; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { status: number; body: Page } = await timeline('ticket/T-1', `order=${order}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.items.map((item) => hostIdOf.get(item.eventId) ?? item.eventId));
    totals.push(page.body.total);
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { ids, pages, totals };
}

beforeAll(async () => {
  api = await startTestApi();
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  auditor = await member('auditor@example.com', 'auditor');
  const key = await call(`/api/workspaces/${api.workspaceId}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } });
  const ingested = await call('/v1/events', { token: key.body.key, body: { events: hostEvents() } });
  expect(ingested.body).toMatchObject({ accepted: 26, duplicates: 0 });
  await seedOtherWorkspace();
  await projected();
  const stored = await api.pool.query<{ event_id: string; host_id: string }>(
    "SELECT event_id, metadata->>'hostEventId' AS host_id FROM es_events WHERE metadata->>'hostEventId' IS NOT NULL",
  );
  hostIdOf = new Map(stored.rows.map((row) => [row.event_id, row.host_id]));
}, 60_000);
afterAll(() => api?.close());

describe('the record timeline, through the whole API', () => {
  it('lists the record newest first, 20 at a time, every item carrying the current label', async () => {
    const { status, body } = (await timeline('ticket/T-1')) as { status: number; body: Page };
    expect(status).toBe(200);
    expect(body.total).toBe(25);
    expect(body.record).toEqual({ type: 'ticket', id: 'T-1', label: '1042', deleted: true, createdAt: expect.any(String) });
    expect(body.items.map((item) => hostIdOf.get(item.eventId))).toEqual(NEWEST_FIRST.slice(0, 20));
    expect(body.items.map((item) => item['record'])).toEqual(Array(20).fill({ type: 'ticket', id: 'T-1', label: '1042', deleted: true }));
    expect(body.nextCursor).toEqual(expect.any(String));

    const rest = (await timeline('ticket/T-1', `cursor=${body.nextCursor}`)).body as Page;
    expect(rest.items.map((item) => hostIdOf.get(item.eventId))).toEqual(NEWEST_FIRST.slice(20));
    expect(rest.nextCursor).toBeNull();
  });

  it('lists it oldest first, with previous and new values, assignments, statuses, comments, replies, files and page URLs', async () => {
    const { body } = (await timeline('ticket/T-1', 'order=asc&limit=100')) as { body: Page };
    expect(body.items.map((item) => hostIdOf.get(item.eventId))).toEqual([...NEWEST_FIRST].reverse());
    const [created, renamed, assigned, status, comment, reply, firstView] = body.items;
    const shown = ({ type, entry, label, changes, body, from, to, url }: Item) => ({ type, entry, label, changes, body, from, to, url });
    const plain = { changes: [], body: null, from: null, to: null, url: null };
    expect([created, renamed, assigned, status, comment, reply, firstView].map(shown)).toEqual([
      {
        ...plain,
        type: 'TicketCreated',
        entry: 'created',
        label: 'Created ticket',
        changes: [
          { field: 'title', previous: null, new: 'Printer on fire' },
          { field: 'status', previous: null, new: 'open' },
        ],
      },
      {
        ...plain,
        type: 'TicketUpdated',
        entry: 'updated',
        label: 'Updated ticket',
        changes: [
          { field: 'title', previous: 'Printer on fire', new: 'Printer smoking' },
          { field: 'priority', previous: null, new: 'high' },
        ],
      },
      { ...plain, type: 'TicketAssigned', entry: 'assigned', label: 'Assigned ticket', to: { id: 'agent-8', name: 'Lin' } },
      { ...plain, type: 'TicketStatusChanged', entry: 'status', label: 'Changed ticket status', from: 'open', to: 'pending' },
      { ...plain, type: 'CommentAdded', entry: 'comment', label: 'Added comment', body: 'Looking into it' },
      { ...plain, type: 'TicketReplied', entry: 'reply', label: 'Replied to ticket', body: 'We are on it' },
      { ...plain, type: 'PageViewed', entry: 'viewed', label: 'Viewed page', url: 'https://host.example/tickets/T-1?view=0' },
    ]);
    expect(comment['actor']).toEqual({ kind: 'host_actor', ...lin });
    expect(body.items.find((item) => item.type === 'FileAttached')).toMatchObject({ entry: 'file', details: { fileId: 'F-1', name: 'photo.jpg' } });
  });

  it('pages both ways with a keyset cursor: no gaps, no duplicates, the same total on every page', async () => {
    const desc = await readAllPages('desc', 7);
    expect(desc).toEqual({ ids: NEWEST_FIRST, pages: 4, totals: [25, 25, 25, 25] });
    const asc = await readAllPages('asc', 6);
    expect(asc).toEqual({ ids: [...NEWEST_FIRST].reverse(), pages: 5, totals: [25, 25, 25, 25, 25] });
  });

  it('links a record created before it has a number by its id, labelled by its title', async () => {
    const { status, body } = (await timeline('ticket/T-3')) as { status: number; body: Page };
    expect(status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.record).toEqual({ type: 'ticket', id: 'T-3', label: 'Paper jam', deleted: false, createdAt: expect.any(String) });
    expect(body.items[0]).toMatchObject({ type: 'TicketCreated', record: { type: 'ticket', id: 'T-3', label: 'Paper jam', deleted: false } });
  });

  it("answers 404 for another workspace's record, an unknown record and a workspace you are not in", async () => {
    expect((await timeline('ticket/T-9')).status).toBe(404);
    expect((await timeline('ticket/T-404')).status).toBe(404);
    expect((await timeline('asset/T-1')).status).toBe(404);
    expect((await timeline('ticket/T-9', '', owner.token, 'ws-other')).status).toBe(404);
    expect(((await timeline('ticket/T-1', 'limit=1')).body as Page).total).toBe(25);
  });

  it('answers bad query parameters with 400 and the path of each', async () => {
    const bad = await timeline('ticket/T-1', 'order=newest&limit=0&cursor=not-a-cursor&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'cursor', 'limit', 'order']);
    expect((await timeline('ticket/T-1', 'limit=101')).status).toBe(400);
  });

  it('lets roles that read workspace activity read a timeline, refuses the others by name, and needs a session', async () => {
    expect((await timeline('ticket/T-1', '', auditor.token)).status).toBe(200);
    for (const token of [agent.token, viewer.token]) {
      const refused = await timeline('ticket/T-1', '', token);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('activity.read_workspace');
    }
    expect((await call(`/api/workspaces/${api.workspaceId}/records/ticket/T-1/timeline`)).status).toBe(401);
  });

  it('documents the route and its parameters', async () => {
    const { body } = await call('/api/docs-json');
    const parameters = body.paths['/api/workspaces/{ws}/records/{type}/{id}/timeline'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters.sort()).toEqual(['cursor', 'id', 'limit', 'order', 'type', 'ws']);
  });
});
