import type { ActivityItem } from '@trailmark/contracts';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as api from '../api/notifications.api';
import type { NotificationItem } from '../api/notifications-types';
import { useLiveStore } from './live.store';
import { messageOf } from './message-of';

/** Tries while a pushed alert is not in the read model yet (the live item can arrive before the list has it). */
const REFRESH_TRIES = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The bell: your unread count and newest notifications in the open workspace, kept current over `/live`. */
export const useNotificationsStore = defineStore('notifications', () => {
  const workspaceId = ref<string | null>(null);
  const items = shallowRef<NotificationItem[]>([]);
  const unread = ref(0);
  const nextCursor = ref<string | null>(null);
  const error = ref<string | null>(null);

  async function run(work: () => Promise<void>): Promise<void> {
    error.value = null;
    try {
      await work();
    } catch (failure) {
      error.value = messageOf(failure);
    }
  }

  const ws = () => workspaceId.value as string;

  async function refresh(): Promise<void> {
    const page = await api.listNotifications(ws());
    items.value = page.items;
    unread.value = page.unread;
    nextCursor.value = page.nextCursor;
  }

  const load = (id: string) => {
    if (workspaceId.value !== id) items.value = [];
    workspaceId.value = id;
    return run(refresh);
  };

  const loadMore = () =>
    run(async () => {
      if (!nextCursor.value) return;
      const page = await api.listNotifications(ws(), nextCursor.value);
      items.value = [...items.value, ...page.items];
      unread.value = page.unread;
      nextCursor.value = page.nextCursor;
    });

  const markRead = (id: string) =>
    run(async () => {
      unread.value = (await api.markRead(ws(), id)).unread;
      const at = new Date().toISOString();
      items.value = items.value.map((item) => (item.id === id && !item.readAt ? { ...item, readAt: at } : item));
    });

  const markAllRead = () =>
    run(async () => {
      unread.value = (await api.markAllRead(ws())).unread;
      const at = new Date().toISOString();
      items.value = items.value.map((item) => (item.readAt ? item : { ...item, readAt: at }));
    });

  /** A pushed alert (AlertRaised, whose event id is the notification's id) or read (NotificationsRead, perhaps from another tab). */
  async function received(item: ActivityItem, retryMs = 200): Promise<void> {
    await run(async () => {
      for (let tries = 1; ; tries += 1) {
        await refresh();
        const listed = item.type !== 'AlertRaised' || items.value.some(({ id }) => id === item.eventId);
        if (listed || tries >= REFRESH_TRIES) return;
        await pause(retryMs);
      }
    });
  }

  /** Loads the workspace's notifications and follows new ones until the returned function is called. */
  function watch(id: string): () => void {
    void load(id);
    return useLiveStore().follow({ kind: 'notifications', workspaceId: id }, { item: (item) => void received(item) });
  }

  return { workspaceId, items, unread, nextCursor, error, load, loadMore, markRead, markAllRead, received, watch };
});
