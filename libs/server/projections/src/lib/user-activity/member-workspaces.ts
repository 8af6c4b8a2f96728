import type { PoolClient } from 'pg';
import type { Part } from './batch-statement';
import type { MembershipFact, SignInAttempt, UserActivityFact } from './user-activity-fact';

/**
 * A Trailmark account signs in to Trailmark, not to one workspace: the
 * attempt counts in every workspace the account is a member of at that point
 * of the log (and in the metadata's workspace, the one the session opens in).
 * A host app's sign-in counts in the workspace of the key that sent it.
 *
 * Reads the memberships of the batch's accounts once, follows the batch's
 * joins and removals in order to give each sign-in its workspaces; the parts
 * returned save where each membership the batch touched ended up.
 */
export async function attributeSignIns(client: PoolClient, facts: UserActivityFact[]): Promise<{ attempts: SignInAttempt[]; writes: Part[] }> {
  const accounts = facts.filter((fact) => fact.kind === 'joined' || fact.kind === 'left' || (fact.kind === 'sign-in' && fact.toMemberWorkspaces));
  const users = new Set(accounts.map((fact) => fact.userId));
  const memberOf = await membershipsOf(client, [...users]);
  const touched = new Map<string, MembershipFact>();
  const attempts: SignInAttempt[] = [];
  for (const fact of facts) {
    if (fact.kind === 'joined' || fact.kind === 'left') {
      const workspaces = memberOf.get(fact.userId) ?? new Set<string>();
      memberOf.set(fact.userId, workspaces);
      if (fact.kind === 'joined') workspaces.add(fact.workspaceId);
      else workspaces.delete(fact.workspaceId);
      touched.set(`${fact.workspaceId}\n${fact.userId}`, fact);
    } else if (fact.kind === 'sign-in') {
      const workspaces = new Set(fact.workspaceId === null ? [] : [fact.workspaceId]);
      if (fact.toMemberWorkspaces) for (const workspaceId of memberOf.get(fact.userId) ?? []) workspaces.add(workspaceId);
      for (const workspaceId of workspaces) attempts.push({ workspaceId, fact });
    }
  }
  return { attempts, writes: membershipWrites([...touched.values()]) };
}

async function membershipsOf(client: PoolClient, users: string[]): Promise<Map<string, Set<string>>> {
  const memberOf = new Map<string, Set<string>>();
  if (users.length === 0) return memberOf;
  const { rows } = await client.query<{ workspace_id: string; user_id: string }>(
    'SELECT workspace_id, user_id FROM user_activity_members WHERE user_id = ANY($1::text[])',
    [users],
  );
  for (const row of rows) memberOf.set(row.user_id, (memberOf.get(row.user_id) ?? new Set()).add(row.workspace_id));
  return memberOf;
}

function membershipWrites(latest: MembershipFact[]): Part[] {
  const pairs = (kind: MembershipFact['kind']) =>
    latest.filter((fact) => fact.kind === kind).map(({ workspaceId, userId }) => ({ workspace_id: workspaceId, user_id: userId }));
  const rows = (param: string) => `json_to_recordset(${param}) AS k(workspace_id text, user_id text)`;
  return [
    {
      name: 'joined_members',
      param: pairs('joined'),
      sql: (param) => `INSERT INTO user_activity_members (workspace_id, user_id) SELECT * FROM ${rows(param)} ON CONFLICT DO NOTHING`,
    },
    {
      name: 'left_members',
      param: pairs('left'),
      sql: (param) => `DELETE FROM user_activity_members m USING ${rows(param)} WHERE m.workspace_id = k.workspace_id AND m.user_id = k.user_id`,
    },
  ];
}
