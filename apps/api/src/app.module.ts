import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { ActivityModule } from '@trailmark/activity';
import { AuditModule } from '@trailmark/audit';
import { AuthModule, type AuthModuleOptions } from '@trailmark/auth';
import { IngestionModule } from '@trailmark/ingestion';
import { LiveModule, type LiveModuleOptions } from '@trailmark/live';
import { StreamingModule } from '@trailmark/streaming';
import { WorkspaceAdminModule } from '@trailmark/workspace-admin';
import { DemoModule } from './demo/demo.module';
import type { DemoSettings } from './demo/demo-settings';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging/logger-params';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule, type ProjectionsOptions } from './runtime/projections.module';
import { RuntimeModule, type RuntimeResources } from './runtime/runtime.module';

export interface AppModuleOptions extends RuntimeResources {
  logger: Logger;
  /** Whether this process runs the projections (and their retention job). */
  projections: ProjectionsOptions;
  auth?: AuthModuleOptions;
  /** The `/live` channel: its Redis clients with REDIS_URL, and settings. */
  live?: LiveModuleOptions;
  /** The first-run demo workspace and simulator (`main` reads TRAILMARK_DEMO); off when absent. */
  demo?: DemoSettings;
}

@Module({})
export class AppModule {
  static register({ logger, projections, auth = {}, live, demo, ...resources }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [LoggerModule.forRoot(loggerParams(logger)), RuntimeModule.register(resources), HealthModule, MetricsModule, ProjectionsModule.register(projections), AuthModule.register(auth), WorkspaceAdminModule, IngestionModule, ActivityModule, AuditModule, StreamingModule.register({ workers: projections.enabled }), LiveModule.register(live), DemoModule.register(demo)],
    };
  }
}
