import type { RecordedEvent } from '@trailmark/event-store';
import { ACTIVITY_FEED_PROJECTION, RECORD_TIMELINE_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
let owner: { id: string; token: string };
let agent: { id: string; token: string };
let viewer: { token: string };
let ws: string;

type Item = {
  eventId: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  position: string;
  streamName: string;
  actor: { kind: string | null; id: string | null; name: string | null; impersonatorId: string | null };
  result: string | null;
  ip: string | null;
  device: { type: string | null; os: string | null; browser: string | null } | null;
  record: { type: string; id: string; label: string | null } | null;
  url: string | null;
  occurredAt: string;
  recordedAt: string;
  details: unknown;
};

const FORMULA = '=HYPERLINK("http://evil.example","pay")';
const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const grace = { id: 'agent-7', name: 'Grace' };

/** The raw download: body as text, and the headers. */
async function download(path: string, token = owner.token) {
  const response = await fetch(`${api.url}/api/workspaces/${ws}/activity/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every item the list endpoint gives for a query, page after page. */
async function listAll(query: string, token = owner.token): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Item[]; nextCursor: string | null } } = await call(
      `/api/workspaces/${ws}/activity?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** RFC 4180, read independently of the code under test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      records.push([...record, field]);
      record = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  expect(field).toBe('');
  return records;
}

const neutralised = (value: string | null) => (value === null ? '' : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The columns the export promises, built from a list item; details as the JSON document they hold. */
const expectedRow = (item: Item) => [
  ...[
    item.occurredAt,
    item.recordedAt,
    item.eventId,
    item.type,
    item.category,
    item.kind,
    item.label,
    item.actor.kind,
    item.actor.id,
    item.actor.name,
    item.actor.impersonatorId,
    item.result,
    item.ip,
    item.device?.type ?? null,
    item.device?.os ?? null,
    item.device?.browser ?? null,
    item.record?.type ?? null,
    item.record?.id ?? null,
    item.record?.label ?? null,
    item.url,
    item.streamName,
    item.position,
  ].map(neutralised),
  item.details,
];

/** A CSV row with its last cell, the details, read as JSON. */
const withDetails = (row: string[]) => [...row.slice(0, -1), JSON.parse(row[row.length - 1])];

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

/** The record timeline (which keeps current labels) has the last ticket event: it follows record events only. */
async function labelsProjected() {
  const last = (await api.store.readAll({ maxCount: 100_000 })).filter((event) => event.type.startsWith('Ticket')).at(-1);
  if (!last) throw new Error('No ticket event stored');
  expect(await waitForCheckpoint(api.pool, RECORD_TIMELINE_PROJECTION, last.position, 10_000)).toBe(true);
}

const exportEvents = async (): Promise<RecordedEvent[]> =>
  (await api.store.readAll({ maxCount: 100_000 })).filter((event) => event.type === 'DataExported' && event.streamName.startsWith(`export-${ws}.`));

beforeAll(async () => {
  api = await startTestApi();
  ws = api.workspaceId;
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const key = await call(`/api/workspaces/${ws}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } });
  const views = Array.from({ length: 20 }, (_, n) => ({
    id: `view-${n}`,
    action: 'page.viewed',
    occurredAt: minutesAgo(30 - n),
    actor: grace,
    target: { type: 'page', id: `/tickets/T-${n}`, url: `https://host.example/tickets/T-${n}`, name: `Ticket ${n}` },
  }));
  const events = [
    ...views,
    { id: 'formula', action: 'ticket.created', occurredAt: minutesAgo(8), actor: grace, target: { type: 'ticket', id: 'T-1', name: FORMULA } },
    { id: 'lines', action: 'ticket.created', occurredAt: minutesAgo(7), actor: grace, target: { type: 'ticket', id: 'T-2', name: 'Two\r\nlines, "quoted"' } },
    { id: 'at', action: 'invoice.paid_late', occurredAt: minutesAgo(6), actor: { id: 'm-1', name: '@mallory' }, target: { type: 'invoice', id: 'I-1', name: '-1+2' } },
    { id: 'old-name', action: 'ticket.created', occurredAt: minutesAgo(5), actor: grace, target: { type: 'ticket', id: 'T-3', name: 'Old name' } },
    { id: 'new-name', action: 'ticket.updated', occurredAt: minutesAgo(4), actor: grace, target: { type: 'ticket', id: 'T-3', name: 'New name' }, changes: [{ field: 'title', from: 'Old name', to: 'New name' }] },
  ];
  const ingested = await call('/v1/events', { token: key.body.key, body: { events } });
  expect(ingested.body).toMatchObject({ accepted: 25, duplicates: 0 });
  await projected();
  await labelsProjected();
}, 60_000);
afterAll(() => api?.close());

describe('exporting the activity feed', () => {
  it('streams CSV that reads back row by row as the list, formulas neutralised, and records a DataExported event', async () => {
    const listed = await listAll('scope=workspace&range=all');
    expect(listed.length).toBeGreaterThan(30);
    const { status, headers, text } = await download('export.csv?scope=workspace&range=all');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="activity-${ws}-\\d{8}T\\d{6}Z\\.csv"$`));

    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['occurredAt', 'recordedAt', 'eventId', 'type', 'category', 'kind', 'label', 'actorKind', 'actorId', 'actorName', 'impersonatorId', 'result', 'ip', 'deviceType', 'deviceOs', 'deviceBrowser', 'recordType', 'recordId', 'recordLabel', 'url', 'streamName', 'position', 'details']);
    expect(rows.map(withDetails)).toEqual(listed.map(expectedRow));

    const column = (name: string) => header.indexOf(name);
    const formula = rows.find((row) => row[column('recordId')] === 'T-1');
    expect(formula?.[column('recordLabel')]).toBe(`'${FORMULA}`);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""pay"")"`);
    const mallory = rows.find((row) => row[column('actorId')] === 'm-1');
    expect([mallory?.[column('actorName')], mallory?.[column('recordLabel')]]).toEqual(["'@mallory", "'-1+2"]);
    expect(rows.find((row) => row[column('recordId')] === 'T-2')?.[column('recordLabel')]).toBe('Two\r\nlines, "quoted"');
    // Both rows of the renamed ticket carry its name now, the creation's included.
    expect(rows.filter((row) => row[column('recordId')] === 'T-3').map((row) => [row[column('type')], row[column('recordLabel')]])).toEqual([
      ['TicketUpdated', 'New name'],
      ['TicketCreated', 'New name'],
    ]);

    const [recorded] = await exportEvents();
    expect(recorded.data).toEqual({
      exportId: recorded.streamName.slice(`export-${ws}.`.length),
      dataset: 'activity',
      format: 'csv',
      rowCount: listed.length,
      filters: { scope: 'workspace', range: 'all' },
    });
    expect(recorded.metadata).toMatchObject({ workspaceId: ws, actor: { kind: 'user', id: owner.id }, result: 'success' });
    await projected();
    const inFeed = await call(`/api/workspaces/${ws}/activity?scope=workspace&type=DataExported`, { token: owner.token });
    expect(inFeed.body.items.map((item: Item) => [item.category, item.label, item.actor.id])).toEqual([['Exports', 'Exported data', owner.id]]);
    const inAudit = await call(`/api/workspaces/${ws}/audit-log?category=Exports`, { token: owner.token });
    expect(inAudit.body.total).toBe(1);
  });

  it('streams NDJSON of exactly the list items for the same filters, q included', async () => {
    const query = `scope=workspace&q=${encodeURIComponent('actor:grace -category:browsing')}`;
    const listed = await listAll(query);
    expect(listed.map((item) => item.record?.id)).toEqual(['T-3', 'T-3', 'T-2', 'T-1']);
    const before = (await exportEvents()).length;
    const { status, headers, text } = await download(`export.ndjson?${query}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="activity-.+\.ndjson"$/);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n').map((line) => JSON.parse(line))).toEqual(listed);
    const added = (await exportEvents()).slice(before);
    expect(added.map((event) => event.data)).toEqual([
      expect.objectContaining({ format: 'ndjson', rowCount: 4, filters: { scope: 'workspace', range: '7d', q: 'actor:grace -category:browsing' } }),
    ]);
  });

  it('lets an agent export only their own activity, and records it as theirs', async () => {
    const before = (await exportEvents()).length;
    const refused = await download('export.csv?scope=workspace', agent.token);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toContain('activity.read_workspace');
    expect((await download('export.csv', viewer.token)).status).toBe(403);

    const listed = await listAll('scope=mine&range=all', agent.token);
    expect(listed.length).toBeGreaterThan(0);
    const own = await download('export.csv?range=all', agent.token);
    expect(parseCsv(own.text).slice(1).map(withDetails)).toEqual(listed.map(expectedRow));
    const added = (await exportEvents()).slice(before);
    expect(added.map((event) => [event.data, (event.metadata['actor'] as { id: string }).id])).toEqual([
      [expect.objectContaining({ format: 'csv', rowCount: listed.length, filters: { scope: 'mine', range: 'all' } }), agent.id],
    ]);
  });

  it('refuses a bad query with 400 and another workspace with 404, recording nothing', async () => {
    const before = (await exportEvents()).length;
    const bad = await download(`export.csv?scope=workspace&q=${encodeURIComponent('colour:red')}`);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).issues).toEqual([{ path: 'q', message: expect.stringContaining('"colour:"') }]);
    expect((await download('export.csv?limit=5')).status).toBe(400);
    const other = await fetch(`${api.url}/api/workspaces/ws-not-mine/activity/export.csv`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(other.status).toBe(404);
    expect((await exportEvents()).length).toBe(before);
  });
});
