import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { streams } from '@trailmark/contracts';
import { PG_POOL } from '@trailmark/database';
import { DomainError } from '@trailmark/domain';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { accountContext, handleAccountCommand } from './account-command';
import { AUTH_SETTINGS, type AuthSettings } from './auth-options';

const BATCH = 100;

interface ExpiredSession {
  session_id: string;
  user_id: string;
  workspace_id: string | null;
}

/**
 * Records SessionExpired for sessions past their expiry and closes them.
 * Rows are locked (SKIP LOCKED, so several API processes share the work),
 * the events appended, and the rows closed in the same transaction: a crash
 * leaves them open for the next sweep, whose repeat the decider turns into
 * nothing because the stream already shows the session ended.
 */
@Injectable()
export class SessionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep()
        .catch((error: unknown) => this.logger.error(`Sweeping expired sessions failed: ${String(error)}`))
        .finally(() => (this.sweeping = undefined));
    }, this.settings.sessionSweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Sweeps until no expired session is left; returns how many were closed. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const closed = await this.sweepBatch();
      total += closed;
      if (closed < BATCH) return total;
    }
  }

  private async sweepBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<ExpiredSession>(
        `SELECT session_id, user_id, workspace_id FROM auth_sessions
         WHERE ended_at IS NULL AND expires_at <= now() ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      for (const session of rows) {
        await this.recordExpiry(session);
      }
      await client.query('UPDATE auth_sessions SET ended_at = now() WHERE session_id = ANY($1)', [rows.map((row) => row.session_id)]);
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async recordExpiry({ session_id: sessionId, user_id: userId, workspace_id: workspaceId }: ExpiredSession): Promise<void> {
    try {
      await handleAccountCommand(
        this.store,
        streams.user(userId),
        { type: 'ExpireSession', data: { userId, sessionId } },
        accountContext({}, undefined, workspaceId),
      );
    } catch (error) {
      // A row the stream cannot explain must not hold back every sweep after it.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`Session ${sessionId} of ${userId} closed without an event: ${error.message}`);
    }
  }
}
