import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { DIRECTORY_PROJECTION, startTestApi, TEST_OWNER, type TestApi, userIdForEmail, waitForCheckpoint, workspaceCreation } from './api';
import { launchBrowser } from './browser';
import { ensureDashboardBuilt } from './build';
import { type Seeded, seedWorkspace } from './seed';

export interface DashboardFixture {
  api: TestApi;
  seeded: Seeded;
  browser: Browser;
  close(): Promise<void>;
}

/** A built dashboard served by the whole API on a fresh database, the seeded workspace, and a browser. */
export async function startDashboard(): Promise<DashboardFixture> {
  await ensureDashboardBuilt();
  const api = await startTestApi();
  try {
    const [seeded, browser] = await Promise.all([seedWorkspace(api), launchBrowser()]);
    return {
      api,
      seeded,
      browser,
      async close() {
        await browser.close();
        await api.close();
      },
    };
  } catch (error) {
    await api.close();
    throw error;
  }
}

/** A second workspace for the test owner, straight through the store (the API has no endpoint to create one). */
export async function secondWorkspace(api: TestApi, name: string): Promise<string> {
  const workspaceId = randomUUID();
  const [appended] = await api.store.appendToStreams([workspaceCreation({ userId: userIdForEmail(TEST_OWNER.email), email: TEST_OWNER.email }, workspaceId, name)]);
  await waitForCheckpoint(api.pool, DIRECTORY_PROJECTION, appended.position, 10_000);
  return workspaceId;
}
