import { createPinia, setActivePinia } from 'pinia';
import { activityFacets, auditLogFacets } from '../api/activity.api';
import { ApiError } from '../api/http-client';
import { workspaceStats } from '../api/stats.api';
import { DEFAULT_FILTERS } from './activity-filters';
import { statsReport } from './stats-report.fixture';
import { useStatsStore } from './stats.store';

jest.mock('../api/activity.api');
jest.mock('../api/stats.api');
const stats = jest.mocked(workspaceStats);
const facets = jest.mocked(activityFacets);

beforeEach(() => {
  setActivePinia(createPinia());
  stats.mockReset().mockResolvedValue(statsReport());
  facets.mockReset().mockResolvedValue({ categories: { Auth: 3, Records: 9 }, total: 12 });
});

describe('the stats store', () => {
  it('loads the report and the category counts for the filters', async () => {
    const store = useStatsStore();
    await store.load('ws-1', { ...DEFAULT_FILTERS, range: '30d', group: 'week', category: 'Auth' });
    expect(stats).toHaveBeenCalledWith('ws-1', { scope: 'workspace', range: '30d', group: 'week' });
    expect(facets).toHaveBeenCalledWith('ws-1', { scope: 'workspace', range: '30d', view: undefined, category: undefined, q: undefined });
    expect(store.report?.kpis.total.value).toBe(1250);
    expect(store.facets).toEqual({ categories: { Auth: 3, Records: 9 }, total: 12 });
  });

  it('loads only the audit counts for the audit log', async () => {
    jest.mocked(auditLogFacets).mockResolvedValueOnce({ categories: { Permissions: 2 }, total: 2 });
    const store = useStatsStore();
    await store.load('ws-1', DEFAULT_FILTERS, { kind: 'audit' }, false);
    expect(stats).not.toHaveBeenCalled();
    expect(store.report).toBeNull();
    expect(store.facets?.total).toBe(2);
  });

  it('says why the figures could not be loaded', async () => {
    stats.mockRejectedValueOnce(new ApiError(403, 'Your role does not allow activity.read_workspace (scope=workspace)'));
    const store = useStatsStore();
    await store.load('ws-1', DEFAULT_FILTERS);
    expect(store.error).toBe('Your role does not allow activity.read_workspace (scope=workspace)');
  });

  it('folds a burst of live ticks into one reload now and one a second later', async () => {
    jest.useFakeTimers();
    try {
      const store = useStatsStore();
      await store.load('ws-1', DEFAULT_FILTERS);
      stats.mockClear();
      for (let tick = 0; tick < 10; tick += 1) store.reloadSoon();
      expect(stats).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1000);
      expect(stats).toHaveBeenCalledTimes(2);
      await jest.advanceTimersByTimeAsync(5000);
      expect(stats).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
