import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { useRoute } from 'vue-router';
import type { RecordTimelinePage, TimelineItem } from '../api/api-types';
import { recordTimeline } from '../api/records.api';
import { throttle } from '../live/throttle';
import { useLiveStore } from '../stores/live.store';
import { messageOf } from '../stores/message-of';

const PAGE = 20;

/** One record's timeline in either order, a page at a time, reloaded when the record's live room reports activity. */
export function useRecordTimeline() {
  const route = useRoute();
  const live = useLiveStore();
  const order = ref<'desc' | 'asc'>('desc');
  const record = shallowRef<RecordTimelinePage['record'] | null>(null);
  const items = shallowRef<TimelineItem[]>([]);
  const total = ref(0);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const key = computed(() => ({ ws: String(route.params['ws']), type: String(route.params['type']), id: String(route.params['id']) }));
  let latest = 0;

  async function load(more = false): Promise<void> {
    const request = ++latest;
    const { ws, type, id } = key.value;
    loading.value = true;
    error.value = null;
    try {
      const page = await recordTimeline(ws, type, id, { order: order.value, limit: PAGE, cursor: more ? nextCursor.value : undefined });
      if (request !== latest) return;
      record.value = page.record;
      items.value = more ? [...items.value, ...page.items] : page.items;
      total.value = page.total;
      nextCursor.value = page.nextCursor;
    } catch (failure) {
      if (request === latest) error.value = messageOf(failure);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  const reloadSoon = throttle(() => void load(), 1000);
  let unfollow = () => undefined as void;
  watch(
    [key, order],
    () => {
      unfollow();
      const { ws, type, id } = key.value;
      unfollow = live.follow({ kind: 'record', workspaceId: ws, recordType: type, recordId: id }, { item: () => reloadSoon() });
      void load();
    },
    { immediate: true },
  );
  live.connect();
  onBeforeUnmount(() => {
    unfollow();
    reloadSoon.cancel();
  });

  return { order, record, items, total, nextCursor, loading, error, loadMore: () => load(true) };
}
