import type { Command, Decider } from '../decider';
import type { NotificationsRead } from './alert.events';

/** `notificationIds` are the recipient's unread ones the application found; none read records nothing. */
export type MarkNotificationsRead = Command<'MarkNotificationsRead', { recipientId: string; notificationIds: string[] }>;

/** The inbox keeps no state of its own: which notifications exist and are unread lives in the read model the ids come from. */
export const notificationInboxDecider: Decider<null, MarkNotificationsRead, NotificationsRead> = {
  initialState: () => null,
  evolve: (state) => state,
  decide: ({ data }) => {
    const notificationIds = [...new Set(data.notificationIds)];
    return notificationIds.length === 0 ? [] : [{ type: 'NotificationsRead', data: { recipientId: data.recipientId, notificationIds } }];
  },
};
