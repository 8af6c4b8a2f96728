import { describeEvent } from '@trailmark/contracts';
import { ACTIVITY_FEED_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { token: string };
let ws: string;

const OTHER_WS = 'wsother';
const AUDIT = ['Auth', 'Permissions', 'Workspace', 'Teams', 'Settings', 'Exports', 'Impersonation'];
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

type Item = { eventId: string; type: string; category: string; label: string; actor: { id: string }; record: { id: string } | null; occurredAt: string };

const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const get = (path: string, token = owner.token) => call(`/api/workspaces/${ws}/${path}`, { token });
const activity = (query: string, token = owner.token) => get(`activity?${query}`, token);
const q = (search: string, more = 'scope=workspace') => activity(`${more}&q=${encodeURIComponent(search)}&limit=100`);
const brief = (items: Item[]) => items.map((item) => `${item.type} ${item.record?.id ?? '-'}`);

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const daysAgo = (days: number) => minutesAgo(days * 24 * 60);
const grace = { id: 'agent-7', name: 'Grace' };
const lin = { id: 'agent-8', name: 'Lin' };

function hostEvents() {
  const created = [1, 2, 3].map((n) => ({
    id: `created-${n}`,
    action: 'ticket.created',
    occurredAt: minutesAgo(41 - n),
    actor: grace,
    target: { type: 'ticket', id: `T-${n}`, name: `Ticket ${n}` },
    context: { ip: '10.0.0.1', userAgent: CHROME },
  }));
  const views = [0, 1, 2, 3, 4].map((n) => ({
    id: `view-${n}`,
    action: 'page.viewed',
    occurredAt: minutesAgo(20 - n),
    actor: lin,
    target: { type: 'page', id: '/tickets/T-1', url: 'https://host.example/tickets/T-1', name: 'Ticket T-1' },
  }));
  return [
    ...created,
    { id: 'signed-in', action: 'user.signed_in', occurredAt: minutesAgo(35), actor: lin, context: { ip: '10.0.0.2' } },
    { id: 'sign-in-failed', action: 'user.sign_in_failed', occurredAt: minutesAgo(34), actor: { id: 'm-1', name: 'Mallory' }, context: { ip: '203.0.113.5' } },
    {
      id: 'updated',
      action: 'ticket.updated',
      occurredAt: minutesAgo(30),
      actor: grace,
      target: { type: 'ticket', id: 'T-1' },
      changes: [{ field: 'priority', from: 'low', to: 'high' }],
      context: { ip: '10.0.0.1', userAgent: CHROME },
    },
    {
      id: 'assigned',
      action: 'ticket.assigned',
      occurredAt: minutesAgo(25),
      actor: lin,
      target: { type: 'ticket', id: 'T-1' },
      changes: [{ field: 'assignee', from: null, to: lin }],
      context: { ip: '10.0.0.2' },
    },
    ...views,
    { id: 'paid', action: 'invoice.paid_late', occurredAt: minutesAgo(10), actor: { id: 'agent-9', name: 'Kim, Jr.' }, target: { type: 'invoice', id: 'I-1' }, result: 'warning' },
    { id: 'deleted-6d', action: 'ticket.deleted', occurredAt: daysAgo(6), actor: grace, target: { type: 'ticket', id: 'T-98' } },
    { id: 'deleted-10d', action: 'ticket.deleted', occurredAt: daysAgo(10), actor: grace, target: { type: 'ticket', id: 'T-99' } },
  ];
}

/** Written to the store directly: an impersonated member's event with every metadata field, and another workspace's event. */
async function storeEvents() {
  const metadata = { layer: 'workspace', result: 'success', occurredAt: minutesAgo(5) };
  await api.store.appendToStream(`activity-${ws}.report`, [
    {
      id: 'ada-report',
      type: 'ActivityRecorded',
      data: { action: 'report.viewed' },
      metadata: {
        ...metadata,
        workspaceId: ws,
        actor: { kind: 'user', id: 'u-ada', name: 'Ada', impersonatorId: 'admin-1' },
        ip: '198.51.100.7',
        userAgent: IPHONE,
        correlationId: 'corr-1',
        causationId: 'cause-1',
      },
    },
  ]);
  await api.store.appendToStream(`ticket-${OTHER_WS}.T-1`, [
    {
      id: 'other-created',
      type: 'TicketCreated',
      data: { recordType: 'ticket', recordId: 'T-1', fields: {} },
      metadata: { ...metadata, workspaceId: OTHER_WS, actor: { kind: 'host_actor', ...grace }, ip: '10.0.0.1' },
    },
  ]);
}

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${ws}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${ws}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

async function projected() {
  const last = (await api.store.readAll({ maxCount: 100_000 })).at(-1);
  if (!last) throw new Error('The store is empty');
  expect(await waitForCheckpoint(api.pool, ACTIVITY_FEED_PROJECTION, last.position, 10_000)).toBe(true);
}

/** Counts per category of this workspace's events, straight from the store: what the read side must agree with. */
async function storedCategories(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await api.store.readAll({ maxCount: 100_000 })) {
    if (event.metadata['workspaceId'] !== ws) continue;
    const { category } = describeEvent(event.type, event.data as { action?: unknown });
    counts[category] = (counts[category] ?? 0) + 1;
  }
  return counts;
}

