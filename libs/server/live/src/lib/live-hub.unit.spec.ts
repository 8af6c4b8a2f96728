import type { ActivityItem } from '@trailmark/contracts';
import type { LiveBatch } from './live-batch';
import type { ResolvedChannel } from './live-channel';
import { LiveHub } from './live-hub';
import type { LiveSocket } from './live-socket';
import type { LiveSubscription } from './live-subscriptions';

/** A socket whose engine.io queue holds `queued` bytes; records what is emitted to it and whether it was cut off. */
function fakeSocket(id: string, queued = 0) {
  const emitted: unknown[] = [];
  const conn = { writeBuffer: queued ? [{ data: 'x'.repeat(queued) }] : [], closed: false, close: () => (conn.closed = true) };
  const socket = { id, conn, emit: (_event: string, message: unknown) => emitted.push(message) } as unknown as LiveSocket;
  return { socket, emitted, conn };
}

function fakeSubscription(socket: LiveSocket, workspaceId: string, key = `workspace:${workspaceId}`, accepts: (item: ActivityItem) => boolean = () => true) {
  const missed: string[] = [];
  const subscription: LiveSubscription = {
    socket,
    channel: { key, kind: 'feed', action: 'activity.read_workspace', filter: { workspaceId } } satisfies ResolvedChannel,
    offer: (_workspaceId, offered) => accepts(offered),
    missedUpTo: (position) => missed.push(position),
    catchUp: async () => undefined,
    position: null,
    close: () => undefined,
  };
  return { subscription, missed };
}

const item = (position: string) => ({ position, eventId: `e-${position}` }) as ActivityItem;
const batch = (prev: string | null, last: string, items: LiveBatch['items'] = []): LiveBatch => ({ prev, last, items, statsAt: null });

describe('LiveHub', () => {
  it('delivers each item to the subscriptions of its workspace only', () => {
    const hub = new LiveHub(1000);
    const [a, b] = [fakeSocket('a'), fakeSocket('b')];
    hub.add(fakeSubscription(a.socket, 'ws-1').subscription);
    hub.add(fakeSubscription(b.socket, 'ws-2').subscription);
    hub.receive(batch(null, '1'));
    hub.receive(batch('1', '3', [{ workspaceId: 'ws-1', item: item('2') }, { workspaceId: 'ws-2', item: item('3') }]));
    expect(a.emitted).toEqual([{ channelKey: 'workspace:ws-1', items: [item('2')] }]);
    expect(b.emitted).toEqual([{ channelKey: 'workspace:ws-2', items: [item('3')] }]);
  });

  it('sends each subscription one message with everything it accepted from a batch, in order', () => {
    const hub = new LiveHub(1000);
    const [all, some] = [fakeSocket('all'), fakeSocket('some')];
    hub.add(fakeSubscription(all.socket, 'ws-1').subscription);
    hub.add(fakeSubscription(some.socket, 'ws-1', 'record:ws-1:ticket:T-1', (offered) => offered.position !== '3').subscription);
    hub.receive(batch(null, '1'));
    hub.receive(batch('1', '4', ['2', '3', '4'].map((position) => ({ workspaceId: 'ws-1', item: item(position) }))));
    expect(all.emitted).toEqual([{ channelKey: 'workspace:ws-1', items: [item('2'), item('3'), item('4')] }]);
    expect(some.emitted).toEqual([{ channelKey: 'record:ws-1:ticket:T-1', items: [item('2'), item('4')] }]);
  });

  it('encodes one message for the sockets of a channel that accepted the same items, and a separate one for a socket that did not', () => {
    const hub = new LiveHub(1000);
    const broadcasts: Array<{ to: string[]; message: unknown }> = [];
    hub.attach({ local: { to: (to: string[]) => ({ emit: (_event: string, message: unknown) => broadcasts.push({ to, message }) }) } } as never);
    const [a, b, late] = [fakeSocket('a'), fakeSocket('b'), fakeSocket('late')];
    hub.add(fakeSubscription(a.socket, 'ws-1').subscription);
    hub.add(fakeSubscription(b.socket, 'ws-1').subscription);
    hub.add(fakeSubscription(late.socket, 'ws-1', 'workspace:ws-1', (offered) => offered.position > '2').subscription);
    hub.receive(batch(null, '1'));
    hub.receive(batch('1', '3', ['2', '3'].map((position) => ({ workspaceId: 'ws-1', item: item(position) }))));
    expect(broadcasts).toEqual([{ to: ['a', 'b'], message: { channelKey: 'workspace:ws-1', items: [item('2'), item('3')] } }]);
    expect([a.emitted, b.emitted]).toEqual([[], []]);
    expect(late.emitted).toEqual([{ channelKey: 'workspace:ws-1', items: [item('3')] }]);
  });

  it('catches every subscription up when a batch does not follow the one before, or a new chain starts', () => {
    const hub = new LiveHub(1000);
    const first = fakeSubscription(fakeSocket('a').socket, 'ws-1');
    const second = fakeSubscription(fakeSocket('b').socket, 'ws-2');
    hub.add(first.subscription);
    hub.add(second.subscription);
    hub.receive(batch(null, '1'));
    hub.receive(batch('1', '2'));
    hub.receive(batch('3', '4'));
    hub.receive(batch(null, '4'));
    expect(first.missed).toEqual(['1', '4', '4']);
    expect(second.missed).toEqual(['1', '4', '4']);
  });

  it('cuts off a socket still holding more than its allowance when the next batch comes, and sends it nothing', () => {
    const hub = new LiveHub(1000);
    const slow = fakeSocket('slow', 1001);
    const fine = fakeSocket('fine', 900);
    hub.add(fakeSubscription(slow.socket, 'ws-1').subscription);
    hub.add(fakeSubscription(fine.socket, 'ws-1').subscription);
    hub.receive(batch(null, '1'));
    hub.receive(batch('1', '2', [{ workspaceId: 'ws-1', item: item('2') }]));
    expect([slow.conn.closed, slow.emitted]).toEqual([true, []]);
    expect([fine.conn.closed, fine.emitted]).toEqual([false, [{ channelKey: 'workspace:ws-1', items: [item('2')] }]]);
  });

  it('forgets what a socket followed once it is gone', () => {
    const hub = new LiveHub(1000);
    const a = fakeSocket('a');
    hub.add(fakeSubscription(a.socket, 'ws-1').subscription);
    hub.add(fakeSubscription(a.socket, 'ws-1', 'mine:ws-1').subscription);
    expect(hub.subscriptionsOf(a.socket).map((subscription) => subscription.channel.key)).toEqual(['workspace:ws-1', 'mine:ws-1']);
    expect(hub.remove(a.socket, 'mine:ws-1')).toBe(true);
    expect(hub.remove(a.socket, 'mine:ws-1')).toBe(false);
    hub.removeSocket(a.socket);
    hub.receive(batch(null, '1', [{ workspaceId: 'ws-1', item: item('1') }]));
    expect(a.emitted).toEqual([]);
  });
});
