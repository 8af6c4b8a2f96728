import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { callApi, TEST_OWNER } from './support/api';
import { screenshot, signInThroughTheForm, watchForViolations } from './support/browser';
import { parseCsv } from './support/csv';
import { type DashboardFixture, startDashboard } from './support/dashboard-fixture';
import { projected, XSS_NAME, XSS_NOTE } from './support/seed';

jest.setTimeout(30_000);

let fixture: DashboardFixture;
let context: BrowserContext;
let page: Page;
let problems: () => Promise<string[]>;

const rows = () => page.locator('table.events tbody tr');
const rangeText = () => page.locator('nav.pagination > span.muted');
const kpi = (key: string) => page.locator(`[data-kpi="${key}"] .kpis__value`);
const api = (path: string) => callApi(fixture.api.url, `/api/workspaces/${fixture.api.workspaceId}${path}`, { token: fixture.seeded.ownerToken });
const number = (value: number) => value.toLocaleString('en-US');

async function search(text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search' }).fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
}

/** A mark that a reload would wipe. */
const markDocument = () => page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

/** Every string anywhere in a JSON value. */
const stringsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(stringsIn) : [];

async function resetFilters(): Promise<void> {
  if (await page.getByRole('dialog').count()) await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Reset filters' }).click();
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
}

beforeAll(async () => {
  fixture = await startDashboard();
  context = await fixture.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  problems = await watchForViolations(page);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await fixture?.close();
});