const idOf = async (query: string) => ((await activity(`scope=workspace&range=all&${query}`)).body.items as Item[])[0].eventId;

beforeAll(async () => {
  api = await startTestApi();
  ws = api.workspaceId;
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const key = await call(`/api/workspaces/${ws}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } });
  const ingested = await call('/v1/events', { token: key.body.key, body: { events: hostEvents() } });
  expect(ingested.body).toMatchObject({ accepted: 15, duplicates: 0 });
  await storeEvents();
  await projected();
}, 60_000);
afterAll(() => api?.close());

describe('searching the activity feed with q', () => {
  it('matches free words against label, event type, record type and IP, newest first', async () => {
    expect(brief((await q('ticket')).body.items)).toEqual([
      'TicketAssigned T-1',
      'TicketUpdated T-1',
      'TicketCreated T-3',
      'TicketCreated T-2',
      'TicketCreated T-1',
      'TicketDeleted T-98',
    ]);
    expect(brief((await q('assigned')).body.items)).toEqual(['TicketAssigned T-1']);
    expect((await q('10.0.0')).body.total).toBe(6);
    expect((await q('"viewed page"')).body.total).toBe(5);
    expect(brief((await q('ticket -created -deleted')).body.items)).toEqual(['TicketAssigned T-1', 'TicketUpdated T-1']);
  });

  it('matches actor by name or id whatever the case, and action by type, label or host action', async () => {
    const byGrace = ['TicketUpdated T-1', 'TicketCreated T-3', 'TicketCreated T-2', 'TicketCreated T-1', 'TicketDeleted T-98'];
    expect(brief((await q('actor:GRACE')).body.items)).toEqual(byGrace);
    expect(brief((await q('actor:Agent-7')).body.items)).toEqual(byGrace);
    expect(brief((await q('actor:"Kim, Jr."')).body.items)).toEqual(['ActivityRecorded I-1']);
    expect(brief((await q('action:ticketassigned')).body.items)).toEqual(['TicketAssigned T-1']);
    expect(brief((await q('action:invoice.paid_late')).body.items)).toEqual(['ActivityRecorded I-1']);
    expect((await q('action:"Viewed page"')).body.total).toBe(5);
  });

  it('combines qualifiers with AND, negates with a dash, and bounds occurrence time with created:', async () => {
    expect(brief((await q('ip:10.0.0.1')).body.items)).toEqual(['TicketUpdated T-1', 'TicketCreated T-3', 'TicketCreated T-2', 'TicketCreated T-1']);
    expect(brief((await q('ip:10.0.0.1 action:TicketCreated -created:<=' + minutesAgo(39))).body.items)).toEqual(['TicketCreated T-3']);
    expect((await q('category:auth -result:success')).body.items.map((item: Item) => [item.type, item.actor.id])).toEqual([['SignInFailed', 'm-1']]);
    expect(brief((await q('actor:agent-8 -category:browsing')).body.items)).toEqual(['TicketAssigned T-1', 'SignedIn -']);
    expect((await q('actor:agent-8 -viewed')).body.total).toBe(2);
    // A created: qualifier lifts the default 7-day range: both old deletions answer.
    const fiveDaysAgo = daysAgo(5).slice(0, 10);
    expect(brief((await q(`actor:grace created:<${fiveDaysAgo}`)).body.items)).toEqual(['TicketDeleted T-98', 'TicketDeleted T-99']);
    expect(brief((await q(`actor:grace created:>=${fiveDaysAgo} action:TicketDeleted`)).body.items)).toEqual([]);
  });

  it('pages a search with the keyset cursor and the same total on every page', async () => {
    const everything = (await q('ticket')).body.items.map((item: Item) => item.eventId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Item[]; total: number; nextCursor: string | null } } = await activity(
        `scope=workspace&q=ticket&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.total).toBe(6);
      seen.push(...page.body.items.map((item) => item.eventId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(everything);
  });

  it('answers a bad q with 400 naming the unknown qualifier or the bad value', async () => {
    const unknown = await activity(`scope=workspace&q=${encodeURIComponent('actor:grace colour:red')}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'q', message: expect.stringContaining('Unknown qualifier "colour:"') }]);
    const date = await activity(`q=${encodeURIComponent('created:>last-week')}`);
    expect(date.status).toBe(400);
    expect(date.body.issues[0]).toEqual({ path: 'q', message: expect.stringContaining('"created:>last-week"') });
    expect((await activity(`q=${encodeURIComponent('"unclosed')}`)).body.issues).toEqual([{ path: 'q', message: 'q has a quote that is never closed' }]);
  });
});

describe('recent and archive', () => {
  it('splits the feed at four days, and takes from/to', async () => {
    const all = (await activity('scope=workspace&range=all&limit=1')).body.total;
    expect(brief((await activity('scope=workspace&view=archive')).body.items)).toEqual(['TicketDeleted T-98', 'TicketDeleted T-99']);
    expect(brief((await activity('scope=workspace&view=archive&range=7d')).body.items)).toEqual(['TicketDeleted T-98']);
    expect((await activity('scope=workspace&view=recent&limit=1')).body.total).toBe(all - 2);
    const between = await activity(`scope=workspace&from=${encodeURIComponent(daysAgo(8))}&to=${encodeURIComponent(daysAgo(5))}`);
    expect(brief(between.body.items)).toEqual(['TicketDeleted T-98']);
    const bad = await activity('view=old&from=2026-02-30&to=tomorrow');
    expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toEqual(['from', 'to', 'view']);
  });
});

describe('facets', () => {
  it('counts every category of the workspace as the store holds it', async () => {
    const stored = await storedCategories();
    const { status, body } = await get('activity/facets?scope=workspace&range=all');
    expect(status).toBe(200);
    expect(Object.entries(body.categories).filter(([, n]) => n !== 0)).toEqual(Object.entries(stored).sort(byCategoryOrder(body.categories)));
    expect(body.total).toBe(Object.values(stored).reduce((sum, n) => sum + n, 0));
    expect(body.categories).toMatchObject({ Records: 7, Browsing: 5, Other: 2, Inbox: 0 });
  });

  it('applies the other filters and ignores the category one, so each category shows what it would list', async () => {
    const expected = { Auth: 1, Records: 1, Browsing: 0, Other: 0 };
    for (const query of ['q=ip:10.0.0.2', 'q=ip:10.0.0.2&category=Browsing', `q=${encodeURIComponent('ip:10.0.0.2 category:Browsing')}`]) {
      const { body } = await get(`activity/facets?scope=workspace&${query}`);
      expect(body.categories).toMatchObject(expected);
      expect(body.total).toBe(2);
    }
    const listed = await activity('scope=workspace&q=ip:10.0.0.2&category=Auth');
    expect(brief(listed.body.items)).toEqual(['SignedIn -']);
  });

  it('counts only your own activity for scope=mine and refuses what the list refuses', async () => {
    const mine = await get('activity/facets?range=all', agent.token);
    const listed = await activity('range=all&limit=100', agent.token);
    expect(mine.body.total).toBe(listed.body.total);
    expect(mine.body.total).toBeGreaterThan(0);
    expect((await get('activity/facets?scope=workspace', agent.token)).status).toBe(403);
    expect((await get('activity/facets', viewer.token)).status).toBe(403);
    expect((await call(`/api/workspaces/${OTHER_WS}/activity/facets`, { token: owner.token })).status).toBe(404);
  });
});

describe('one event in full', () => {
  it('shows a record update with its field changes, stream revision, device and metadata', async () => {
    const { status, body } = await get(`activity/${await idOf('type=TicketUpdated')}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: 'TicketUpdated',
      label: 'Updated ticket',
      record: { type: 'ticket', id: 'T-1' },
      stream: { name: `ticket-${ws}.T-1`, revision: 1 },
      changes: [{ field: 'priority', previous: 'low', new: 'high' }],
      device: { type: 'desktop', os: 'Windows 10', browser: 'Chrome 126' },
      metadata: {
        layer: 'workspace',
        actor: { kind: 'host_actor', id: 'agent-7', name: 'Grace', impersonatorId: null },
        result: 'success',
        ip: '10.0.0.1',
        userAgent: { raw: CHROME, device: { type: 'desktop', os: 'Windows 10', browser: 'Chrome 126' } },
        correlationId: expect.any(String),
        causationId: null,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        other: { source: 'ingestion' },
      },
    });
    expect(body.metadata.occurredAt).toBe(body.occurredAt);
  });

  it('turns an assignment into an assignee change and finds an event deep in its stream', async () => {
    expect((await get(`activity/${await idOf('type=TicketAssigned')}`)).body.changes).toEqual([{ field: 'assignee', previous: null, new: lin }]);
    const views = (await activity('scope=workspace&type=PageViewed')).body.items as Item[];
    const revisions = await Promise.all(views.map(async (view) => (await get(`activity/${view.eventId}`)).body.stream));
    expect(revisions).toEqual([4, 3, 2, 1, 0].map((revision) => ({ name: `browsing-${ws}.agent-8`, revision })));
  });

  it('shows who impersonated, the correlation and causation, and the user agent parsed', async () => {
    const { body } = await get('activity/ada-report');
    expect(body).toMatchObject({
      eventId: 'ada-report',
      label: 'Report viewed',
      changes: [],
      stream: { name: `activity-${ws}.report`, revision: 0 },
      metadata: {
        actor: { kind: 'user', id: 'u-ada', name: 'Ada', impersonatorId: 'admin-1' },
        correlationId: 'corr-1',
        causationId: 'cause-1',
        ip: '198.51.100.7',
        userAgent: { raw: IPHONE, device: { type: 'mobile', os: 'iOS 17.0', browser: 'Mobile Safari 17' } },
        prevHash: expect.any(String),
      },
    });
  });

  it('lets a member without workspace rights open only their own events; 404 for anything else', async () => {
    const own = (await activity('range=all', agent.token)).body.items[0] as Item;
    const opened = await get(`activity/${own.eventId}`, agent.token);
    expect(opened.status).toBe(200);
    expect(opened.body.actor.id).toBe(agent.id);
    expect((await get(`activity/${await idOf('type=TicketUpdated')}`, agent.token)).status).toBe(404);
    expect((await get(`activity/${own.eventId}`, viewer.token)).status).toBe(403);
    expect((await get('activity/other-created')).status).toBe(404);
    expect((await get('activity/no-such-event')).status).toBe(404);
    expect((await call(`/api/workspaces/${OTHER_WS}/activity/other-created`, { token: owner.token })).status).toBe(404);
  });
});

