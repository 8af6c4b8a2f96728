import type { SecurityAlertKind, SecurityAlertRaised, WorkspaceRole } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import { workspaceOf } from './reactions';

/** A security alert before it becomes an event: what it is about and which event raised it. */
export interface SecurityFinding {
  workspaceId: string;
  source: { id: string; event: RecordedEvent | null };
  data: Omit<SecurityAlertRaised['data'], 'alertId'>;
}

/** Lower is more powerful. */
const ROLE_RANK: Record<WorkspaceRole, number> = { owner: 0, admin: 1, auditor: 2, agent: 3, viewer: 4 };

export const DIRECT_ALERT_TYPES = ['MemberRoleChanged', 'PermissionGroupGranted', 'DataExported'];

type Data = Record<string, unknown>;

/**
 * Alerts one event raises by itself: a member moved to a more powerful role,
 * a permission group granted, an export of at least `bulkExportRows` rows.
 */
export function directSecurityAlerts(event: RecordedEvent, bulkExportRows: number): SecurityFinding[] {
  const workspaceId = workspaceOf(event);
  if (workspaceId === null) return [];
  const data = (event.data ?? {}) as Data;
  const actor = event.metadata['actor'] as { id?: string } | undefined;
  const ip = typeof event.metadata['ip'] === 'string' ? event.metadata['ip'] : null;
  const finding = (kind: SecurityAlertKind, userId: string | null, summary: string): SecurityFinding[] => [
    { workspaceId, source: { id: event.id, event }, data: { kind, sourceEventId: event.id, userId, ip, summary } },
  ];
  switch (event.type) {
    case 'MemberRoleChanged': {
      const { userId, previousRole, role } = data as { userId: string; previousRole: WorkspaceRole; role: WorkspaceRole };
      return ROLE_RANK[role] < ROLE_RANK[previousRole] ? finding('role_escalation', userId, `${userId} went from ${previousRole} to ${role}`) : [];
    }
    case 'PermissionGroupGranted': {
      const grantee = data['grantee'] as { kind: string; id: string };
      const userId = grantee.kind === 'user' ? grantee.id : null;
      return finding('permission_granted', userId, `Permission group ${String(data['permissionGroupId'])} granted to ${grantee.kind} ${grantee.id}`);
    }
    case 'DataExported': {
      const rows = typeof data['rowCount'] === 'number' ? data['rowCount'] : 0;
      return rows >= bulkExportRows ? finding('bulk_export', actor?.id ?? null, `${rows} rows of ${String(data['dataset'])} exported`) : [];
    }
    default:
      return [];
  }
}
