import { Inject, Injectable, Optional } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import {
  ALL_PROJECTIONS,
  lagReport,
  MONITORING_SETTINGS,
  type MonitoringSettings,
  PROJECTION_ACTIVITY,
  type ProjectionActivity,
  type ProjectionLag,
  projectionLags,
} from '@trailmark/projections';
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
    @Inject(MONITORING_SETTINGS) private readonly settings: MonitoringSettings,
    @Optional() @Inject(PROJECTION_ACTIVITY) private readonly activity?: ProjectionActivity,
  ) {}

  async report(): Promise<HealthReportDto> {
    const [database, eventStore, lags] = await Promise.all([
      probe(() => this.pool.query('SELECT 1')),
      probe(() => this.eventStore.ping()),
      projectionLags(this.eventStore, this.pool, ALL_PROJECTIONS, { timeoutMs: CHECK_TIMEOUT_MS }).catch((): ProjectionLag[] => []),
    ]);
    const projections = lags.map((lag) => lagReport(lag, this.settings.lagDegradedMs, this.activity));
    const healthy = database === 'up' && eventStore === 'up' && projections.every((projection) => projection.status === 'ok');
    return {
      status: healthy ? 'ok' : 'degraded',
      eventStore: this.eventStore.kind,
      database: this.info.database,
      uptimeSeconds: Math.floor(process.uptime()),
      version: this.info.version,
      checks: { database, eventStore },
      lagDegradedMs: this.settings.lagDegradedMs,
      projections,
    };
  }
}

/** Lag alone never fails the health check: only a check that is down does. */
export function checksUp(report: HealthReportDto): boolean {
  return report.checks.database === 'up' && report.checks.eventStore === 'up';
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
