import { AuditTrail, CheckpointService, EvidenceExporter, IntegrityService, ReplayService, SigningKeySource } from '@trailmark/audit';
import type { EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';

export interface AuditTools {
  replay: ReplayService;
  integrity: IntegrityService;
  checkpoints: CheckpointService;
  exporter: EvidenceExporter;
}

/** The services the API's AuditModule provides, built by hand. */
export function auditTools(store: EventStore, pool: Pool, keys: SigningKeySource): AuditTools {
  const trail = new AuditTrail(store);
  const checkpoints = new CheckpointService(store, pool, keys);
  return {
    replay: new ReplayService(store, pool, trail),
    integrity: new IntegrityService(pool, keys, trail, checkpoints),
    checkpoints,
    exporter: new EvidenceExporter(pool, keys, trail),
  };
}
