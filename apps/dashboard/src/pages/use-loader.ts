import { ref, type Ref, shallowRef, watch, type WatchSource } from 'vue';
import { messageOf } from '../stores/message-of';

export interface Loader<T> {
  data: Ref<T | null>;
  error: Ref<string | null>;
  loading: Ref<boolean>;
  reload(): Promise<void>;
}

/** Loads once now and again whenever a source changes; an answer overtaken by a newer request is dropped. */
export function useLoader<T>(load: () => Promise<T>, sources: WatchSource[] = []): Loader<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  let latest = 0;

  async function reload(): Promise<void> {
    const request = ++latest;
    loading.value = true;
    error.value = null;
    try {
      const loaded = await load();
      if (request === latest) data.value = loaded;
    } catch (failure) {
      if (request === latest) error.value = messageOf(failure);
    } finally {
      if (request === latest) loading.value = false;
    }
  }

  watch(sources, () => void reload(), { immediate: true });
  return { data, error, loading, reload };
}