describe('the Activity Log in a browser', () => {
  it('signs in and shows the five KPI cards with the figures the API gives', async () => {
    await signInThroughTheForm(page, fixture.api.url, TEST_OWNER.email, TEST_OWNER.password);
    await screenshot(page, 'home');
    await projected(fixture.api);
    await page.getByRole('link', { name: 'Activity Log', exact: true }).click();
    await page.waitForURL(`**/w/${fixture.api.workspaceId}/activity`);
    const { kpis } = (await api('/stats?scope=workspace&range=7d')).body;
    await kpi('total').filter({ hasText: number(kpis.total.value) }).waitFor();
    expect(await page.locator('.kpis__value').allTextContents()).toEqual([kpis.total.value, kpis.signIns, kpis.writes, kpis.reads, kpis.uniqueIps].map(number));
    expect(kpis.writes).toBeGreaterThanOrEqual(16);

    const { total } = (await api('/activity?scope=workspace&range=7d&limit=1')).body;
    await page.locator('nav.pagination', { hasText: `of ${number(total)} events` }).waitFor();
    expect(await rows().count()).toBe(20);
    expect(await rangeText().textContent()).toBe(`1–20 of ${number(total)} events`);
    await expect(page.getByRole('heading', { name: 'Volume, daily' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('img', { name: /events over 7 days/ }).count()).resolves.toBe(1);
    await screenshot(page, 'activity-log');
  });

  it('filters by category, with the live count beside each one', async () => {
    const category = page.getByRole('combobox', { name: 'Category', exact: true });
    expect(await category.locator('option').allTextContents()).toEqual(expect.arrayContaining(['Records (16)', 'Browsing (6)']));
    await category.selectOption('Records');
    await page.locator('nav.pagination', { hasText: '1–16 of 16 events' }).waitFor();
    const labels = await rows().locator('td:nth-child(3)').allTextContents();
    expect(labels).toHaveLength(16);
    expect(new Set(labels.map((label) => label.trim()))).toEqual(new Set(['Created ticket', 'Assigned ticket', 'Updated ticket']));
  });

  it('searches with the qualifier syntax and says what is wrong with a bad search', async () => {
    await resetFilters();
    await search('actor:agent-9 -result:success');
    await page.locator('nav.pagination', { hasText: '1–2 of 2 events' }).waitFor();
    expect(await rows().locator('td:nth-child(3)').allTextContents()).toEqual(['Invoice paid late', 'Invoice paid late']);
    expect(await rows().locator('td:nth-child(2)').allTextContents()).toEqual(['Kim Lee', 'Kim Lee']);
    expect(await rows().locator('.result--warning').allTextContents()).toEqual(['warning', 'warning']);

    await search('colour:red');
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('Unknown qualifier "colour:" in q')]);
    await resetFilters();
  });

  it('opens the detail panel of an event: action, category, level, user, time, subject, IP, device, field changes', async () => {
    await search('action:TicketAssigned');
    await page.locator('nav.pagination', { hasText: '1–3 of 3 events' }).waitFor();
    await rows().first().getByRole('button').click();
    const panel = page.getByRole('dialog', { name: 'Assigned ticket' });
    await panel.locator('dd').first().waitFor();
    const facts = Object.fromEntries(
      await panel.locator('dt').evaluateAll((terms) => terms.map((term) => [term.textContent, term.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim()])),
    );
    expect(facts).toMatchObject({ Category: 'Records', Level: 'info', Subject: 'Ticket 1', IP: '203.0.113.10' });
    expect(facts['User']).toContain('Grace Hopper');
    expect(facts['Device']).toContain('Firefox 133 on Ubuntu (desktop)');
    expect(facts['Device']).toContain('Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0');
    expect(await panel.locator('table.changes tbody tr td').allTextContents()).toEqual(['assignee', '—', 'Lin Wu']);
    await screenshot(page, 'event-detail');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('exports the filtered events as a CSV file that parses back to the same rows', async () => {
    await resetFilters();
    await page.getByRole('combobox', { name: 'Category', exact: true }).selectOption('Records');
    await page.locator('nav.pagination', { hasText: '1–16 of 16 events' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const [header, ...records] = parseCsv(await readFile((await download.path())!, 'utf8'));
    expect(header.slice(0, 7)).toEqual(['occurredAt', 'recordedAt', 'eventId', 'type', 'category', 'kind', 'label']);
    expect(records).toHaveLength(16);
    expect(new Set(records.map((record) => record[header.indexOf('category')]))).toEqual(new Set(['Records']));
    const shownIds = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event-id')));
    expect(records.map((record) => record[header.indexOf('eventId')])).toEqual(shownIds);
  });

  it('renders an XSS payload in a record name and in event details as text', async () => {
    await resetFilters();
    await search('actor:mallory');
    await page.locator('nav.pagination', { hasText: '1–1 of 1 events' }).waitFor();
    expect(await rows().first().locator('td:nth-child(4)').textContent()).toBe(XSS_NAME);
    await rows().first().getByRole('button').click();
    const details = page.getByTestId('event-details');
    await details.waitFor();
    expect(JSON.parse((await details.textContent())!)).toEqual({ recordType: 'ticket', recordId: 'T-5', changes: [{ field: 'subject', from: 'Ticket 5', to: XSS_NAME }] });
    expect(stringsIn(JSON.parse((await page.getByTestId('event-metadata').textContent())!))).toContain(XSS_NOTE);
    expect(await page.locator('table.changes tbody tr td').allTextContents()).toEqual(['subject', 'Ticket 5', XSS_NAME]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
    await screenshot(page, 'xss-as-text');
    await page.keyboard.press('Escape');
  });

  it('refreshes without reloading the page', async () => {
    await resetFilters();
    await markDocument();
    const [response] = await Promise.all([page.waitForResponse((answer) => answer.url().includes('/activity?')), page.getByRole('button', { name: 'Refresh' }).click()]);
    expect(response.status()).toBe(200);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  it('shows an event ingested through the API on the open page within 2 s, and counts it in the KPIs', async () => {
    await resetFilters();
    await page.getByTestId('live-indicator').filter({ hasText: /^\s*Live\s*$/ }).waitFor({ timeout: 10_000 });
    await page.locator('nav.pagination', { hasText: '1–20 of' }).waitFor();
    const before = Number((await kpi('total').textContent())!.replace(/,/g, ''));
    await markDocument();
    const sent = Date.now();
    await fixture.seeded.ingest([{ id: 'live-1', action: 'ticket.created', actor: { id: 'agent-7', name: 'Grace Hopper' }, target: { type: 'ticket', id: 'T-LIVE', name: 'Live ticket' } }]);
    await rows().first().filter({ hasText: 'Live ticket' }).waitFor({ timeout: 2000 });
    expect(Date.now() - sent).toBeLessThan(2000);
    await kpi('total').filter({ hasText: number(before + 1) }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await screenshot(page, 'activity-log-live');
  });

  it('broke no Content-Security-Policy rule and threw no error on the way', async () => {
    expect(await problems()).toEqual([]);
  });
});
