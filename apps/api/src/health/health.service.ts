import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { RUNTIME_INFO, type RuntimeInfo } from '../runtime/runtime-info';
import type { CheckStatus, HealthReportDto } from './health-report.dto';

/** A check that does not answer within this time counts as down. */
const CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(RUNTIME_INFO) private readonly info: RuntimeInfo,
  ) {}

  async report(): Promise<HealthReportDto> {
    const [database, eventStore] = await Promise.all([
      probe(() => this.pool.query('SELECT 1')),
      probe(() => this.eventStore.ping()),
    ]);
    return {
      status: database === 'up' && eventStore === 'up' ? 'ok' : 'degraded',
      eventStore: this.eventStore.kind,
      database: this.info.database,
      uptimeSeconds: Math.floor(process.uptime()),
      version: this.info.version,
      checks: { database, eventStore },
    };
  }
}

async function probe(check: () => Promise<unknown>): Promise<CheckStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
