import type { BrowserContext, Page } from 'playwright-core';
import { callApi, TEST_OWNER } from './support/api';
import { screenshot, signInThroughTheForm, watchForViolations } from './support/browser';
import { type DashboardFixture, startDashboard } from './support/dashboard-fixture';
import { AGENT, projected } from './support/seed';

jest.setTimeout(60_000);

let fixture: DashboardFixture;
let owner: { context: BrowserContext; page: Page; problems: () => Promise<string[]> };

beforeAll(async () => {
  fixture = await startDashboard();
  await projected(fixture.api);
  const context = await fixture.browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = await watchForViolations(page);
  await signInThroughTheForm(page, fixture.api.url, TEST_OWNER.email, TEST_OWNER.password);
  owner = { context, page, problems };
}, 180_000);

afterAll(async () => {
  await owner?.context.close();
  await fixture?.close();
});

describe('alerts in the dashboard', () => {
  it('creates a rule in the settings page, then shows a matching event in the bell, live', async () => {
    const { page } = owner;
    await page.goto(`${fixture.api.url}/w/${fixture.api.workspaceId}/settings/alerts`);
    await page.getByLabel('Name', { exact: true }).fill('Agent sign-in failures');
    await page.getByLabel('Event types').selectOption('SignInFailed');
    await page.getByRole('button', { name: 'Add rule' }).click();
    const row = page.locator('tr[data-rule="Agent sign-in failures"]');
    await row.waitFor();
    expect(await row.locator('td').nth(2).textContent()).toBe('SignInFailed');
    expect(await row.locator('td').nth(4).textContent()).toBe('Enabled');
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    const refused = await callApi(fixture.api.url, '/api/auth/login', { body: { email: AGENT.email, password: 'not-the-password' } });
    expect(refused.status).toBe(401);

    await page.getByTestId('notification-count').waitFor();
    expect(await page.getByTestId('notification-count').textContent()).toBe('1');
    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item');
    await item.waitFor();
    expect(await item.locator('strong').textContent()).toBe('Sign-in failed');
    await screenshot(page, 'notifications-bell');
    await item.getByRole('button', { name: 'Mark read' }).click();
    await page.getByTestId('notification-count').waitFor({ state: 'detached' });
    expect(await owner.problems()).toEqual([]);
  });
});
