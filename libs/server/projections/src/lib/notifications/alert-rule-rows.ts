import type { AlertMatch, AlertRuleCreated, AlertRuleUpdated, AlertScope, AlertChannel, WorkspaceRole } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';
import { occurredAt, workspaceOf } from './reactions';

/** An enabled rule as the reactor evaluates it. */
export interface LiveRule {
  ruleId: string;
  name: string;
  scope: AlertScope;
  match: AlertMatch;
  channels: AlertChannel[];
}

interface RuleRow {
  rule_id: string;
  name: string;
  scope_kind: 'workspace' | 'personal';
  owner_id: string | null;
  user_ids: string[];
  roles: WorkspaceRole[];
  event_types: string[];
  categories: string[];
  result: AlertMatch['result'] | null;
  actor_id: string | null;
  channels: AlertChannel[];
}

type Definition = AlertRuleCreated['data'] | AlertRuleUpdated['data'];

const definitionColumns = ({ scope, name, match, channels }: Definition) => [
  scope.kind,
  scope.kind === 'personal' ? scope.ownerId : null,
  scope.kind === 'workspace' ? scope.userIds : [],
  scope.kind === 'workspace' ? scope.roles : [],
  name,
  match.eventTypes,
  match.categories,
  match.result ?? null,
  match.actorId ?? null,
  channels,
];

export const ALERT_RULE_EVENT_TYPES = ['AlertRuleCreated', 'AlertRuleUpdated', 'AlertRuleEnabled', 'AlertRuleDisabled', 'AlertRuleDeleted'];

/** Keeps `alert_rules` as the rule events say; returns the workspace whose rules changed. */
export async function applyRuleEvent(client: PoolClient, event: RecordedEvent): Promise<string | null> {
  const workspaceId = workspaceOf(event);
  if (workspaceId === null) return null;
  const data = event.data as Definition & { ruleId: string };
  const at = occurredAt(event);
  switch (event.type) {
    case 'AlertRuleCreated':
      await client.query(
        `INSERT INTO alert_rules (workspace_id, rule_id, scope_kind, owner_id, user_ids, roles, name, event_types, categories, result, actor_id, channels, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) ON CONFLICT DO NOTHING`,
        [workspaceId, data.ruleId, ...definitionColumns(data), at],
      );
      break;
    case 'AlertRuleUpdated':
      await client.query(
        `UPDATE alert_rules SET scope_kind = $3, owner_id = $4, user_ids = $5, roles = $6, name = $7, event_types = $8, categories = $9, result = $10,
           actor_id = $11, channels = $12, updated_at = $13 WHERE workspace_id = $1 AND rule_id = $2`,
        [workspaceId, data.ruleId, ...definitionColumns(data), at],
      );
      break;
    case 'AlertRuleEnabled':
    case 'AlertRuleDisabled':
      await client.query('UPDATE alert_rules SET enabled = $3, updated_at = $4 WHERE workspace_id = $1 AND rule_id = $2', [
        workspaceId,
        data.ruleId,
        event.type === 'AlertRuleEnabled',
        at,
      ]);
      break;
    case 'AlertRuleDeleted':
      await client.query('DELETE FROM alert_rules WHERE workspace_id = $1 AND rule_id = $2', [workspaceId, data.ruleId]);
      break;
    default:
      return null;
  }
  return workspaceId;
}

export async function enabledRules(client: PoolClient, workspaceId: string): Promise<LiveRule[]> {
  const { rows } = await client.query<RuleRow>('SELECT * FROM alert_rules WHERE workspace_id = $1 AND enabled ORDER BY created_at, rule_id', [workspaceId]);
  return rows.map((row) => ({
    ruleId: row.rule_id,
    name: row.name,
    scope: row.scope_kind === 'personal' ? { kind: 'personal', ownerId: row.owner_id ?? '' } : { kind: 'workspace', userIds: row.user_ids, roles: row.roles },
    match: {
      eventTypes: row.event_types,
      categories: row.categories,
      ...(row.result ? { result: row.result } : {}),
      ...(row.actor_id ? { actorId: row.actor_id } : {}),
    },
    channels: row.channels,
  }));
}
