import { createPinia, setActivePinia } from 'pinia';
import { listActivity, listAuditLog } from '../api/activity.api';
import { ApiError } from '../api/http-client';
import { activityItem } from './activity-item.fixture';
import { useFeedStore } from './feed.store';

jest.mock('../api/activity.api');
const list = jest.mocked(listActivity);
const NOW = Date.parse('2026-03-10T12:00:00Z');

/** Items `from` down to `from - count + 1`, newest first. */
const items = (from: number, count: number) => Array.from({ length: count }, (_, i) => activityItem(from - i));
const page = (from: number, count: number, nextCursor: string | null, total: number) => ({ items: items(from, count), nextCursor, total });

async function opened(options: { scope?: 'mine' | 'workspace' } = {}) {
  const feed = useFeedStore();
  await feed.open({ workspaceId: 'ws-1', userId: 'me', source: { kind: 'activity' }, defaults: { scope: options.scope ?? 'workspace' } });
  return feed;
}

beforeEach(() => {
  setActivePinia(createPinia());
  list.mockReset();
});

describe('the feed store', () => {
  it('loads the first page with the default filters', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50));
    const feed = await opened();
    expect(list).toHaveBeenCalledWith('ws-1', { scope: 'workspace', range: '7d', view: undefined, category: undefined, q: undefined, limit: 20, cursor: undefined });
    expect(feed.items.map((item) => item.eventId)).toEqual(items(50, 20).map((item) => item.eventId));
    expect([feed.total, feed.pageCount, feed.pageIndex, feed.hasNext, feed.hasPrevious]).toEqual([50, 3, 0, true, false]);
  });

  it('pages forward with each cursor and back again, to the first page', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50)).mockResolvedValueOnce(page(30, 20, 'c2', 50)).mockResolvedValueOnce(page(10, 10, null, 50));
    const feed = await opened();
    await feed.nextPage();
    await feed.nextPage();
    expect(list.mock.calls.map(([, query]) => query['cursor'])).toEqual([undefined, 'c1', 'c2']);
    expect([feed.pageIndex, feed.hasNext, feed.items.length]).toEqual([2, false, 10]);

    list.mockResolvedValueOnce(page(30, 20, 'c2', 50)).mockResolvedValueOnce(page(50, 20, 'c1', 50));
    await feed.previousPage();
    expect([feed.pageIndex, list.mock.calls.at(-1)?.[1]['cursor']]).toEqual([1, 'c1']);
    await feed.firstPage();
    expect([feed.pageIndex, list.mock.calls.at(-1)?.[1]['cursor']]).toEqual([0, undefined]);
  });

  it('goes back to the first page on a filter change, and to the defaults on reset', async () => {
    list.mockResolvedValue(page(50, 20, 'c1', 50));
    const feed = await opened();
    await feed.nextPage();
    await feed.setFilters({ category: 'Auth', q: 'actor:alice' });
    expect(list.mock.calls.at(-1)?.[1]).toMatchObject({ category: 'Auth', q: 'actor:alice', cursor: undefined });
    expect(feed.pageIndex).toBe(0);
    await feed.resetFilters();
    expect(list.mock.calls.at(-1)?.[1]).toMatchObject({ scope: 'workspace', category: undefined, q: undefined });
    expect({ ...feed.filters }).toEqual({ range: '7d', scope: 'workspace', category: '', group: 'auto', q: '' });
  });

  it('shows the API message of a refused search', async () => {
    list.mockRejectedValueOnce(new ApiError(400, 'The query string is not valid: q Unknown qualifier "colour"'));
    const feed = await opened();
    expect(feed.error).toBe('The query string is not valid: q Unknown qualifier "colour"');
  });

  it('keeps only the answer to the latest request', async () => {
    let answerFirst: (value: ReturnType<typeof page>) => void = () => undefined;
    list.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve))).mockResolvedValueOnce(page(5, 5, null, 5));
    const feed = useFeedStore();
    const first = feed.open({ workspaceId: 'ws-1', userId: 'me', source: { kind: 'activity' } });
    await feed.setFilters({ category: 'Auth' });
    answerFirst(page(50, 20, 'c1', 50));
    await first;
    expect([feed.total, feed.items.length]).toEqual([5, 5]);
  });

  it('reads the audit log for the audit source', async () => {
    jest.mocked(listAuditLog).mockResolvedValueOnce(page(3, 3, null, 3));
    const feed = useFeedStore();
    await feed.open({ workspaceId: 'ws-1', userId: 'me', source: { kind: 'audit' } });
    expect(listAuditLog).toHaveBeenCalledWith('ws-1', { scope: undefined, range: '7d', view: undefined, category: undefined, q: undefined, limit: 20, cursor: undefined });
    expect(list).not.toHaveBeenCalled();
  });
});

