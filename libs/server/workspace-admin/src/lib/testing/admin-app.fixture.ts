import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { newSessionToken, SessionsRepository } from '@trailmark/auth';
import { eventMetadata, handleCommand } from '@trailmark/command-handling';
import { PLATFORM, streams } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { workspaceDecider, type WorkspaceRole } from '@trailmark/domain';
import { createPostgresEventStore, EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, directoryProjection, runProjection, waitForCheckpoint } from '@trailmark/projections';
import cookieParser from 'cookie-parser';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { WorkspaceAdminModule } from '../workspace-admin.module';

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

export const emailOf = (userId: string) => `${userId}@example.test`;
export const nameOf = (userId: string) => `User ${userId}`;

const system = (workspaceId: string) => ({ metadata: () => eventMetadata({ workspaceId }) });

/**
 * The admin routes in a Nest app on a real Postgres (URL from
 * `startTestPostgres`), with the directory projection running, plus helpers
 * to seed users, workspaces and sessions and to read what was appended.
 */
export async function startAdminApp(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', () => undefined);
  const store: EventStore = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  const projection = runProjection(store, pool, directoryProjection, { retryMs: 50 });
  const moduleRef = await Test.createTestingModule({
    imports: [
      {
        module: class TestResources {},
        global: true,
        providers: [
          { provide: PG_POOL, useValue: pool },
          { provide: EVENT_STORE, useValue: store },
        ],
        exports: [PG_POOL, EVENT_STORE],
      },
      WorkspaceAdminModule,
    ],
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  app.use(cookieParser());
  await app.init();

  const directoryHas = async (position: Position) => {
    if (!(await waitForCheckpoint(pool, DIRECTORY_PROJECTION, position, 10_000))) throw new Error('The directory projection fell behind');
  };

  async function registerUsers(userIds: string[], options: { platformAdmin?: boolean } = {}): Promise<void> {
    const metadata = eventMetadata({ workspaceId: PLATFORM, layer: 'platform' });
    for (const userId of userIds) {
      const registered = { userId, email: emailOf(userId), displayName: nameOf(userId), passwordHash: 'not-a-real-hash' };
      const { position } = await store.appendToStream(streams.user(userId), [
        { id: randomUUID(), type: 'UserRegistered', data: registered, metadata },
        ...(options.platformAdmin ? [{ id: randomUUID(), type: 'PlatformAdminGranted', data: { userId }, metadata }] : []),
      ]);
      await directoryHas(position);
    }
  }

  /** A workspace with its owner and members who joined through an invitation. */
  async function createWorkspace(workspaceId: string, ownerId: string, members: Record<string, WorkspaceRole> = {}): Promise<void> {
    const stream = streams.workspace(workspaceId);
    const created = await handleCommand(store, stream, workspaceDecider, {
      type: 'CreateWorkspace',
      data: { workspaceId, name: `Workspace ${workspaceId}`, owner: { userId: ownerId, email: emailOf(ownerId) } },
    }, system(workspaceId));
    let last = created.append?.position;
    for (const [userId, role] of Object.entries(members)) {
      const invite = { type: 'InviteMember' as const, data: { workspaceId, email: emailOf(userId), role } };
      const invited = await handleCommand(store, stream, workspaceDecider, invite, system(workspaceId));
      const invitationId = (invited.events[0].data as { invitationId: string }).invitationId;
      const join = { type: 'JoinWorkspace' as const, data: { workspaceId, invitationId, userId } };
      last = (await handleCommand(store, stream, workspaceDecider, join, system(workspaceId))).append?.position;
    }
    if (last) await directoryHas(last);
  }

  /** A live session; send the token as `Authorization: Bearer <token>`. */
  async function signIn(userId: string): Promise<string> {
    const { token, tokenHash } = newSessionToken();
    const expiresAt = new Date(Date.now() + 3_600_000);
    await new SessionsRepository(pool).create({ sessionId: randomUUID(), userId, tokenHash, workspaceId: null, expiresAt });
    return token;
  }

  /** Requests carrying `token`'s session. */
  function as(token: string) {
    const send = (method: HttpMethod, path: string, body?: object) => {
      const pending = request(app.getHttpServer())[method](path).set('Authorization', `Bearer ${token}`);
      return body === undefined ? pending : pending.send(body);
    };
    return {
      send,
      get: (path: string) => send('get', path),
      post: (path: string, body?: object) => send('post', path, body),
      patch: (path: string, body?: object) => send('patch', path, body),
      delete: (path: string) => send('delete', path),
    };
  }

  /** Every event in the store after `mark` (all of them without one), in order. */
  async function eventsAfter(mark?: Position): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (let after = mark; ; ) {
      const page = await store.readAll({ after, maxCount: 1000 });
      events.push(...page);
      if (page.length < 1000) return events;
      after = page[page.length - 1].position;
    }
  }

  /** The position of the last event so far: what a test appends comes after it. */
  async function mark(): Promise<Position | undefined> {
    return (await eventsAfter()).at(-1)?.position;
  }

  async function close(): Promise<void> {
    await app.close();
    await projection.stop();
    await store.close();
    await pool.end();
  }

  return { app, pool, store, registerUsers, createWorkspace, signIn, as, eventsAfter, mark, close };
}

export type AdminTestApp = Awaited<ReturnType<typeof startAdminApp>>;

/** What the specs check of an appended event: where, what, by whom, in which workspace. */
export function summary(event: RecordedEvent) {
  return { stream: event.streamName, type: event.type, data: event.data, actor: event.metadata['actor'], workspaceId: event.metadata['workspaceId'] };
}

/** The actor recorded for a signed-in member. */
export const userActor = (userId: string) => ({ kind: 'user', id: userId, name: nameOf(userId) });
