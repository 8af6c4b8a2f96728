import type { AlertRaised, NotificationsRead } from '@trailmark/domain';
import type { Projection } from '../projection';
import { occurredAt, workspaceOf } from './reactions';

export const NOTIFICATIONS_PROJECTION = 'notifications';

/**
 * The in-app notifications of each recipient: one row per AlertRaised that
 * has the in-app channel, read once a NotificationsRead names it.
 */
export const notificationsProjection: Projection = {
  name: NOTIFICATIONS_PROJECTION,
  tables: ['notifications'],
  filter: { eventTypes: ['AlertRaised', 'NotificationsRead'] },
  async apply(client, events) {
    for (const event of events) {
      const workspaceId = workspaceOf(event);
      if (workspaceId === null) continue;
      if (event.type === 'AlertRaised') {
        const data = event.data as AlertRaised['data'];
        if (!data.channels.includes('in_app')) continue;
        await client.query(
          `INSERT INTO notifications (workspace_id, recipient_id, notification_id, position, rule_id, rule_name, source_event_id, source_type, label, raised_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [workspaceId, data.recipientId, event.id, event.position, data.ruleId, data.ruleName, data.sourceEventId, data.sourceType, data.label, occurredAt(event)],
        );
      } else {
        const data = event.data as NotificationsRead['data'];
        await client.query(
          `UPDATE notifications SET read_at = $4
           WHERE workspace_id = $1 AND recipient_id = $2 AND notification_id = ANY($3::text[]) AND read_at IS NULL`,
          [workspaceId, data.recipientId, data.notificationIds, occurredAt(event)],
        );
      }
    }
  },
};
