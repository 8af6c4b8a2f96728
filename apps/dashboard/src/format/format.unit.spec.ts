import { actorName, deviceText, levelOf, safeHref, subjectOf, valueText } from './describe';
import { signalSummary, signalTitle } from './signals';
import { bucketLabel, relativeTime } from './time';
import { timelineChanges } from './timeline';

describe('how events are put into words', () => {
  it('names devices, actors and values', () => {
    expect(deviceText({ type: 'desktop', os: 'Windows', browser: 'Chrome' })).toBe('Chrome on Windows (desktop)');
    expect(deviceText({ type: 'mobile', os: null, browser: null })).toBe('Unknown mobile');
    expect(deviceText(null)).toBe('Unknown device');
    expect(actorName({ kind: 'system', id: null, name: null, impersonatorId: null })).toBe('System');
    expect([valueText(null), valueText('open'), valueText(3), valueText({ id: 'a-8', name: 'Lin' }), valueText(['a', 'b'])]).toEqual(['—', 'open', '3', 'Lin', '["a","b"]']);
  });

  it('links a record to its Activity tab, shows a page view by its URL, and never follows a script URL', () => {
    expect(subjectOf({ record: { type: 'ticket', id: 'T-1', label: 'Printer offline', deleted: false }, url: null })).toEqual({
      kind: 'record',
      type: 'ticket',
      id: 'T-1',
      label: 'Printer offline',
      deleted: false,
    });
    expect(subjectOf({ record: { type: 'ticket', id: 'T-2', label: null, deleted: true }, url: null })).toEqual({ kind: 'record', type: 'ticket', id: 'T-2', label: 'ticket T-2', deleted: true });
    expect(subjectOf({ record: null, url: 'https://app.example.com/tickets/1' })).toEqual({ kind: 'url', href: 'https://app.example.com/tickets/1', text: 'https://app.example.com/tickets/1' });
    expect(subjectOf({ record: null, url: 'javascript:alert(1)' })).toEqual({ kind: 'text', text: 'javascript:alert(1)' });
    expect(subjectOf({ record: null, url: null })).toEqual({ kind: 'none' });
    expect(safeHref('not a url')).toBeNull();
  });

  it('gives each result a level', () => {
    expect([levelOf('success'), levelOf('warning'), levelOf('failure'), levelOf(null)]).toEqual(['info', 'warning', 'error', 'info']);
  });

  it('labels chart buckets and ages', () => {
    expect([bucketLabel('2026-03-09T07:00:00Z', 'hour'), bucketLabel('2026-03-09T00:00:00Z', 'day'), bucketLabel('2026-03-09T00:00:00Z', 'week')]).toEqual(['07:00', '9 Mar', 'week of 9 Mar']);
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(['2026-03-10T11:59:50Z', '2026-03-10T11:30:00Z', '2026-03-10T09:00:00Z', '2026-03-09T12:00:00Z', '2026-03-05T12:00:00Z', null].map((iso) => relativeTime(iso, now))).toEqual([
      'just now',
      '30 min ago',
      '3 h ago',
      'yesterday',
      '5 days ago',
      'never',
    ]);
  });

  it('shows a status change or an assignment as previous → new when it lists no changes', () => {
    expect(timelineChanges({ entry: 'status', changes: [], from: 'open', to: 'pending' })).toEqual([{ field: 'status', previous: 'open', new: 'pending' }]);
    expect(timelineChanges({ entry: 'assigned', changes: [], from: null, to: { id: 'a-8', name: 'Lin' } })).toEqual([{ field: 'assignee', previous: null, new: { id: 'a-8', name: 'Lin' } }]);
    expect(timelineChanges({ entry: 'updated', changes: [{ field: 'priority', previous: 'low', new: 'high' }], from: null, to: null })).toEqual([{ field: 'priority', previous: 'low', new: 'high' }]);
    expect(timelineChanges({ entry: 'comment', changes: [], from: null, to: null })).toEqual([]);
  });

  it('describes security signals', () => {
    const burst = { kind: 'ip_failure_burst', position: '1', userId: null, userName: null, ip: '185.220.101.47', device: null, failures: 5, accounts: 2, startedAt: '', lastAt: '' };
    expect([signalTitle(burst.kind), signalSummary(burst)]).toEqual(['Burst of failed sign-ins from one address', '5 failed sign-ins across 2 accounts from 185.220.101.47']);
    const device = { ...burst, kind: 'new_device', failures: 0, accounts: 0, ip: '10.0.0.1', device: { type: 'desktop', os: 'Linux', browser: 'Firefox' } };
    expect([signalTitle(device.kind), signalSummary(device)]).toEqual(['Sign-in from a device not seen before', 'Firefox on Linux (desktop) from 10.0.0.1']);
  });
});