describe('the audit log', () => {
  it('lists only the audit categories, newest first, with the total the store holds', async () => {
    const stored = await storedCategories();
    const { status, body } = await get('audit-log?range=all&limit=100');
    expect(status).toBe(200);
    expect(body.total).toBe(AUDIT.reduce((sum, category) => sum + (stored[category] ?? 0), 0));
    expect(body.items).toHaveLength(body.total);
    expect(new Set(body.items.map((item: Item) => item.category))).toEqual(new Set(AUDIT.filter((category) => stored[category])));
    const times = body.items.map((item: Item) => Date.parse(item.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const facets = await get('audit-log/facets?range=all');
    expect(facets.body).toEqual({ categories: Object.fromEntries(AUDIT.map((category) => [category, stored[category] ?? 0])), total: body.total });
  });

  it('takes the feed filters and q', async () => {
    const auth = await get('audit-log?category=Auth&limit=100');
    expect(auth.body.total).toBe((await storedCategories())['Auth']);
    expect(auth.body.items.every((item: Item) => item.category === 'Auth')).toBe(true);
    const hostSignIns = auth.body.items.filter((item: Item) => ['agent-8', 'm-1'].includes(item.actor.id));
    expect(hostSignIns.map((item: Item) => item.type)).toEqual(['SignInFailed', 'SignedIn']);
    const failed = await get(`audit-log?q=${encodeURIComponent('result:failure')}`);
    expect(failed.body.items.map((item: Item) => item.actor.id)).toEqual(['m-1']);
    const page = await get('audit-log?range=all&limit=2');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await get('audit-log?q=actor:grace')).body.total).toBe(0);
  });

  it('refuses agents and viewers (403 naming audit.read), other categories (400) and other workspaces (404)', async () => {
    for (const token of [agent.token, viewer.token]) {
      const refused = await get('audit-log', token);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('audit.read');
    }
    expect((await get('audit-log/facets', agent.token)).status).toBe(403);
    const records = await get('audit-log?category=Records&scope=workspace');
    expect(records.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['', 'category']);
    expect((await call(`/api/workspaces/${OTHER_WS}/audit-log`, { token: owner.token })).status).toBe(404);
  });
});

it('documents every new route and the new query parameters', async () => {
  const { body } = await call('/api/docs-json');
  const paths = Object.keys(body.paths);
  for (const path of ['activity/facets', 'activity/export.csv', 'activity/export.ndjson', 'activity/{eventId}', 'audit-log', 'audit-log/facets']) {
    expect(paths).toContain(`/api/workspaces/{ws}/${path}`);
  }
  const parameters = body.paths['/api/workspaces/{ws}/activity'].get.parameters.map((parameter: { name: string }) => parameter.name);
  expect(parameters).toEqual(expect.arrayContaining(['q', 'view', 'from', 'to', 'range']));
});

function byCategoryOrder(categories: Record<string, number>) {
  const order = Object.keys(categories);
  return ([a]: [string, number], [b]: [string, number]) => order.indexOf(a) - order.indexOf(b);
}
