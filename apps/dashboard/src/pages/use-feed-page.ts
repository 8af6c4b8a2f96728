import { CATEGORIES } from '@trailmark/contracts';
import { computed, onBeforeUnmount, watch } from 'vue';
import { useRoute } from 'vue-router';
import { activityExportUrl } from '../api/activity.api';
import { can } from '../router/access';
import type { ActivityFilters, FeedSource } from '../stores/activity-filters';
import { useEventDetailStore } from '../stores/event-detail.store';
import { useFeedStore } from '../stores/feed.store';
import { useLiveStore } from '../stores/live.store';
import { useSessionStore } from '../stores/session.store';
import { useStatsStore } from '../stores/stats.store';

/** What the audit log lists (the API refuses other categories there). */
const AUDIT_CATEGORIES = ['Auth', 'Permissions', 'Workspace', 'Teams', 'Settings', 'Exports', 'Impersonation'] as const;

export interface FeedPageOptions {
  source: FeedSource;
  /** KPI cards and charts above the table. */
  withReport: boolean;
  live: boolean;
}

/**
 * Wires a table page to its stores: loads on entry and on every filter
 * change, follows the live channel that matches the scope, and lets go on leave.
 */
export function useFeedPage(options: FeedPageOptions) {
  const route = useRoute();
  const session = useSessionStore();
  const feed = useFeedStore();
  const stats = useStatsStore();
  const live = useLiveStore();
  const detail = useEventDetailStore();

  const workspaceId = computed(() => String(route.params['ws']));
  const role = computed(() => session.workspace(workspaceId.value)?.role);
  const wholeWorkspace = computed(() => can(role.value, 'activity.read_workspace'));
  const categories = options.source.kind === 'audit' ? AUDIT_CATEGORIES : CATEGORIES;
  const exportHref = computed(() => (options.source.kind === 'activity' ? activityExportUrl(workspaceId.value, feed.query) : undefined));
  const loadStats = () => stats.load(workspaceId.value, feed.filters, options.source, options.withReport);

  async function open(): Promise<void> {
    detail.close();
    const defaults = { scope: wholeWorkspace.value ? 'workspace' : 'mine' } as const;
    await Promise.all([feed.open({ workspaceId: workspaceId.value, userId: session.user?.id ?? '', source: options.source, defaults }), loadStats()]);
  }

  const change = (changed: Partial<ActivityFilters>) => Promise.all([feed.setFilters(changed), loadStats()]);
  const reset = () => Promise.all([feed.resetFilters(), loadStats()]);
  const refresh = () => Promise.all([feed.refresh(), stats.reload()]);

  let unfollow: Array<() => void> = [];
  function follow(): void {
    unfollow.forEach((stop) => stop());
    const ws = workspaceId.value;
    const onItem = (item: Parameters<typeof feed.receiveLive>[0]) => {
      feed.receiveLive(item);
      stats.reloadSoon();
    };
    const scope = feed.filters.scope;
    unfollow = [
      live.follow({ kind: scope, workspaceId: ws }, { item: onItem, position: () => feed.newestPosition }),
      ...(options.withReport ? [live.follow({ kind: 'stats', workspaceId: ws, scope }, { tick: () => stats.reloadSoon() })] : []),
    ];
  }

  watch(workspaceId, () => void open(), { immediate: true });
  if (options.live) {
    live.connect();
    watch([workspaceId, () => feed.filters.scope], follow, { immediate: true });
  }
  onBeforeUnmount(() => {
    unfollow.forEach((stop) => stop());
    stats.cancelReload();
    detail.close();
  });

  return { feed, stats, workspaceId, wholeWorkspace, categories, exportHref, change, reset, refresh };
}
