import type { ActivityItem } from '@trailmark/contracts';
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { listActivity, listAuditLog } from '../api/activity.api';
import { throttle } from '../live/throttle';
import { type ActivityFilters, DEFAULT_FILTERS, type FeedSource, feedQuery, insertIntoPage, liveMatch } from './activity-filters';
import { messageOf } from './message-of';

export const PAGE_SIZE = 20;
const SEARCH_REFRESH_MS = 1000;

export interface FeedOpenOptions {
  workspaceId: string;
  userId: string;
  source: FeedSource;
  /** What "reset filters" returns to; the scope depends on the role. */
  defaults?: Partial<ActivityFilters>;
}

/**
 * One table of activity (the log, its recent and archive views, or the audit
 * log): filters, the page shown, keyset pagination and live insertion.
 */
export const useFeedStore = defineStore('feed', () => {
  const context = ref<Omit<FeedOpenOptions, 'defaults'> | null>(null);
  const defaults = ref<ActivityFilters>({ ...DEFAULT_FILTERS });
  const filters = reactive<ActivityFilters>({ ...DEFAULT_FILTERS });
  const items = ref<ActivityItem[]>([]);
  const total = ref(0);
  const pageIndex = ref(0);
  /** The cursor that loads each page reached so far; page 0 needs none. */
  const cursors = ref<Array<string | undefined>>([undefined]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Items that slid in live, for the animation. */
  const arrived = ref<string[]>([]);
  /**
   * Counts the pages loaded from the server. The table is keyed by it, so a
   * new page replaces the rows at once; only live arrivals animate, and the
   * rows of the page before never linger beside the new ones.
   */
  const pageLoads = ref(0);
  /** Live items pushed the first page's last row out, so its nextCursor would skip it. */
  let firstPageShifted = false;
  let latestRequest = 0;

  const query = computed(() => (context.value ? feedQuery(filters, context.value.source) : {}));
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / PAGE_SIZE)));
  const hasNext = computed(() => nextCursor.value !== null);
  const hasPrevious = computed(() => pageIndex.value > 0);
  /** The greatest store position on the page; positions sort as text. */
  const newestPosition = computed(() => items.value.reduce<string | undefined>((newest, item) => (newest === undefined || item.position > newest ? item.position : newest), undefined));

  async function loadPage(index: number): Promise<void> {
    const current = context.value;
    if (!current) return;
    const request = ++latestRequest;
    loading.value = true;
    error.value = null;
    try {
      const list = current.source.kind === 'audit' ? listAuditLog : listActivity;
      const page = await list(current.workspaceId, { ...query.value, limit: PAGE_SIZE, cursor: cursors.value[index] });
      if (request !== latestRequest) return;
      items.value = page.items;
      pageLoads.value += 1;
      total.value = page.total;
      nextCursor.value = page.nextCursor;
      pageIndex.value = index;
      arrived.value = [];
      if (index === 0) firstPageShifted = false;
    } catch (failure) {
      if (request === latestRequest) error.value = messageOf(failure);
    } finally {
      if (request === latestRequest) loading.value = false;
    }
  }

  const refreshFirstPage = throttle(() => void (pageIndex.value === 0 && loadPage(0)), SEARCH_REFRESH_MS);

  function restart(): Promise<void> {
    cursors.value = [undefined];
    refreshFirstPage.cancel();
    return loadPage(0);
  }

  function open(options: FeedOpenOptions): Promise<void> {
    const { defaults: given, ...rest } = options;
    const same = context.value?.workspaceId === rest.workspaceId && JSON.stringify(context.value.source) === JSON.stringify(rest.source);
    context.value = rest;
    defaults.value = { ...DEFAULT_FILTERS, ...given };
    if (!same) {
      Object.assign(filters, defaults.value);
      items.value = [];
      total.value = 0;
    }
    return restart();
  }

  function setFilters(changed: Partial<ActivityFilters>): Promise<void> {
    Object.assign(filters, changed);
    return restart();
  }

  const resetFilters = () => setFilters({ ...defaults.value });

  async function nextPage(): Promise<void> {
    if (pageIndex.value === 0 && firstPageShifted) await loadPage(0);
    if (!nextCursor.value) return;
    cursors.value = [...cursors.value.slice(0, pageIndex.value + 1), nextCursor.value];
    await loadPage(pageIndex.value + 1);
  }

  const previousPage = () => (hasPrevious.value ? loadPage(pageIndex.value - 1) : Promise.resolve());
  const firstPage = () => loadPage(0);
  const refresh = () => loadPage(pageIndex.value);

  /** A live item: counted and slid into the first page when it matches; a search asks the server again. */
  function receiveLive(item: ActivityItem, now = Date.now()): void {
    const current = context.value;
    if (!current) return;
    const match = liveMatch(item, filters, current.source, current.userId, now);
    if (match === 'maybe') refreshFirstPage();
    if (match !== 'yes' || items.value.some((shown) => shown.eventId === item.eventId)) return;
    total.value += 1;
    if (pageIndex.value !== 0) return;
    const full = items.value.length >= PAGE_SIZE;
    const page = insertIntoPage(items.value, item, PAGE_SIZE);
    if (!page) return;
    items.value = page;
    arrived.value = [...arrived.value, item.eventId];
    if (full) firstPageShifted = true;
  }

  return {
    context,
    filters,
    items,
    total,
    pageIndex,
    pageCount,
    nextCursor,
    hasNext,
    hasPrevious,
    newestPosition,
    loading,
    error,
    arrived,
    pageLoads,
    query,
    open,
    setFilters,
    resetFilters,
    nextPage,
    previousPage,
    firstPage,
    refresh,
    receiveLive,
  };
});
