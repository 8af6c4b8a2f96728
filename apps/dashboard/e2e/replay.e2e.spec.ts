import type { BrowserContext, Page } from 'playwright-core';
import { Client } from 'pg';
import { callApi, TEST_OWNER } from './support/api';
import { screenshot, signInThroughTheForm, watchForViolations } from './support/browser';
import { type DashboardFixture, startDashboard } from './support/dashboard-fixture';
import { AGENT, projected } from './support/seed';

jest.setTimeout(60_000);

let fixture: DashboardFixture;
let context: BrowserContext;
let page: Page;
let problems: () => Promise<string[]>;

const ws = () => fixture.api.workspaceId;
const stream = () => `ticket-${ws()}.T-1`;
const steps = () => page.getByRole('list', { name: 'Steps' }).getByRole('button');
const badge = () => page.getByRole('status').filter({ hasText: /Chain|Broken|Verifying|Not verified/ });
const position = () => page.getByTestId('scrubber-position');
const stateRows = async () =>
  Object.fromEntries(await page.locator('table.state tr').evaluateAll((rows) => rows.map((row) => [row.querySelector('th')?.textContent?.trim(), row.querySelector('td')?.textContent?.trim()])));
const changeCells = () => page.locator('table.changes tbody td').allTextContents();
const facts = async () =>
  Object.fromEntries(
    await page.getByRole('region', { name: 'Event' }).locator('dt').evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent?.trim()])),
  );

/** Changes one stored event behind the immutability trigger (as the table's owner), without recomputing its hash: what a tamperer with database access could do. */
async function tamper(streamName: string, revision: number, edit: (data: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const client = new Client({ connectionString: fixture.api.postgres.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: Record<string, unknown> }>('SELECT data FROM es_events WHERE stream_name = $1 AND revision = $2', [streamName, revision]);
    await client.query('ALTER TABLE es_events DISABLE TRIGGER es_events_immutable');
    await client.query('UPDATE es_events SET data = $3 WHERE stream_name = $1 AND revision = $2', [streamName, revision, JSON.stringify(edit(rows[0].data))]);
    await client.query('ALTER TABLE es_events ENABLE TRIGGER es_events_immutable');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
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
});

describe('the Replay page in a browser', () => {
  it("opens from a record's Activity tab with every step, starting at revision 0, and the chain verified", async () => {
    await page.goto(`${fixture.api.url}/w/${ws()}/records/ticket/T-1`);
    await page.getByRole('link', { name: 'Replay and verify this record' }).click();
    await page.waitForURL(`**/w/${ws()}/replay?type=ticket&id=T-1`);
    await badge().filter({ hasText: 'Chain verified' }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(stream());
    expect(await steps().locator('span:nth-child(2)').allTextContents()).toEqual(['Created ticket', 'Assigned ticket', 'Assigned ticket', 'Assigned ticket']);
    expect(await badge().textContent()).toBe('Chain verified: 4 events');
    expect(await position().textContent()).toContain('Revision 0 of 3');
    expect(await stateRows()).toMatchObject({ lifecycle: 'active', label: 'T-1' });
  });

  it('steps to a revision and shows the state after it, what it changed and its metadata', async () => {
    await steps().nth(1).click();
    await position().filter({ hasText: 'Revision 1 of 3' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Revision 1: Assigned ticket' }).count()).toBe(1);
    expect(await stateRows()).toMatchObject({ lifecycle: 'active', label: 'T-1', assignee: 'Lin Wu' });
    expect(await changeCells()).toEqual(['assignee', '—', 'Lin Wu']);
    const shown = await facts();
    expect(shown).toMatchObject({ Type: 'TicketAssigned', IP: '203.0.113.10', Result: 'success' });
    expect(shown['Actor']).toContain('Grace Hopper');
    const { body } = await callApi(fixture.api.url, `/api/workspaces/${ws()}/audit/streams/${encodeURIComponent(stream())}/events`, { token: fixture.seeded.ownerToken });
    expect([shown['Event id'], shown['Hash'], shown['Previous hash']]).toEqual([body.events[1].id, body.events[1].metadata.hash, body.events[0].metadata.hash]);

    await page.getByRole('slider', { name: 'Revision' }).fill('3');
    await position().filter({ hasText: 'Revision 3 of 3' }).waitFor();
    await page.getByRole('button', { name: 'Previous' }).click();
    await position().filter({ hasText: 'Revision 2 of 3' }).waitFor();
    expect(await page.locator('.steps__item[aria-current="step"] .steps__revision').textContent()).toBe('2');
    await screenshot(page, 'replay');
  });

  it('runs Verify for the record and for the whole workspace, and shows them verified', async () => {
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await badge().filter({ hasText: 'Chain verified: 4 events' }).waitFor();
    await page.getByRole('button', { name: 'Verify workspace' }).click();
    const result = page.getByRole('region', { name: 'Verify the workspace' }).getByRole('status');
    await result.filter({ hasText: 'Workspace verified' }).waitFor();
    expect(await result.textContent()).toMatch(/^\s*Workspace verified: [\d,]+ events in [\d,]+ streams, [\d,]+ ms\s*$/);
    await screenshot(page, 'replay-verified');
  });

  it('names the broken revision once a stored event was changed behind the store', async () => {
    await tamper(stream(), 2, (data) => ({ ...data, forged: true }));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await badge().filter({ hasText: 'Broken' }).waitFor();
    expect(await badge().textContent()).toBe('Broken at revision 2: changed');
    expect(await page.locator('.integrity__detail').textContent()).toContain('at revision 2');
    await page.getByRole('button', { name: 'Verify workspace' }).click();
    const finding = page.getByRole('region', { name: 'Verify the workspace' }).locator('li');
    await finding.first().waitFor();
    expect(await finding.allTextContents()).toEqual([expect.stringMatching(new RegExp(`^changed ${stream()} at revision 2: `))]);
    await screenshot(page, 'replay-broken');
    expect(await problems()).toEqual([]);
  });

  it('sends an agent who opens Replay home, saying why', async () => {
    const agentContext = await fixture.browser.newContext();
    try {
      const agent = await agentContext.newPage();
      await signInThroughTheForm(agent, fixture.api.url, AGENT.email, AGENT.password);
      await agent.goto(`${fixture.api.url}/w/${ws()}/replay?type=ticket&id=T-1`);
      await agent.waitForURL(`**/w/${ws()}`);
      expect(await agent.locator('.flash__item span').first().textContent()).toBe(
        'Replay is not available to you: your role in this workspace is agent, and it needs reading the audit log, which owners, admins and auditors may do.',
      );
    } finally {
      await agentContext.close();
    }
  });
});
