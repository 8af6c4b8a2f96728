import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type IngestServer, startIngestServer } from '../lib/ingest-server.fixture';
import { createTrailmarkClient, type TrailmarkClient } from '../lib/trailmark-client';
import { createPageViewHandler, type PageViewHandlerOptions } from './page-view-handler';

const ada = { id: 'u-1', name: 'Ada Lovelace' };

describe('page-view handler', () => {
  let ingest: IngestServer;
  let client: TrailmarkClient;
  let host: Server;
  let endpoint: string;

  const mount = async (options: Partial<PageViewHandlerOptions> = {}) => {
    const handler = createPageViewHandler(client, {
      resolveActor: (req: IncomingMessage) => (req.headers.cookie === 'session=ada' ? ada : null),
      ...options,
    });
    host = createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(host.address() as AddressInfo).port}/trailmark/page-view`;
  };

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'application/json', cookie: 'session=ada', 'user-agent': 'Mozilla/5.0 Test', ...headers } });

  const forwarded = async () => {
    await client.flush();
    return ingest.requests.flatMap((request) => request.events);
  };

  beforeEach(async () => {
    ingest = await startIngestServer();
    client = createTrailmarkClient({ baseUrl: ingest.url, apiKey: 'tmk_test_key', flushIntervalMs: 60_000 });
  });

  afterEach(async () => {
    await client.shutdown();
    await new Promise((resolve) => host.close(resolve));
    await ingest.close();
  });

  it('forwards a page view through the client as page.viewed and answers 204', async () => {
    const ticketId = (url: string) => /\/tickets\/(\w+)$/.exec(url)?.[1];
    await mount({ resolveRecord: (url) => (ticketId(url) ? { type: 'ticket', id: ticketId(url)! } : undefined) });
    const response = await post(JSON.stringify({ url: 'https://app.example.com/tickets/42', title: ' Ticket 42 ' }));
    expect(response.status).toBe(204);
    expect(await forwarded()).toEqual([
      {
        id: expect.any(String),
        occurredAt: expect.any(String),
        action: 'page.viewed',
        actor: ada,
        target: { type: 'page', id: 'https://app.example.com/tickets/42', url: 'https://app.example.com/tickets/42', name: 'Ticket 42' },
        context: { ip: expect.stringMatching(/127\.0\.0\.1$/), userAgent: 'Mozilla/5.0 Test' },
        details: { recordType: 'ticket', recordId: '42' },
      },
    ]);
  });

  it('answers 204 without tracking anything when no actor is signed in', async () => {
    await mount();
    const response = await post(JSON.stringify({ url: 'https://app.example.com/' }), { cookie: '' });
    expect(response.status).toBe(204);
    expect(await forwarded()).toEqual([]);
  });

  it.each([
    ['a non-web URL', { url: 'javascript:alert(1)' }, ['url']],
    ['a relative URL', { url: '/tickets' }, ['url']],
    ['a title over 500 characters', { url: 'https://app.example.com/', title: 'x'.repeat(501) }, ['title']],
    ['no URL and a numeric title', { title: 7 }, ['url', 'title']],
  ])('answers 400 naming the bad fields for %s', async (_case, body, paths) => {
    await mount();
    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(paths);
    expect(await forwarded()).toEqual([]);
  });

  it.each([
    ['invalid JSON', () => post('{"url":'), 400],
    ['a form post', () => post('url=https://evil.example/', { 'content-type': 'application/x-www-form-urlencoded' }), 415],
    ['a cross-site request', () => post(JSON.stringify({ url: 'https://app.example.com/' }), { 'sec-fetch-site': 'cross-site' }), 403],
    ['a body over the limit', () => post(JSON.stringify({ url: `https://app.example.com/${'x'.repeat(20_000)}` })), 413],
    ['a GET', () => fetch(endpoint), 405],
  ])('refuses %s', async (_case, send, status) => {
    await mount();
    const response = await send();
    expect(response.status).toBe(status);
    expect(await forwarded()).toEqual([]);
  });
});
