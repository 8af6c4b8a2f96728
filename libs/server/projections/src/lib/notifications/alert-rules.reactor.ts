import { alertLabel, describeEvent, NOTIFICATION_EVENT_TYPES } from '@trailmark/contracts';
import { type AlertRaised, alertRecipients, type AlertSubject, matchesAlert } from '@trailmark/domain';
import type { EventStore, RecordedEvent } from '@trailmark/event-store';
import type { PoolClient } from 'pg';
import { BACKGROUND_READ_INTERVAL_MS, type Projection } from '../projection';
import { applyMemberEvent, type AlertMemberRow, MEMBER_EVENT_TYPES, membersOf } from './alert-members';
import { ALERT_RULE_EVENT_TYPES, applyRuleEvent, enabledRules, type LiveRule } from './alert-rule-rows';
import { appendReactions, notificationStream, type Reaction, reactionId, reactionMetadata, workspaceOf } from './reactions';

export const ALERT_RULES_REACTOR = 'alert-rules';

const IGNORED = new Set(NOTIFICATION_EVENT_TYPES);

interface WorkspaceView {
  rules: LiveRule[];
  members: AlertMemberRow[];
}

/**
 * Keeps the alert rules (and its own view of members) and, for every other
 * workspace event, raises one AlertRaised per enabled matching rule and
 * recipient. Its own notification events are never matched, so an alert
 * cannot raise another. The alerts are appended before the runner commits
 * the checkpoint: a crash in between replays the batch, and their ids,
 * derived from rule, source event and recipient, make that a no-op.
 */
export function alertRulesReactor(store: EventStore): Projection {
  return {
    name: ALERT_RULES_REACTOR,
    readIntervalMs: BACKGROUND_READ_INTERVAL_MS,
    async apply(client, events) {
      const views = new Map<string, WorkspaceView>();
      const reactions: Reaction[] = [];
      for (const event of events) {
        const changed = ALERT_RULE_EVENT_TYPES.includes(event.type)
          ? await applyRuleEvent(client, event)
          : MEMBER_EVENT_TYPES.includes(event.type)
            ? await applyMemberEvent(client, event)
            : null;
        if (changed !== null) views.delete(changed);
        const workspaceId = workspaceOf(event);
        if (workspaceId === null || IGNORED.has(event.type)) continue;
        const view = views.get(workspaceId) ?? (await viewOf(client, workspaceId));
        views.set(workspaceId, view);
        reactions.push(...alertsFor(event, workspaceId, view));
      }
      await appendReactions(store, reactions);
    },
  };
}

async function viewOf(client: PoolClient, workspaceId: string): Promise<WorkspaceView> {
  return { rules: await enabledRules(client, workspaceId), members: await membersOf(client, workspaceId) };
}

function alertsFor(event: RecordedEvent, workspaceId: string, { rules, members }: WorkspaceView): Reaction[] {
  if (rules.length === 0) return [];
  const data = (event.data ?? {}) as Record<string, unknown>;
  const entry = describeEvent(event.type, data as { action?: unknown });
  const subject = subjectOf(event, entry.category, data);
  const label = alertLabel(event.type, data, entry.label);
  return rules
    .filter((rule) => matchesAlert(rule.match, subject))
    .flatMap((rule) =>
      alertRecipients(rule.scope, members, subject).map((recipientId): Reaction => {
        const alert: AlertRaised['data'] = {
          ruleId: rule.ruleId,
          ruleName: rule.name,
          recipientId,
          recipientEmail: members.find(({ userId }) => userId === recipientId)?.email ?? null,
          channels: rule.channels,
          sourceEventId: event.id,
          sourceType: event.type,
          label,
        };
        return {
          streamName: notificationStream(workspaceId, recipientId),
          event: { id: reactionId('alert', rule.ruleId, event.id, recipientId), type: 'AlertRaised', data: alert, metadata: reactionMetadata(event, workspaceId) },
        };
      }),
    );
}

function subjectOf(event: RecordedEvent, category: string, data: Record<string, unknown>): AlertSubject {
  const actor = event.metadata['actor'] as { id?: unknown } | undefined;
  const result = event.metadata['result'];
  return {
    type: event.type,
    category,
    result: typeof result === 'string' ? result : 'success',
    actorId: typeof actor?.id === 'string' ? actor.id : null,
    aboutUserId: typeof data['userId'] === 'string' ? data['userId'] : null,
  };
}
