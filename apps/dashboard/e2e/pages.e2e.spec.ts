import type { BrowserContext, Page } from 'playwright-core';
import { callApi, TEST_OWNER } from './support/api';
import { screenshot, signInThroughTheForm, watchForViolations } from './support/browser';
import { type DashboardFixture, secondWorkspace, startDashboard } from './support/dashboard-fixture';
import { AGENT, projected } from './support/seed';

jest.setTimeout(30_000);

let fixture: DashboardFixture;
let owner: { context: BrowserContext; page: Page; problems: () => Promise<string[]> };
let secondId: string;

const ws = () => fixture.api.workspaceId;
const api = (path: string) => callApi(fixture.api.url, `/api/workspaces/${ws()}${path}`, { token: fixture.seeded.ownerToken });

async function browserFor(email: string, password: string) {
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems = await watchForViolations(page);
  await signInThroughTheForm(page, fixture.api.url, email, password);
  return { context, page, problems };
}

beforeAll(async () => {
  fixture = await startDashboard();
  secondId = await secondWorkspace(fixture.api, 'Second workspace');
  owner = await browserFor(TEST_OWNER.email, TEST_OWNER.password);
  await projected(fixture.api);
}, 180_000);

afterAll(async () => {
  await owner?.context.close();
  await fixture?.close();
});

describe('signing in', () => {
  it('refuses a wrong password with the API message and keeps the form', async () => {
    const context = await fixture.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${fixture.api.url}/w/${ws()}/activity`);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('redirect') === `/w/${ws()}/activity`);
    await screenshot(page, 'sign-in');
    await page.getByLabel('Email').fill(TEST_OWNER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('Email or password is wrong');
    await context.close();
  });
});

describe('role-aware navigation', () => {
  it('sends an agent who opens the Activity Log home, saying why, and shows them only what they may open', async () => {
    const agent = await browserFor(AGENT.email, AGENT.password);
    await agent.page.goto(`${fixture.api.url}/w/${ws()}/activity`);
    await agent.page.waitForURL(`**/w/${ws()}`);
    const message = agent.page.locator('.flash__item').first();
    expect(await message.locator('span').textContent()).toBe(
      "Activity Log is not available to you: your role in this workspace is agent, and it needs reading the whole workspace's activity, which owners, admins and auditors may do.",
    );
    expect(await agent.page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Recent', 'Archive', 'Alerts', 'My sign-ins']);
    await screenshot(agent.page, 'agent-denied');
    await agent.page.goto(`${fixture.api.url}/w/${ws()}/audit`);
    await agent.page.locator('.flash__item', { hasText: 'Audit log is not available to you' }).waitFor();
    await agent.page.getByRole('link', { name: 'Recent', exact: true }).click();
    await agent.page.getByRole('heading', { name: 'Recent activity' }).waitFor();
    expect(await agent.page.locator('.flash__item').count()).toBe(0);
    expect(await agent.page.getByRole('combobox', { name: 'Scope' }).count()).toBe(0);
    expect(await agent.problems()).toEqual([]);
    await agent.context.close();
  });

  it('switches workspace from the header, recording the switch', async () => {
    const { page } = owner;
    await page.goto(`${fixture.api.url}/w/${ws()}/activity`);
    const switcher = page.getByRole('combobox', { name: 'Workspace' });
    await switcher.locator('option').nth(1).waitFor({ state: 'attached' });
    expect(await switcher.locator('option').allTextContents()).toEqual(expect.arrayContaining(['My workspace (owner)', 'Second workspace (owner)']));
    await switcher.selectOption(secondId);
    await page.waitForURL(`**/w/${secondId}/activity`);
    await page.locator('nav.pagination').waitFor();
    expect((await callApi(fixture.api.url, '/api/auth/me', { headers: { cookie: await sessionCookie(owner.context) } })).body.currentWorkspaceId).toBe(secondId);
    await switcher.selectOption(ws());
    await page.waitForURL(`**/w/${ws()}/activity`);
  });
});

describe('every page', () => {
  it('Recent lists the last 4 days, and the Archive what is older', async () => {
    const { page } = owner;
    await projected(fixture.api);
    await page.getByRole('link', { name: 'Recent', exact: true }).click();
    await page.getByRole('heading', { name: 'Recent activity' }).waitFor();
    const recent = (await api('/activity?scope=workspace&view=recent&limit=1')).body.total;
    await page.locator('nav.pagination', { hasText: `of ${recent.toLocaleString('en-US')} events` }).waitFor();
    await screenshot(page, 'recent');
    await page.getByRole('link', { name: 'Archive', exact: true }).click();
    await page.locator('nav.pagination', { hasText: '1–1 of 1 events' }).waitFor();
    expect(await page.locator('table.events tbody tr td:nth-child(3)').allTextContents()).toEqual(['Deleted ticket']);
    await screenshot(page, 'archive');
  });

  it('the audit log shows only audit categories, as many as the API counts', async () => {
    const { page } = owner;
    await projected(fixture.api);
    await page.getByRole('link', { name: 'Audit log', exact: true }).click();
    const total = (await api('/audit-log?limit=1')).body.total;
    await page.locator('nav.pagination', { hasText: `of ${total} events` }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Category', exact: true }).locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))).toEqual([
      '',
      'Auth',
      'Permissions',
      'Workspace',
      'Teams',
      'Settings',
      'Exports',
      'Impersonation',
    ]);
    expect(await page.locator('table.events tbody tr td:nth-child(3)').allTextContents()).toContain('Signed in');
    await screenshot(page, 'audit-log');
  });

  it('the Record Activity tab shows who did what to a ticket, with previous → new values', async () => {
    const { page } = owner;
    await page.goto(`${fixture.api.url}/w/${ws()}/records/ticket/T-1`);
    await page.getByRole('heading', { name: 'Ticket 1' }).waitFor();
    const { total } = (await api('/records/ticket/T-1/timeline?limit=1')).body;
    expect(await page.getByRole('heading', { name: `Activity (${total})` }).count()).toBe(1);
    const assignments = page.locator('li[data-entry="assigned"]');
    expect(await assignments.count()).toBe(3);
    expect((await assignments.first().locator('.entry__changes li').textContent())?.replace(/\s+/g, ' ').trim()).toBe('assignee: — → Lin Wu');
    expect(await page.locator('li[data-entry="viewed"] a').first().getAttribute('href')).toBe('https://host.example/tickets/T-1');
    await screenshot(page, 'record-activity');
  });

  it('User activity lists sign-ins per user and links to one user’s history', async () => {
    const { page } = owner;
    await projected(fixture.api);
    await page.getByRole('link', { name: 'User activity', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign-ins per user' }).waitFor();
    const logins = (await api('/reports/logins')).body.users as Array<{ name: string; logins: number }>;
    const shown = await page.locator('section[aria-labelledby="logins-title"] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[1].textContent]));
    expect(shown).toEqual(logins.map((user) => [user.name, String(user.logins)]));
    await screenshot(page, 'user-reports');
    await page.getByRole('link', { name: 'Avery Agent' }).first().click();
    await page.getByRole('heading', { name: 'Avery Agent' }).waitFor();
    expect(await page.locator('section[aria-labelledby="logins-title"] tbody tr').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'user-activity');
  });

  it('an unknown address says so', async () => {
    const { page } = owner;
    await page.goto(`${fixture.api.url}/no/such/page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await screenshot(page, 'not-found');
    expect(await owner.problems()).toEqual([]);
  });
});

async function sessionCookie(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map(({ name, value }) => `${name}=${value}`).join('; ');
}