describe('live items in the feed store', () => {
  it('slide onto the first page, count in the total, and push out its last row', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50));
    const feed = await opened();
    feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
    expect(feed.items[0].eventId).toBe('event-60');
    expect(feed.items).toHaveLength(20);
    expect(feed.items.at(-1)?.eventId).toBe('event-32');
    expect(feed.total).toBe(51);
    expect(feed.arrived).toEqual(['event-60']);
  });

  it('keep the page they slide into (the table animates them), while a search loads a new page that replaces the rows', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50)).mockResolvedValueOnce(page(40, 2, null, 2));
    const feed = await opened();
    const loaded = feed.pageLoads;
    feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
    expect(feed.pageLoads).toBe(loaded);
    await feed.setFilters({ q: 'actor:agent-9' });
    expect(feed.pageLoads).toBe(loaded + 1);
    expect(feed.items.map((item) => item.eventId)).toEqual(['event-40', 'event-39']);
  });

  it('are counted once, whether the page or the live channel saw them first', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50));
    const feed = await opened();
    feed.receiveLive(activityItem(50), NOW);
    feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
    feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
    expect(feed.total).toBe(51);
  });

  it('are left out when they do not match, and only counted off the first page', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50)).mockResolvedValueOnce(page(30, 20, 'c2', 50));
    const feed = await opened({ scope: 'mine' });
    feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
    expect(feed.total).toBe(50);
    await feed.nextPage();
    feed.receiveLive(activityItem(61, { actor: { kind: 'user', id: 'me', name: 'Me', impersonatorId: null } }, NOW, 0), NOW);
    expect([feed.total, feed.items[0].eventId]).toEqual([51, 'event-30']);
  });

  it('make the next page reload the first, so the row they pushed out is not skipped', async () => {
    list.mockResolvedValueOnce(page(50, 20, 'c1', 50));
    const feed = await opened();
    feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
    list.mockResolvedValueOnce({ items: [activityItem(60, {}, NOW, 0), ...items(50, 19)], nextCursor: 'c1-after-32', total: 51 }).mockResolvedValueOnce(page(31, 20, 'c2', 51));
    await feed.nextPage();
    expect(list.mock.calls.slice(1).map(([, query]) => query['cursor'])).toEqual([undefined, 'c1-after-32']);
    expect(feed.items[0].eventId).toBe('event-31');
  });

  it('ask the server again while a search is on, at most once a second', async () => {
    jest.useFakeTimers({ now: NOW });
    try {
      list.mockResolvedValue(page(50, 20, 'c1', 50));
      const feed = await opened();
      await feed.setFilters({ q: 'ticket' });
      list.mockClear();
      feed.receiveLive(activityItem(60, {}, NOW, 0), NOW);
      feed.receiveLive(activityItem(61, {}, NOW, 0), NOW);
      feed.receiveLive(activityItem(62, {}, NOW, 0), NOW);
      expect(list).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(1000);
      expect(list).toHaveBeenCalledTimes(2);
      expect(list.mock.calls[1][1]).toMatchObject({ q: 'ticket', cursor: undefined });
    } finally {
      jest.useRealTimers();
    }
  });
});
