import { type DynamicModule, Global, type INestApplication, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { eventMetadata, handleCommand } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { type WorkspaceRole, workspaceDecider } from '@trailmark/domain';
import { createPostgresEventStore, EVENT_STORE, type EventStore } from '@trailmark/event-store';
import { DIRECTORY_PROJECTION, directoryProjection, runProjection, type RunningProjection, waitForCheckpoint } from '@trailmark/projections';
import cookieParser from 'cookie-parser';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AuthModule } from './auth.module';
import type { AuthModuleOptions } from './auth-options';
import { CredentialsStore } from './credentials.store';
import { ensureOwner, type FirstOwner } from './ensure-owner';
import type { PasswordResetNotifier, PasswordResetRequest } from './password-reset-notifier.port';

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery' };
export const quiet = { info: () => undefined, warn: () => undefined };

export class CapturingNotifier implements PasswordResetNotifier {
  readonly requests: PasswordResetRequest[] = [];

  async passwordResetRequested(request: PasswordResetRequest): Promise<void> {
    this.requests.push(request);
  }
}

@Global()
@Module({})
class TestRuntimeModule {
  static register(pool: Pool, store: EventStore): DynamicModule {
    const providers = [
      { provide: PG_POOL, useValue: pool },
      { provide: EVENT_STORE, useValue: store },
    ];
    return { module: TestRuntimeModule, providers, exports: [PG_POOL, EVENT_STORE] };
  }
}

export interface AuthTestApp {
  app: INestApplication;
  pool: Pool;
  store: EventStore;
  notifier: CapturingNotifier;
  owner: FirstOwner;
  close(): Promise<void>;
}

/**
 * The auth module as the API serves it (cookie-parser, proxy trusted for
 * `X-Forwarded-Proto`) over a real Postgres, with the directory projection
 * running and the first owner created with known credentials.
 */
export async function startAuthTestApp(url: string, options: AuthModuleOptions = {}): Promise<AuthTestApp> {
  const pool = new Pool({ connectionString: url, max: 20 });
  // pool.end() resolves before its clients have disconnected: Postgres stopping right after must not be an unhandled error.
  pool.on('error', () => undefined);
  const store = createPostgresEventStore(pool, { pollIntervalMs: 50 });
  const projection: RunningProjection = runProjection(store, pool, directoryProjection, { retryMs: 50 });
  const notifier = new CapturingNotifier();
  const moduleRef = await Test.createTestingModule({
    imports: [TestRuntimeModule.register(pool, store), AuthModule.register({ passwordResetNotifier: notifier, ...options })],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  app.set('trust proxy', 'loopback');
  app.use(cookieParser());
  await app.init();
  const owner = await ensureOwner({ store, pool, credentials: app.get(CredentialsStore), logger: quiet, ...OWNER });
  if (!owner) throw new Error('ensureOwner created no owner on a fresh database');
  return {
    app,
    pool,
    store,
    notifier,
    owner,
    async close() {
      await app.close();
      await projection.stop();
      await store.close();
      await pool.end();
    },
  };
}

/** Types of a stream's events, in order. */
export async function typesOf(store: EventStore, stream: string): Promise<string[]> {
  return (await store.readStream(stream)).map((event) => event.type);
}

/** What an admin's invite does, run as the workspace decider's command. */
export async function invite(store: EventStore, workspaceId: string, email: string, role: WorkspaceRole): Promise<string> {
  const { events } = await handleCommand(
    store,
    streams.workspace(workspaceId),
    workspaceDecider,
    { type: 'InviteMember', data: { workspaceId, email, role } },
    { metadata: () => eventMetadata({ workspaceId }) },
  );
  const [invited] = events;
  if (invited?.type !== 'MemberInvited') throw new Error('no invitation was recorded');
  return invited.data.invitationId;
}

export async function createWorkspace(test: AuthTestApp, name: string, owner: { userId: string; email: string }): Promise<string> {
  const workspaceId = randomUUID();
  const { append } = await handleCommand(
    test.store,
    streams.workspace(workspaceId),
    workspaceDecider,
    { type: 'CreateWorkspace', data: { workspaceId, name, owner } },
    { metadata: () => eventMetadata({ workspaceId }) },
  );
  if (append) await waitForCheckpoint(test.pool, DIRECTORY_PROJECTION, append.position);
  return workspaceId;
}
