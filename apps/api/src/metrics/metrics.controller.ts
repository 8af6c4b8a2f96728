import { Controller, Get, Header, Inject, Optional, ServiceUnavailableException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import {
  ALL_PROJECTIONS,
  lagMetricsText,
  METRICS_CONTENT_TYPE,
  PROJECTION_ACTIVITY,
  type ProjectionActivity,
  type ProjectionLag,
  projectionLags,
} from '@trailmark/projections';
import type { Pool } from 'pg';
import { MetricsTokenGuard } from './metrics-token.guard';

const EXAMPLE = `# HELP trailmark_projection_lag_ms Age in milliseconds of the oldest event the projection has not applied yet (0 when caught up).
# TYPE trailmark_projection_lag_ms gauge
trailmark_projection_lag_ms{projection="activity-feed"} 0`;

@ApiTags('metrics')
@Controller('metrics')
@UseGuards(MetricsTokenGuard)
export class MetricsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Optional() @Inject(PROJECTION_ACTIVITY) private readonly activity?: ProjectionActivity,
  ) {}

  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Projection lag gauges in the Prometheus text format: projection names and numbers only, no workspace data. ' +
      'Open unless TRAILMARK_METRICS_TOKEN is set; then a scrape must send it as a bearer token. ' +
      'trailmark_projection_active appears only where this process runs the projections.',
  })
  @ApiBearerAuth()
  @ApiProduces(METRICS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The metrics', schema: { type: 'string', example: EXAMPLE } })
  @ApiUnauthorizedResponse({ description: 'TRAILMARK_METRICS_TOKEN is set and the request does not carry it' })
  @ApiServiceUnavailableResponse({ description: 'The lag could not be read (database or event store down)' })
  async metrics(): Promise<string> {
    let lags: ProjectionLag[];
    try {
      lags = await projectionLags(this.eventStore, this.pool, ALL_PROJECTIONS);
    } catch {
      throw new ServiceUnavailableException('The projection lag could not be read');
    }
    return lagMetricsText(lags, this.activity);
  }
}
