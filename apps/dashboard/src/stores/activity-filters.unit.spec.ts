import { activityItem } from './activity-item.fixture';
import { DEFAULT_FILTERS, facetsQuery, feedQuery, insertIntoPage, liveMatch, statsQuery } from './activity-filters';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const filters = (changes = {}) => ({ ...DEFAULT_FILTERS, ...changes });

describe('the queries the filters make', () => {
  it('sends scope, range, category and search to the feed, leaving out what is unset', () => {
    expect(feedQuery(filters({ scope: 'mine', range: '30d', category: 'Auth', q: '  actor:alice -result:success ' }))).toEqual({
      scope: 'mine',
      range: '30d',
      view: undefined,
      category: 'Auth',
      q: 'actor:alice -result:success',
    });
    expect(feedQuery(filters())).toEqual({ scope: 'workspace', range: '7d', view: undefined, category: undefined, q: undefined });
  });

  it('lets the recent and archive views bound the time, and the audit log go without a scope', () => {
    expect(feedQuery(filters(), { kind: 'activity', view: 'archive' })).toEqual({ scope: 'workspace', range: undefined, view: 'archive', category: undefined, q: undefined });
    expect(feedQuery(filters({ category: 'Permissions' }), { kind: 'audit' })).toEqual({ scope: undefined, range: '7d', view: undefined, category: 'Permissions', q: undefined });
  });

  it('asks facets for every category, and stats for the grouping unless automatic', () => {
    expect(facetsQuery(filters({ category: 'Auth', q: 'ip:10.0.0.1' }))).toEqual({ scope: 'workspace', range: '7d', view: undefined, category: undefined, q: 'ip:10.0.0.1' });
    expect(statsQuery(filters({ range: '24h' }))).toEqual({ scope: 'workspace', range: '24h', group: undefined });
    expect(statsQuery(filters({ group: 'week', scope: 'mine' }))).toEqual({ scope: 'mine', range: '7d', group: 'week' });
  });
});

describe('whether a live item belongs in the table', () => {
  const source = { kind: 'activity' } as const;

  it('takes a matching item, and leaves the search to the server', () => {
    expect(liveMatch(activityItem(1), filters(), source, 'me', NOW)).toBe('yes');
    expect(liveMatch(activityItem(1), filters({ q: 'assigned' }), source, 'me', NOW)).toBe('maybe');
  });

  it('refuses another category, someone else in "my activity", an item older than the range, and the archive and audit tables', () => {
    expect(liveMatch(activityItem(1), filters({ category: 'Auth' }), source, 'me', NOW)).toBe('no');
    expect(liveMatch(activityItem(1), filters({ scope: 'mine' }), source, 'me', NOW)).toBe('no');
    expect(liveMatch(activityItem(1, { actor: { kind: 'user', id: 'me', name: 'Me', impersonatorId: null } }), filters({ scope: 'mine' }), source, 'me', NOW)).toBe('yes');
    expect(liveMatch(activityItem(1, {}, NOW, 25 * 60), filters({ range: '24h' }), source, 'me', NOW)).toBe('no');
    expect(liveMatch(activityItem(1, {}, NOW, 5 * 24 * 60), filters({ range: 'all' }), { kind: 'activity', view: 'recent' }, 'me', NOW)).toBe('no');
    expect(liveMatch(activityItem(1), filters(), { kind: 'activity', view: 'archive' }, 'me', NOW)).toBe('no');
    expect(liveMatch(activityItem(1), filters(), { kind: 'audit' }, 'me', NOW)).toBe('no');
  });
});

describe('sliding a live item into the page', () => {
  const page = [activityItem(30), activityItem(20), activityItem(10)];

  it('puts it in newest-first order, by time and then by position', () => {
    expect(insertIntoPage(page, activityItem(40), 20)?.map((item) => item.eventId)).toEqual(['event-40', 'event-30', 'event-20', 'event-10']);
    const sameTime = activityItem(25, { occurredAt: page[1].occurredAt });
    expect(insertIntoPage(page, sameTime, 20)?.map((item) => item.eventId)).toEqual(['event-30', 'event-25', 'event-20', 'event-10']);
  });

  it('drops the last row of a full page, and refuses an item already shown or older than a full page', () => {
    expect(insertIntoPage(page, activityItem(40), 3)?.map((item) => item.eventId)).toEqual(['event-40', 'event-30', 'event-20']);
    expect(insertIntoPage(page, activityItem(30), 20)).toBeNull();
    expect(insertIntoPage(page, activityItem(5), 3)).toBeNull();
  });
});
