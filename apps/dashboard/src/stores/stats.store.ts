import { defineStore } from 'pinia';
import { ref } from 'vue';
import { activityFacets, auditLogFacets } from '../api/activity.api';
import type { ActivityFacets, StatsReport } from '../api/api-types';
import { workspaceStats } from '../api/stats.api';
import { throttle } from '../live/throttle';
import { type ActivityFilters, type FeedSource, facetsQuery, statsQuery } from './activity-filters';
import { messageOf } from './message-of';

const LIVE_RELOAD_MS = 1000;

/** The KPI cards and charts of the Activity Log, and the live count beside each category. */
export const useStatsStore = defineStore('stats', () => {
  const report = ref<StatsReport | null>(null);
  const facets = ref<ActivityFacets | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  let target: { workspaceId: string; filters: ActivityFilters; source: FeedSource; withReport: boolean } | null = null;
  let latestRequest = 0;

  async function reload(): Promise<void> {
    if (!target) return;
    const { workspaceId, filters, source, withReport } = target;
    const request = ++latestRequest;
    loading.value = true;
    try {
      const counts = source.kind === 'audit' ? auditLogFacets : activityFacets;
      const [nextReport, nextFacets] = await Promise.all([withReport ? workspaceStats(workspaceId, statsQuery(filters)) : null, counts(workspaceId, facetsQuery(filters, source))]);
      if (request !== latestRequest) return;
      report.value = nextReport;
      facets.value = nextFacets;
      error.value = null;
    } catch (failure) {
      if (request === latestRequest) error.value = messageOf(failure);
    } finally {
      if (request === latestRequest) loading.value = false;
    }
  }

  /** Loads the figures for these filters; `withReport: false` loads only the category counts (tables without charts). */
  function load(workspaceId: string, filters: ActivityFilters, source: FeedSource = { kind: 'activity' }, withReport = true): Promise<void> {
    target = { workspaceId, filters: { ...filters }, source, withReport };
    reloadSoon.cancel();
    return reload();
  }

  /** Live changes: coalesced into at most one reload a second. */
  const reloadSoon = throttle(() => void reload(), LIVE_RELOAD_MS);

  // Pinia wraps returned functions as actions, which would hide `cancel`.
  return { report, facets, error, loading, load, reload, reloadSoon: () => reloadSoon(), cancelReload: () => reloadSoon.cancel() };
});
