import { type Decider, DomainError } from '../decider';
import { requireText } from '../activity/host-values';
import type { AuditTrailCommand } from './audit-trail.commands';
import type { AuditTrailEvent } from './audit-trail.events';

/** Each audit action is a one-off fact in a stream of its own: nothing earlier changes how it is recorded. */
export type AuditTrailState = null;

function requireCount(value: number, what: string): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new DomainError('count_invalid', `${what} must be a whole number, got ${value}`);
}

export function decideAuditTrail(command: AuditTrailCommand): AuditTrailEvent[] {
  const { type } = command;
  switch (type) {
    case 'RecordStreamReplay':
      requireText(command.data.streamName, 'stream_required', 'The replayed stream');
      requireCount(command.data.events, 'Events replayed');
      requireCount(command.data.fromRevision, 'The first revision');
      return [{ type: 'StreamReplayed', data: command.data }];
    case 'RecordTimeWindowReplay':
      requireCount(command.data.events, 'Events replayed');
      return [{ type: 'TimeWindowReplayed', data: command.data }];
    case 'RecordPointInTimeView':
      return [{ type: 'PointInTimeViewed', data: command.data }];
    case 'RecordVerification':
      requireText(command.data.target, 'target_required', 'What was verified');
      requireCount(command.data.events, 'Events verified');
      requireCount(command.data.streams, 'Streams verified');
      if (command.data.ok !== (command.data.findingsTotal === 0)) {
        throw new DomainError('verdict_inconsistent', 'A verification is ok exactly when it found nothing');
      }
      return [{ type: 'IntegrityVerified', data: command.data }];
    case 'RecordEvidenceExport':
      requireText(command.data.exportId, 'export_id_required', 'The export id');
      requireCount(command.data.events, 'Events exported');
      return [{ type: 'EvidenceExported', data: command.data }];
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const auditTrailDecider: Decider<AuditTrailState, AuditTrailCommand, AuditTrailEvent> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: (command) => decideAuditTrail(command),
};
