import { EventEmitter } from 'node:events';
import type { LiveSubscribeAck, LiveSubscribeRequest } from '@trailmark/contracts';
import { createPinia, setActivePinia } from 'pinia';
import type { LiveSocket } from '../live/live-client';
import { activityItem } from './activity-item.fixture';
import { useLiveStore } from './live.store';

/** Stands in for the Socket.IO client: records what is emitted, lets the test play the server. */
class FakeSocket extends EventEmitter {
  connected = false;
  active = true;
  readonly subscriptions: LiveSubscribeRequest[] = [];
  readonly unsubscribed: string[] = [];
  answer: (request: LiveSubscribeRequest) => LiveSubscribeAck = (request) => ({ ok: true, channelKey: `${request.channel.kind}:${request.channel.workspaceId}` });

  override emit(event: string, ...args: unknown[]): boolean {
    if (event === 'subscribe') {
      const [request, ack] = args as [LiveSubscribeRequest, (answer: LiveSubscribeAck) => void];
      this.subscriptions.push(request);
      ack(this.answer(request));
      return true;
    }
    if (event === 'unsubscribe') {
      this.unsubscribed.push((args[0] as { channelKey: string }).channelKey);
      return true;
    }
    return super.emit(event, ...args);
  }

  server(event: string, message: unknown): void {
    super.emit(event, message);
  }

  up(): void {
    this.connected = true;
    super.emit('connect');
  }

  down(): void {
    this.connected = false;
    super.emit('disconnect', 'transport close');
  }

  disconnect(): void {
    this.down();
  }
}

function connected() {
  const socket = new FakeSocket();
  const live = useLiveStore();
  live.connect(() => socket as unknown as LiveSocket);
  return { socket, live };
}

beforeEach(() => setActivePinia(createPinia()));

describe('the live store', () => {
  it('is off until asked to connect, then connecting, then live', () => {
    const live = useLiveStore();
    expect(live.status).toBe('off');
    const socket = new FakeSocket();
    live.connect(() => socket as unknown as LiveSocket);
    expect(live.status).toBe('connecting');
    socket.up();
    expect(live.status).toBe('live');
  });

  it('subscribes on connect and routes items and ticks to whoever follows the channel', () => {
    const { socket, live } = connected();
    const items: string[] = [];
    let ticks = 0;
    live.follow({ kind: 'workspace', workspaceId: 'ws-1' }, { item: (item) => items.push(item.eventId) });
    live.follow({ kind: 'stats', workspaceId: 'ws-1' }, { tick: () => (ticks += 1) });
    socket.up();
    expect(socket.subscriptions).toEqual([
      { channel: { kind: 'workspace', workspaceId: 'ws-1' }, after: undefined },
      { channel: { kind: 'stats', workspaceId: 'ws-1' }, after: undefined },
    ]);
    socket.server('feed:items', { channelKey: 'workspace:ws-1', items: [activityItem(7)] });
    socket.server('feed:items', { channelKey: 'someone-else', items: [activityItem(8)] });
    socket.server('stats:tick', { channelKey: 'stats:ws-1', workspaceId: 'ws-1', position: '000000000009' });
    expect(items).toEqual(['event-7']);
    expect(ticks).toBe(1);
  });

  it('shows the reconnection, and resubscribes from the last position seen so nothing is missed', () => {
    const { socket, live } = connected();
    live.follow({ kind: 'workspace', workspaceId: 'ws-1' }, { item: () => undefined });
    socket.up();
    socket.server('feed:items', { channelKey: 'workspace:ws-1', items: [activityItem(41)] });
    socket.server('live:caught-up', { channelKey: 'workspace:ws-1', position: '000000000041' });
    socket.down();
    expect(live.status).toBe('reconnecting');
    socket.up();
    expect(live.status).toBe('live');
    expect(socket.subscriptions.at(-1)).toEqual({ channel: { kind: 'workspace', workspaceId: 'ws-1' }, after: '000000000041' });
  });

  it('resumes after the newest position the page loaded itself when that is later than any live message', () => {
    const { socket, live } = connected();
    const page: { newest?: string } = {};
    live.follow({ kind: 'workspace', workspaceId: 'ws-1' }, { item: () => undefined, position: () => page.newest });
    socket.up();
    expect(socket.subscriptions[0].after).toBeUndefined();
    page.newest = '000000000050';
    socket.server('feed:items', { channelKey: 'workspace:ws-1', items: [activityItem(41)] });
    socket.down();
    socket.up();
    expect(socket.subscriptions.at(-1)?.after).toBe('000000000050');
  });

  it('subscribes at once when already connected, and unsubscribes when the page lets go', () => {
    const { socket, live } = connected();
    socket.up();
    const stop = live.follow({ kind: 'mine', workspaceId: 'ws-1' }, { item: () => undefined });
    expect(socket.subscriptions).toHaveLength(1);
    stop();
    expect(socket.unsubscribed).toEqual(['mine:ws-1']);
  });

  it("reports a refused subscription and a refused handshake with the server's reason", () => {
    const { socket, live } = connected();
    socket.answer = () => ({ ok: false, status: 403, message: 'Your role does not allow activity.read_workspace' });
    const stop = live.follow({ kind: 'workspace', workspaceId: 'ws-1' }, { item: () => undefined });
    socket.up();
    expect([live.status, live.refusal]).toEqual(['refused', 'Your role does not allow activity.read_workspace']);
    stop();
    expect(live.status).toBe('live');

    socket.active = false;
    socket.server('connect_error', new Error('Not signed in'));
    expect(live.refusal).toBe('The live channel refused the connection: Not signed in');
  });

  it('forgets everything on disconnect, as at sign-out', () => {
    const { socket, live } = connected();
    live.follow({ kind: 'workspace', workspaceId: 'ws-1' }, { item: () => undefined });
    socket.up();
    live.disconnect();
    expect(live.status).toBe('off');
  });
});
