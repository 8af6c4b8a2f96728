import { Module } from '@nestjs/common';
import { AuthGuardsModule } from '@trailmark/auth';
import { PG_POOL } from '@trailmark/database';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import { AuditTrail } from './audit-trail';
import { EvidenceController } from './evidence/evidence.controller';
import { EvidenceExporter } from './evidence/evidence-exporter';
import { CheckpointScheduler } from './integrity/checkpoint.scheduler';
import { CheckpointService } from './integrity/checkpoint.service';
import { IntegrityController } from './integrity/integrity.controller';
import { IntegrityService } from './integrity/integrity.service';
import { SigningKeySource } from './integrity/signing-key.source';
import { PastViewsService } from './point-in-time/past-views.service';
import { PointInTimeController } from './point-in-time/point-in-time.controller';
import { RecordHistoryService } from './point-in-time/record-history.service';
import { ReplayController } from './replay/replay.controller';
import { ReplayService } from './replay/replay.service';

/**
 * Auditor tools under `/api/workspaces/:ws/audit`: replay, point in time,
 * integrity verification and checkpoints, evidence bundles. Needs `PG_POOL`
 * and `EVENT_STORE` from a global module; the services are plain classes, so
 * the audit CLI builds the same ones without Nest.
 */
@Module({
  imports: [AuthGuardsModule],
  controllers: [ReplayController, PointInTimeController, IntegrityController, EvidenceController],
  providers: [
    { provide: SigningKeySource, useFactory: () => new SigningKeySource() },
    { provide: AuditTrail, useFactory: (store: EventStore) => new AuditTrail(store), inject: [EVENT_STORE] },
    { provide: ReplayService, useFactory: (store: EventStore, pool: Pool, trail: AuditTrail) => new ReplayService(store, pool, trail), inject: [EVENT_STORE, PG_POOL, AuditTrail] },
    { provide: RecordHistoryService, useFactory: (store: EventStore, trail: AuditTrail) => new RecordHistoryService(store, trail), inject: [EVENT_STORE, AuditTrail] },
    { provide: PastViewsService, useFactory: (pool: Pool, trail: AuditTrail) => new PastViewsService(pool, trail), inject: [PG_POOL, AuditTrail] },
    {
      provide: CheckpointService,
      useFactory: (store: EventStore, pool: Pool, keys: SigningKeySource) => new CheckpointService(store, pool, keys),
      inject: [EVENT_STORE, PG_POOL, SigningKeySource],
    },
    {
      provide: IntegrityService,
      useFactory: (pool: Pool, keys: SigningKeySource, trail: AuditTrail, checkpoints: CheckpointService) => new IntegrityService(pool, keys, trail, checkpoints),
      inject: [PG_POOL, SigningKeySource, AuditTrail, CheckpointService],
    },
    { provide: EvidenceExporter, useFactory: (pool: Pool, keys: SigningKeySource, trail: AuditTrail) => new EvidenceExporter(pool, keys, trail), inject: [PG_POOL, SigningKeySource, AuditTrail] },
    { provide: CheckpointScheduler, useFactory: (checkpoints: CheckpointService) => new CheckpointScheduler(checkpoints), inject: [CheckpointService] },
  ],
})
export class AuditModule {}
