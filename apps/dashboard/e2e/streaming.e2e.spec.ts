import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_OWNER } from './support/api';
import { screenshot, signInThroughTheForm, watchForViolations } from './support/browser';
import { type DashboardFixture, startDashboard } from './support/dashboard-fixture';
import { projected } from './support/seed';

jest.setTimeout(60_000);

interface Received {
  signature: string;
  body: string;
  events: Array<{ id: string; type: string; position: string }>;
}

let fixture: DashboardFixture;
let context: BrowserContext;
let page: Page;
let problems: () => Promise<string[]>;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

const ws = () => fixture.api.workspaceId;

/** A SIEM stand-in on loopback: keeps every request and answers 200. */
async function startReceiver(): Promise<void> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ signature: String(request.headers['x-trailmark-signature']), body, events: JSON.parse(body).events });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/siem`;
}

/** The workspace's events in global order, as the store holds them, without the streaming feature's own delivery records. */
async function storedEventIds(): Promise<string[]> {
  const { rows } = await fixture.api.pool.query<{ event_id: string }>(
    `SELECT event_id FROM es_events WHERE metadata->>'workspaceId' = $1
       AND event_type NOT IN ('StreamingDeliverySucceeded', 'StreamingDeliveryFailed', 'StreamingDestinationTested')
     ORDER BY tx_id, position`,
    [ws()],
  );
  return rows.map((row) => row.event_id);
}

async function eventually<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  process.env['TRAILMARK_STREAMING_ALLOW_PRIVATE'] = 'true';
  await startReceiver();
  fixture = await startDashboard();
  context = await fixture.browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  problems = await watchForViolations(page);
  await projected(fixture.api);
  await signInThroughTheForm(page, fixture.api.url, TEST_OWNER.email, TEST_OWNER.password);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await fixture?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  delete process.env['TRAILMARK_STREAMING_ALLOW_PRIVATE'];
});

describe('the Streaming settings page in a browser', () => {
  let secret: string;

  it('adds a destination and shows its signing secret once', async () => {
    await page.goto(`${fixture.api.url}/w/${ws()}/settings/streaming`);
    await page.getByText('No destinations yet.').waitFor();
    const form = page.getByRole('form', { name: 'New destination' });
    await form.getByLabel('Name').fill('Loopback SIEM');
    await form.getByLabel('URL').fill(receiverUrl);
    await form.getByRole('button', { name: 'Add destination' }).click();
    secret = (await page.getByTestId('streaming-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('streaming-secret').count()).toBe(0);
    expect(await page.locator('tr[data-destination="Loopback SIEM"] td').nth(1).textContent()).toBe(receiverUrl);
  });

  it("delivers the workspace's events in order, each request signed with that secret", async () => {
    const created = await eventually(
      () => received.flatMap((request) => request.events),
      (events) => events.some((event) => event.type === 'StreamingDestinationCreated'),
    );
    const ids = [...new Set(created.map((event) => event.id))];
    const stored = await storedEventIds();
    expect(ids).toEqual(stored.slice(0, ids.length));
    expect(ids.length).toBeGreaterThan(10);
    for (const request of received) {
      const [t, v1] = request.signature.split(',').map((part) => part.split('=')[1]);
      expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${request.body}`).digest('hex'));
    }
  });

  it('lists every delivered batch in the delivery log, newest first', async () => {
    // Quiet: nothing new reached the receiver for a second, so every batch it got is in the log.
    let before = -1;
    await eventually(
      async () => {
        const now = received.length;
        const quiet = now === before;
        before = now;
        if (!quiet) await new Promise((resolve) => setTimeout(resolve, 1000));
        return quiet;
      },
      (quiet) => quiet,
    );
    const row = page.locator('tr[data-destination="Loopback SIEM"]');
    await row.getByRole('button', { name: 'Delivery log' }).click();
    const log = page.getByRole('region', { name: 'Delivery log' });
    await log.getByText('Delivered (200)').first().waitFor();
    const counts = await log.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(counts.map(Number)).toEqual(received.map((request) => request.events.length).reverse());
    expect(await log.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(counts.map(() => 'Delivered (200)'));
    await screenshot(page, 'streaming');
    expect(await problems()).toEqual([]);
  });
});
