import type { ActivityItem } from '@trailmark/contracts';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { activityDetail } from '../api/activity.api';
import type { ActivityDetail } from '../api/api-types';
import { messageOf } from './message-of';

/** The event open in the detail panel. */
export const useEventDetailStore = defineStore('event-detail', () => {
  const eventId = ref<string | null>(null);
  const detail = ref<ActivityDetail | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);

  /** `listed` is the row clicked: its record carries the current label, which the detail may lack. */
  async function open(workspaceId: string, id: string, listed?: ActivityItem): Promise<void> {
    eventId.value = id;
    detail.value = null;
    error.value = null;
    loading.value = true;
    try {
      const loaded = await activityDetail(workspaceId, id);
      if (eventId.value !== id) return;
      detail.value = loaded.record && !loaded.record.label && listed?.record ? { ...loaded, record: listed.record } : loaded;
    } catch (failure) {
      if (eventId.value === id) error.value = messageOf(failure);
    } finally {
      if (eventId.value === id) loading.value = false;
    }
  }

  function close(): void {
    eventId.value = null;
    detail.value = null;
    error.value = null;
    loading.value = false;
  }

  return { eventId, detail, loading, error, open, close };
});
