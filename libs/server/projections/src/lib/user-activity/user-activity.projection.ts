import type { PoolClient } from 'pg';
import type { Projection } from '../projection';
import { countActivity, uncountedActivity } from './activity-counter';
import { recordSignIn } from './sign-in-recorder';
import { type ActivityFact, type MembershipFact, type SignInFact, userActivityFacts } from './user-activity-fact';

export const USER_ACTIVITY_PROJECTION = 'user-activity';

function recordMembership(client: PoolClient, { kind, workspaceId, userId }: MembershipFact) {
  return kind === 'joined'
    ? client.query('INSERT INTO user_activity_members (workspace_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [workspaceId, userId])
    : client.query('DELETE FROM user_activity_members WHERE workspace_id = $1 AND user_id = $2', [workspaceId, userId]);
}

/**
 * A Trailmark account signs in to Trailmark, not to one workspace: the
 * attempt counts in every workspace the account is a member of at that point
 * of the log (and in the metadata's workspace, the one the session opens in).
 * A host app's sign-in counts in the workspace of the key that sent it.
 */
async function workspacesOf(client: PoolClient, fact: SignInFact): Promise<string[]> {
  const workspaces = new Set(fact.workspaceId === null ? [] : [fact.workspaceId]);
  if (fact.toMemberWorkspaces) {
    const { rows } = await client.query<{ workspace_id: string }>('SELECT workspace_id FROM user_activity_members WHERE user_id = $1', [fact.userId]);
    for (const row of rows) workspaces.add(row.workspace_id);
  }
  return [...workspaces].sort();
}

/**
 * Per-user sign-in history and counters, active days and security signals,
 * per workspace. Sign-ins are applied one by one (signals depend on the ones
 * before); other activity is counted per user once per batch.
 */
export const userActivityProjection: Projection = {
  name: USER_ACTIVITY_PROJECTION,
  tables: ['user_activity_members', 'user_login_stats', 'user_login_history', 'user_activity_days', 'user_seen_ips', 'user_seen_devices', 'user_security_signals'],
  async apply(client, events) {
    // Two runners can briefly apply the same batch when a lock connection drops; the second waits here and then sees what the first counted.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 8))', [`apply:${USER_ACTIVITY_PROJECTION}`]);
    const facts = events.flatMap(userActivityFacts);
    const activity = await uncountedActivity(client, facts.filter((fact): fact is ActivityFact => fact.kind === 'activity'));
    for (const fact of facts) {
      if (fact.kind === 'joined' || fact.kind === 'left') await recordMembership(client, fact);
      if (fact.kind !== 'sign-in') continue;
      for (const workspaceId of await workspacesOf(client, fact)) await recordSignIn(client, workspaceId, fact);
    }
    await countActivity(client, activity);
  },
};
