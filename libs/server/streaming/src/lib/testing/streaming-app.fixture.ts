import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { newSessionToken, SessionsRepository } from '@trailmark/auth';
import { eventMetadata, handleCommand } from '@trailmark/command-handling';
import { PLATFORM, streams } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { workspaceDecider, type WorkspaceRole } from '@trailmark/domain';
import { createPostgresEventStore, EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { activityFeedProjection, DIRECTORY_PROJECTION, directoryProjection, runProjection, waitForCheckpoint } from '@trailmark/projections';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { runStreaming } from '../streaming-runner';
import { StreamingModule } from '../streaming.module';

const system = (workspaceId: string) => ({ metadata: () => eventMetadata({ workspaceId }) });

/**
 * The streaming routes in a Nest app on a real Postgres, with the directory
 * and activity-feed projections and the streaming workers running, plus
 * helpers to seed workspaces and sign members in.
 */
export async function startStreamingApp(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 12 });
  pool.on('error', () => undefined);
  const store: EventStore = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  const projections = [directoryProjection, activityFeedProjection].map((projection) => runProjection(store, pool, projection, { retryMs: 50 }));
  const streaming = runStreaming(store, pool, { allowPrivate: true, timeoutMs: 2000, backoff: { baseMs: 20, capMs: 100 }, retryMs: 50, lingerMs: 20 });
  const moduleRef = await Test.createTestingModule({
    imports: [
      { module: class TestResources {}, global: true, providers: [{ provide: PG_POOL, useValue: pool }, { provide: EVENT_STORE, useValue: store }], exports: [PG_POOL, EVENT_STORE] },
      StreamingModule.register({ workers: false }),
    ],
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: false });
  await app.init();

  /** A workspace whose members are registered users; resolves once the directory knows them. */
  async function createWorkspace(workspaceId: string, members: Record<string, WorkspaceRole>): Promise<void> {
    const [ownerId] = Object.keys(members);
    for (const userId of Object.keys(members)) {
      const data = { userId, email: `${userId}@example.test`, displayName: userId, passwordHash: 'not-a-real-hash' };
      await store.appendToStream(streams.user(userId), [{ id: randomUUID(), type: 'UserRegistered', data, metadata: eventMetadata({ workspaceId: PLATFORM, layer: 'platform' }) }]);
    }
    const stream = streams.workspace(workspaceId);
    const owner = { userId: ownerId, email: `${ownerId}@example.test` };
    let last = (await handleCommand(store, stream, workspaceDecider, { type: 'CreateWorkspace', data: { workspaceId, name: workspaceId, owner } }, system(workspaceId))).append?.position;
    for (const [userId, role] of Object.entries(members).slice(1)) {
      const invited = await handleCommand(store, stream, workspaceDecider, { type: 'InviteMember', data: { workspaceId, email: `${userId}@example.test`, role } }, system(workspaceId));
      const invitationId = (invited.events[0].data as { invitationId: string }).invitationId;
      last = (await handleCommand(store, stream, workspaceDecider, { type: 'JoinWorkspace', data: { workspaceId, invitationId, userId } }, system(workspaceId))).append?.position;
    }
    if (last && !(await waitForCheckpoint(pool, DIRECTORY_PROJECTION, last, 10_000))) throw new Error('The directory projection fell behind');
  }

  /** Requests as `userId`, through a fresh session. */
  async function as(userId: string) {
    const { token, tokenHash } = newSessionToken();
    await new SessionsRepository(pool).create({ sessionId: randomUUID(), userId, tokenHash, workspaceId: null, expiresAt: new Date(Date.now() + 3_600_000) });
    const auth = (pending: request.Test) => pending.set('Authorization', `Bearer ${token}`);
    return {
      get: (path: string) => auth(request(app.getHttpServer()).get(path)),
      post: (path: string, body?: object) => auth(request(app.getHttpServer()).post(path)).send(body),
      patch: (path: string, body: object) => auth(request(app.getHttpServer()).patch(path)).send(body),
      delete: (path: string) => auth(request(app.getHttpServer()).delete(path)),
    };
  }

  async function close(): Promise<void> {
    await app.close();
    await streaming.stop();
    await Promise.all(projections.map((projection) => projection.stop()));
    await store.close();
    await pool.end();
  }

  return { pool, store, streaming, createWorkspace, as, close };
}
