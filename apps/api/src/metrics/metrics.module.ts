import { Module } from '@nestjs/common';
import { MONITORING_SETTINGS, monitoringSettings } from '@trailmark/projections';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsController } from './metrics.controller';

/** `GET /metrics` for Prometheus: the projection lag, guarded by TRAILMARK_METRICS_TOKEN when set. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsTokenGuard, { provide: MONITORING_SETTINGS, useFactory: () => monitoringSettings(process.env) }],
})
export class MetricsModule {}
