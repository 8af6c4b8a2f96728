import { deciderSpec, fixedContext } from '../decider-spec';
import { notificationInboxDecider } from './notification-inbox.decide';

const given = deciderSpec(notificationInboxDecider, fixedContext()).given([]);

describe('notification inbox decider', () => {
  it('records the notifications read, each once', () => {
    given
      .when({ type: 'MarkNotificationsRead', data: { recipientId: 'u-1', notificationIds: ['n-1', 'n-2', 'n-1'] } })
      .then([{ type: 'NotificationsRead', data: { recipientId: 'u-1', notificationIds: ['n-1', 'n-2'] } }]);
  });

  it('records nothing when there is nothing to mark', () => {
    given.when({ type: 'MarkNotificationsRead', data: { recipientId: 'u-1', notificationIds: [] } }).then([]);
  });
});
