import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysRepository } from './api-keys.repository';
import { IngestRateGuard } from './ingest-rate.guard';
import { IngestRateLimiter } from './ingest-rate-limiter';
import { IngestionController } from './ingestion.controller';
import { INGESTION_OPTIONS, type IngestionOptions, resolveIngestionOptions } from './ingestion.options';
import { IngestionService } from './ingestion.service';
import { assignRequestId } from './request-id.middleware';

/**
 * `POST /v1/events` for host apps, authenticated by API key. Needs `PG_POOL`
 * and `EVENT_STORE` from the application, and the JSON parser of
 * `ingestJsonParser()` on its path. Import as is, or `register(options)`.
 */
@Module({
  controllers: [IngestionController],
  providers: [
    IngestionService,
    ApiKeysRepository,
    ApiKeyGuard,
    IngestRateGuard,
    {
      provide: IngestRateLimiter,
      useFactory: (options?: IngestionOptions) => new IngestRateLimiter(resolveIngestionOptions(options).rateLimits),
      inject: [{ token: INGESTION_OPTIONS, optional: true }],
    },
  ],
})
export class IngestionModule implements NestModule {
  static register(options: IngestionOptions): DynamicModule {
    return { module: IngestionModule, providers: [{ provide: INGESTION_OPTIONS, useValue: options }] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(assignRequestId).forRoutes(IngestionController);
  }
}
