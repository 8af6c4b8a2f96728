import type { ActivityItem } from '@trailmark/contracts';
import { filterConditions, matchesFilter, resolveChannel } from './live-channel';
import { parseSubscribe, parseUnsubscribe } from './live-subscribe.schema';

const position = '00000000000000000012:00000000000000000003';

describe('parseSubscribe', () => {
  it('accepts each channel kind and a position', () => {
    expect(parseSubscribe({ channel: { kind: 'record', workspaceId: ' ws-1 ', recordType: 'ticket', recordId: 'T-1' }, after: position })).toEqual({
      ok: true,
      request: { channel: { kind: 'record', workspaceId: 'ws-1', recordType: 'ticket', recordId: 'T-1' }, after: position },
    });
    expect(parseSubscribe({ channel: { kind: 'stats', workspaceId: 'ws-1', scope: 'mine' } })).toMatchObject({ ok: true });
  });

  it('answers 400 naming every field that is wrong', () => {
    const parsed = parseSubscribe({ channel: { kind: 'record', workspaceId: '', recordType: 'ticket' }, after: '12', extra: true });
    expect(parsed).toEqual({
      ok: false,
      ack: {
        ok: false,
        status: 400,
        message: expect.stringMatching(/^The subscribe request is not valid: /),
        issues: expect.arrayContaining([
          { path: 'channel.workspaceId', message: 'Must not be empty' },
          { path: 'channel.recordId', message: expect.any(String) },
          { path: 'after', message: 'Expected the position of a feed item, e.g. 00000000000000001234:00000000000000000001' },
          { path: '', message: expect.stringContaining('extra') },
        ]),
      },
    });
    expect(parseSubscribe(undefined)).toMatchObject({ ok: false, ack: { status: 400 } });
    expect(parseUnsubscribe({ channelKey: '' })).toMatchObject({ ok: false, ack: { issues: [{ path: 'channelKey', message: 'Must not be empty' }] } });
  });
});

describe('resolveChannel', () => {
  it('names each channel and the permission it needs, as the HTTP routes do', () => {
    const resolved = (channel: Parameters<typeof resolveChannel>[0]) => {
      const { key, kind, action, filter } = resolveChannel(channel, 'u-1');
      return [key, kind, action, filter];
    };
    expect(resolved({ kind: 'workspace', workspaceId: 'ws' })).toEqual(['workspace:ws', 'feed', 'activity.read_workspace', { workspaceId: 'ws' }]);
    expect(resolved({ kind: 'mine', workspaceId: 'ws' })).toEqual(['mine:ws', 'feed', 'activity.read_own', { workspaceId: 'ws', actorId: 'u-1' }]);
    expect(resolved({ kind: 'record', workspaceId: 'ws', recordType: 'ticket', recordId: 'a:b' })).toEqual([
      'record:ws:ticket:a%3Ab',
      'feed',
      'activity.read_workspace',
      { workspaceId: 'ws', recordType: 'ticket', recordId: 'a:b' },
    ]);
    expect(resolved({ kind: 'stats', workspaceId: 'ws' })).toEqual(['stats:ws', 'stats', 'activity.read_workspace', { workspaceId: 'ws' }]);
    expect(resolved({ kind: 'stats', workspaceId: 'ws', scope: 'mine' })).toEqual(['stats:mine:ws', 'stats', 'activity.read_own', { workspaceId: 'ws', actorId: 'u-1' }]);
  });

  it('matches live items as its SQL twin selects rows', () => {
    const item = (actorId: string, record: { type: string; id: string } | null) => ({ actor: { id: actorId }, record }) as ActivityItem;
    const ticket = { workspaceId: 'ws', recordType: 'ticket', recordId: 'T-1' };
    expect(matchesFilter(ticket, 'ws', item('a', { type: 'ticket', id: 'T-1' }))).toBe(true);
    expect(matchesFilter(ticket, 'ws', item('a', { type: 'ticket', id: 'T-2' }))).toBe(false);
    expect(matchesFilter(ticket, 'other', item('a', { type: 'ticket', id: 'T-1' }))).toBe(false);
    expect(matchesFilter({ workspaceId: 'ws', actorId: 'u-1' }, 'ws', item('u-2', null))).toBe(false);
    expect(filterConditions(ticket, position)).toEqual({
      where: 'workspace_id = $1 AND position > $2 AND record_type = $3 AND record_id = $4',
      params: ['ws', position, 'ticket', 'T-1'],
    });
  });
});
