import { randomUUID } from 'node:crypto';
import { CredentialsStore, userIdForEmail } from '@trailmark/auth';
import type { IngestEvent } from '@trailmark/contracts';
import { type EventStore, WrongExpectedVersionError } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import type { Pool } from 'pg';
import { accountWithWorkspace } from './demo-account';
import type { DemoClient } from './demo-client';
import { demoHistory } from './demo-history';
import { DEMO_ADMIN, DEMO_AGENT, DEMO_KEY_NAME, DEMO_WORKSPACE_NAME } from './demo-settings';

export interface DemoSeedOptions {
  store: EventStore;
  pool: Pool;
  client: DemoClient;
  /** The story the history and the live simulator tell. */
  story: () => IngestEvent;
  history: number;
  now?: Date;
  firstOwnerTimeoutMs?: number;
}

export type DemoSeedResult = { kind: 'ready'; workspaceId: string; apiKey: string; seeded: boolean } | { kind: 'skipped'; reason: string };

const HISTORY_DAYS = 7;

/**
 * Makes sure the demo workspace exists and returns a fresh ingestion key for
 * it. It is created only on a first run (the first owner is the only account),
 * with its admin, an agent and a week of history; later starts reuse it.
 */
export async function prepareDemo(options: DemoSeedOptions): Promise<DemoSeedResult> {
  const { store, pool, client } = options;
  const accounts = await registeredAccounts(store, options.firstOwnerTimeoutMs ?? 60_000);
  const demoUserId = userIdForEmail(DEMO_ADMIN.email);
  let seeded = false;
  if (!accounts.includes(demoUserId)) {
    if (accounts.length > 1) return { kind: 'skipped', reason: 'this installation already has accounts of its own' };
    seeded = await createDemoAccount(store, pool);
  }
  const workspaces = await client.signIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
  const workspace = workspaces.find(({ name }) => name === DEMO_WORKSPACE_NAME);
  if (!workspace) return { kind: 'skipped', reason: `the demo account has no "${DEMO_WORKSPACE_NAME}"` };
  const apiKey = await client.replaceApiKey(workspace.id, DEMO_KEY_NAME);
  if (seeded) {
    await client.addMember(workspace.id, DEMO_AGENT, 'agent');
    await client.ingest(apiKey, demoHistory(options.story, options.history, options.now ?? new Date(), HISTORY_DAYS, `demo-history-${randomUUID()}`));
  }
  return { kind: 'ready', workspaceId: workspace.id, apiKey, seeded };
}

/** The ids of registered accounts, once the first owner (created by `main`) exists. */
async function registeredAccounts(store: EventStore, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const registered = await store.readAll({ filter: { eventTypes: ['UserRegistered'] }, maxCount: 3 });
    if (registered.length > 0) return registered.map((event) => (event.data as { userId: string }).userId);
    if (Date.now() > deadline) throw new Error('The first owner did not appear; the demo needs it to tell a first run');
    await new Promise((resolve) => setTimeout(resolve, 500).unref());
  }
}

/** True when this process created it; false when another process won the race. */
async function createDemoAccount(store: EventStore, pool: Pool): Promise<boolean> {
  const { owner, appends } = accountWithWorkspace(DEMO_ADMIN, randomUUID(), DEMO_WORKSPACE_NAME);
  try {
    const appended = await store.appendToStreams(appends);
    await new CredentialsStore(pool).setPassword(owner.userId, DEMO_ADMIN.password);
    const last = appended.map((result) => result.position).sort().at(-1);
    if (last) await waitForCheckpoint(pool, DIRECTORY_PROJECTION, last, 10_000);
    return true;
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return false;
    throw error;
  }
}
