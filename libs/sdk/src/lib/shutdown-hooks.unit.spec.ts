import { EventEmitter } from 'node:events';
import { installShutdownHooks } from './shutdown-hooks';

function fakeProcess() {
  const emitter = new EventEmitter();
  const kills: string[] = [];
  const processRef = Object.assign(emitter, { pid: 42, kill: (_pid: number, signal: string) => kills.push(signal) === 0 });
  return { processRef: processRef as unknown as NodeJS.Process, emitter, kills };
}

function fakeClient() {
  const calls: Array<{ timeoutMs?: number } | undefined> = [];
  return { calls, shutdown: async (options?: { timeoutMs?: number }) => void calls.push(options) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('installShutdownHooks', () => {
  it('shuts the client down when the event loop runs dry', () => {
    const { processRef, emitter } = fakeProcess();
    const client = fakeClient();
    installShutdownHooks(client, { processRef });
    emitter.emit('beforeExit', 0);
    expect(client.calls).toEqual([undefined]);
  });

  it('on a signal, shuts down with the timeout, then raises the signal again when no one else listens', async () => {
    const { processRef, emitter, kills } = fakeProcess();
    const client = fakeClient();
    installShutdownHooks(client, { processRef, timeoutMs: 3000 });
    emitter.emit('SIGTERM', 'SIGTERM');
    await settle();
    expect(client.calls).toEqual([{ timeoutMs: 3000 }]);
    expect(kills).toEqual(['SIGTERM']);
    expect(emitter.listenerCount('SIGTERM') + emitter.listenerCount('SIGINT') + emitter.listenerCount('beforeExit')).toBe(0);
  });

  it('leaves the exit to the host when it has its own signal handler', async () => {
    const { processRef, emitter, kills } = fakeProcess();
    emitter.on('SIGINT', () => undefined);
    installShutdownHooks(fakeClient(), { processRef });
    emitter.emit('SIGINT', 'SIGINT');
    await settle();
    expect(kills).toEqual([]);
  });

  it('stops waiting on a second signal', () => {
    const { processRef, emitter, kills } = fakeProcess();
    installShutdownHooks({ shutdown: () => new Promise<void>(() => undefined) }, { processRef });
    emitter.emit('SIGINT', 'SIGINT');
    emitter.emit('SIGINT', 'SIGINT');
    expect(kills).toEqual(['SIGINT']);
  });

  it('can be removed', () => {
    const { processRef, emitter } = fakeProcess();
    const client = fakeClient();
    installShutdownHooks(client, { processRef })();
    emitter.emit('beforeExit', 0);
    expect(client.calls).toEqual([]);
  });
});
