import { randomUUID } from 'node:crypto';
import { eventMetadata, handleCommand, type RequestContext } from '@trailmark/command-handling';
import type { EventResult } from '@trailmark/contracts';
import { type AuditTrailCommand, auditTrailDecider } from '@trailmark/domain';
import type { EventStore } from '@trailmark/event-store';
import { auditStreams } from './audit-streams';

/**
 * Puts an auditor's action on the record, by the caller, in a stream of its
 * own. Callers record before they answer: what cannot be recorded is not
 * handed out.
 */
export class AuditTrail {
  constructor(private readonly store: EventStore) {}

  async record(command: AuditTrailCommand, context: RequestContext, result: EventResult = 'success'): Promise<void> {
    await handleCommand(this.store, auditStreams.action(context.workspaceId, randomUUID()), auditTrailDecider, command, {
      metadata: () => eventMetadata(context, { result }),
    });
  }
}
