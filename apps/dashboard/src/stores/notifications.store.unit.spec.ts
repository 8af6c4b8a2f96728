import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/http-client';
import * as api from '../api/notifications.api';
import type { NotificationItem } from '../api/notifications-types';
import { activityItem } from './activity-item.fixture';
import { useNotificationsStore } from './notifications.store';

jest.mock('../api/notifications.api');
const mocked = jest.mocked(api);

const notification = (id: string, readAt: string | null = null): NotificationItem => ({
  id, ruleId: 'rule-1', ruleName: 'Failed sign-ins', label: 'Sign-in failed', sourceEventId: `src-${id}`, sourceType: 'SignInFailed', raisedAt: '2026-11-01T10:00:00.000Z', readAt,
});

beforeEach(() => {
  setActivePinia(createPinia());
  jest.resetAllMocks();
});

describe('notifications store', () => {
  it('loads the newest page and the unread count, then the next page', async () => {
    mocked.listNotifications
      .mockResolvedValueOnce({ items: [notification('n-3'), notification('n-2')], nextCursor: 'c-2', unread: 3 })
      .mockResolvedValueOnce({ items: [notification('n-1')], nextCursor: null, unread: 3 });
    const store = useNotificationsStore();
    await store.load('ws-1');
    await store.loadMore();
    expect(mocked.listNotifications).toHaveBeenNthCalledWith(2, 'ws-1', 'c-2');
    expect(store.items.map(({ id }) => id)).toEqual(['n-3', 'n-2', 'n-1']);
    expect(store.unread).toBe(3);
    expect(store.nextCursor).toBeNull();
  });

  it('marks one read, then all, taking the unread count from the answer', async () => {
    mocked.listNotifications.mockResolvedValue({ items: [notification('n-2'), notification('n-1')], nextCursor: null, unread: 2 });
    mocked.markRead.mockResolvedValue({ read: 1, unread: 1 });
    mocked.markAllRead.mockResolvedValue({ read: 1, unread: 0 });
    const store = useNotificationsStore();
    await store.load('ws-1');
    await store.markRead('n-2');
    expect(mocked.markRead).toHaveBeenCalledWith('ws-1', 'n-2');
    expect(store.unread).toBe(1);
    expect(store.items.map(({ id, readAt }) => [id, readAt !== null])).toEqual([['n-2', true], ['n-1', false]]);
    await store.markAllRead();
    expect(store.unread).toBe(0);
    expect(store.items.every(({ readAt }) => readAt !== null)).toBe(true);
  });

  it('refreshes on a pushed alert until the list holds it', async () => {
    mocked.listNotifications
      .mockResolvedValueOnce({ items: [], nextCursor: null, unread: 0 })
      .mockResolvedValueOnce({ items: [], nextCursor: null, unread: 0 })
      .mockResolvedValueOnce({ items: [notification('event-7')], nextCursor: null, unread: 1 });
    const store = useNotificationsStore();
    await store.load('ws-1');
    await store.received(activityItem(7, { type: 'AlertRaised' }), 0);
    expect(mocked.listNotifications).toHaveBeenCalledTimes(3);
    expect(store.unread).toBe(1);
    expect(store.items.map(({ id }) => id)).toEqual(['event-7']);
  });

  it('says what went wrong', async () => {
    mocked.listNotifications.mockRejectedValue(new ApiError(404, 'You are not a member of this workspace'));
    const store = useNotificationsStore();
    await store.load('ws-2');
    expect(store.error).toBe('You are not a member of this workspace');
  });
});
