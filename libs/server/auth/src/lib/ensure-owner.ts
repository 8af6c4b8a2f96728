import { eventMetadata, type RequestContext } from '@trailmark/command-handling';
import { PLATFORM, streams } from '@trailmark/contracts';
import { type DomainEvent, fold, userAccountDecider, workspaceDecider } from '@trailmark/domain';
import { type AppendResult, type EventStore, type EventToAppend, type StreamAppend, WrongExpectedVersionError } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { z } from 'zod';
import { generatePassword, userIdForEmail } from './account-identity';
import { type CredentialsStore, MIN_PASSWORD_LENGTH } from './credentials.store';

export const DEFAULT_OWNER_EMAIL = 'owner@trailmark.local';
export const FIRST_WORKSPACE_NAME = 'My workspace';

export interface EnsureOwnerOptions {
  store: EventStore;
  pool: Pool;
  credentials: CredentialsStore;
  logger: { info(message: string): void; warn(message: string): void };
  /** TRAILMARK_OWNER_EMAIL; `owner@trailmark.local` when absent. */
  email?: string;
  /** TRAILMARK_OWNER_PASSWORD; a generated one when absent. */
  password?: string;
  directoryWaitMs?: number;
}

export interface FirstOwner {
  userId: string;
  email: string;
  /** The generated password, to show once; undefined when it came from the environment. */
  password: string | undefined;
  workspaceId: string;
}

/**
 * On the very first start (no UserRegistered anywhere), registers an owner,
 * who is also the first platform admin, and their workspace; afterwards does
 * nothing. All of it goes in one atomic append, so a crash cannot leave an
 * owner without a workspace, and of several processes starting together
 * exactly one wins the owner's stream.
 */
export async function ensureOwner(options: EnsureOwnerOptions): Promise<FirstOwner | undefined> {
  const { store, pool, credentials, logger } = options;
  if ((await store.readAll({ filter: { eventTypes: ['UserRegistered'] }, maxCount: 1 })).length > 0) return undefined;
  const email = validEmail(options.email ?? DEFAULT_OWNER_EMAIL);
  const password = options.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`TRAILMARK_OWNER_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  const owner = { userId: userIdForEmail(email), email };
  const workspaceId = randomUUID();
  let appended: AppendResult[];
  try {
    appended = await store.appendToStreams(ownerAndWorkspace(owner, workspaceId));
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    logger.info('Another process created the first owner');
    return undefined;
  }
  // Only once the owner is ours: the process that lost the race must not replace the winner's password.
  await credentials.setPassword(owner.userId, password);
  const last = appended.map((result) => result.position).sort().at(-1);
  if (last && !(await waitForCheckpoint(pool, DIRECTORY_PROJECTION, last, options.directoryWaitMs))) {
    logger.warn('The first owner was created but the directory has not caught up yet; is a projector running?');
  }
  logger.info(`Created the first owner ${email} and the workspace "${FIRST_WORKSPACE_NAME}"`);
  return { ...owner, password: options.password === undefined ? password : undefined, workspaceId };
}

function ownerAndWorkspace(owner: { userId: string; email: string }, workspaceId: string): StreamAppend[] {
  const context = { now: new Date(), newId: randomUUID };
  const correlationId = randomUUID();
  const registered = userAccountDecider.decide(
    { type: 'RegisterUser', data: { ...owner, displayName: 'Owner' } },
    userAccountDecider.initialState(),
    context,
  );
  const granted = userAccountDecider.decide(
    { type: 'GrantPlatformAdmin', data: { userId: owner.userId } },
    fold(userAccountDecider.evolve, userAccountDecider.initialState(), registered),
    context,
  );
  const created = workspaceDecider.decide(
    { type: 'CreateWorkspace', data: { workspaceId, name: FIRST_WORKSPACE_NAME, owner } },
    workspaceDecider.initialState(),
    context,
  );
  return [
    {
      streamName: streams.user(owner.userId),
      events: toAppend([...registered, ...granted], { workspaceId: PLATFORM, layer: 'platform', correlationId }),
      expectedRevision: 'no_stream',
    },
    { streamName: streams.workspace(workspaceId), events: toAppend(created, { workspaceId, correlationId }), expectedRevision: 'no_stream' },
  ];
}

function validEmail(email: string): string {
  if (!z.email().safeParse(email).success) throw new Error(`TRAILMARK_OWNER_EMAIL "${email}" is not an email address`);
  return email;
}

function toAppend(events: DomainEvent[], context: RequestContext): EventToAppend[] {
  return events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata: eventMetadata(context) }));
}
