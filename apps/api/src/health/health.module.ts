import { Module } from '@nestjs/common';
import { MONITORING_SETTINGS, monitoringSettings } from '@trailmark/projections';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  controllers: [HealthController],
  providers: [HealthService, { provide: MONITORING_SETTINGS, useFactory: () => monitoringSettings(process.env) }],
})
export class HealthModule {}
