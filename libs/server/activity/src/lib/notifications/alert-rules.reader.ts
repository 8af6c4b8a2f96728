import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@trailmark/database';
import type { Pool } from 'pg';

export interface AlertRuleView {
  ruleId: string;
  name: string;
  scope: 'workspace' | 'personal';
  ownerId: string | null;
  recipients: { userIds: string[]; roles: string[] } | null;
  match: { eventTypes: string[]; categories: string[]; result: string | null; actorId: string | null };
  channels: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  rule_id: string;
  name: string;
  scope_kind: 'workspace' | 'personal';
  owner_id: string | null;
  user_ids: string[];
  roles: string[];
  event_types: string[];
  categories: string[];
  result: string | null;
  actor_id: string | null;
  channels: string[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

/** The rules a member may see: workspace rules when they manage them, and their own personal rules. */
@Injectable()
export class AlertRulesReader {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(workspaceId: string, userId: string, seesWorkspaceRules: boolean): Promise<AlertRuleView[]> {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM alert_rules WHERE workspace_id = $1 AND ((scope_kind = 'workspace' AND $3) OR (scope_kind = 'personal' AND owner_id = $2))
       ORDER BY created_at, rule_id`,
      [workspaceId, userId, seesWorkspaceRules],
    );
    return rows.map(toView);
  }

  async one(workspaceId: string, ruleId: string, userId: string, seesWorkspaceRules: boolean): Promise<AlertRuleView | undefined> {
    return (await this.list(workspaceId, userId, seesWorkspaceRules)).find((rule) => rule.ruleId === ruleId);
  }
}

function toView(row: Row): AlertRuleView {
  const workspace = row.scope_kind === 'workspace';
  return {
    ruleId: row.rule_id,
    name: row.name,
    scope: row.scope_kind,
    ownerId: row.owner_id,
    recipients: workspace ? { userIds: row.user_ids, roles: row.roles } : null,
    match: { eventTypes: row.event_types, categories: row.categories, result: row.result, actorId: row.actor_id },
    channels: row.channels,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
