import type { SecurityAlertRaised } from '@trailmark/domain';
import type { EventStore, Position, RecordedEvent } from '@trailmark/event-store';
import type { Pool, PoolClient } from 'pg';
import { readCheckpoint, waitForCheckpoint } from '../checkpoints';
import { BACKGROUND_READ_INTERVAL_MS, type Projection } from '../projection';
import { ALERT_RULES_REACTOR } from './alert-rules.reactor';
import { USER_ACTIVITY_PROJECTION } from '../user-activity/user-activity.projection';
import { DIRECT_ALERT_TYPES, directSecurityAlerts, type SecurityFinding } from './direct-security-alerts';
import { appendReactions, type Reaction, reactionId, reactionMetadata, securityAlertStream } from './reactions';
import { signalSecurityAlerts } from './signal-security-alerts';

export const SECURITY_ALERTS_REACTOR = 'security-alerts';

const SIGN_IN_TYPES = ['SignedIn', 'SignInFailed', 'ActivityRecorded'];

export interface SecurityAlertOptions {
  /** Rows from which an export is a bulk export. */
  bulkExportRows?: number;
  /** How long a batch with sign-ins waits for the user-activity projection to reach it before the runner retries. */
  signalWaitMs?: number;
}

/**
 * Appends a SecurityAlertRaised per finding in a workspace with an enabled
 * rule watching security alerts (an alert nobody would receive is not
 * raised; rules are not retroactive), with an id derived from the
 * source event, the kind and the workspace, so a replayed batch writes
 * nothing twice. Sign-in findings are read from the user-activity read model
 * once that projection has applied the batch's sign-ins.
 */
export function securityAlertsReactor(store: EventStore, pool: Pool, { bulkExportRows = 1000, signalWaitMs = 10_000 }: SecurityAlertOptions = {}): Projection {
  return {
    name: SECURITY_ALERTS_REACTOR,
    readIntervalMs: BACKGROUND_READ_INTERVAL_MS,
    filter: { eventTypes: [...DIRECT_ALERT_TYPES, ...SIGN_IN_TYPES] },
    async apply(client, events) {
      const findings = events.flatMap((event) => directSecurityAlerts(event, bulkExportRows));
      const last = events[events.length - 1];
      if (events.some((event) => SIGN_IN_TYPES.includes(event.type))) {
        if (!(await waitForCheckpoint(pool, USER_ACTIVITY_PROJECTION, last.position, signalWaitMs))) {
          throw new Error(`The ${USER_ACTIVITY_PROJECTION} projection has not reached ${last.position} yet`);
        }
        const after = await readCheckpoint(client, SECURITY_ALERTS_REACTOR);
        const byId = new Map(events.map((event) => [event.id, event]));
        const signals = await signalSecurityAlerts(client, after, last.position);
        findings.push(...signals.map((finding) => ({ ...finding, source: { id: finding.source.id, event: byId.get(finding.source.id) ?? null } })));
      }
      const wanted = await watchedWorkspaces(client, pool, findings, last.position, signalWaitMs);
      await appendReactions(store, findings.filter(({ workspaceId }) => wanted.has(workspaceId)).map((finding) => reactionOf(finding, last)));
    },
  };
}

/**
 * The workspaces among the findings' with an enabled rule on SecurityAlertRaised or the Security
 * category, once the alert-rules reactor has applied every rule change up to `upTo`.
 */
async function watchedWorkspaces(client: PoolClient, pool: Pool, findings: SecurityFinding[], upTo: Position, waitMs: number): Promise<Set<string>> {
  const workspaces = [...new Set(findings.map(({ workspaceId }) => workspaceId))];
  if (workspaces.length === 0) return new Set();
  if (!(await waitForCheckpoint(pool, ALERT_RULES_REACTOR, upTo, waitMs))) throw new Error(`The ${ALERT_RULES_REACTOR} reactor has not reached ${upTo} yet`);
  const { rows } = await client.query<{ workspace_id: string }>(
    `SELECT DISTINCT workspace_id FROM alert_rules WHERE workspace_id = ANY($1::text[]) AND enabled
       AND ('SecurityAlertRaised' = ANY(event_types) OR 'Security' = ANY(categories))`,
    [workspaces],
  );
  return new Set(rows.map(({ workspace_id }) => workspace_id));
}

function reactionOf({ workspaceId, source, data }: SecurityFinding, fallback: RecordedEvent): Reaction {
  const alertId = reactionId('security', workspaceId, data.kind, source.id);
  const alert: SecurityAlertRaised['data'] = { alertId, ...data };
  const metadata = { ...reactionMetadata(source.event ?? fallback, workspaceId, 'warning'), causationId: source.id };
  return { streamName: securityAlertStream(workspaceId), event: { id: alertId, type: 'SecurityAlertRaised', data: alert, metadata } };
}
