import { EventEmitter } from 'node:events';
import { shutdownOnSignals } from './shutdown-on-signals';

class FakeProcess extends EventEmitter {
  readonly exit = jest.fn();
}

const silent = { info: () => undefined, error: () => undefined };

function install(close: () => Promise<boolean>, timeoutMs = 1_000) {
  const fake = new FakeProcess();
  const earlier = jest.fn();
  fake.on('SIGTERM', earlier);
  shutdownOnSignals({
    close,
    logger: silent,
    timeoutMs,
    processRef: fake as unknown as Pick<NodeJS.Process, 'on' | 'removeAllListeners' | 'exit'>,
  });
  return { fake, earlier };
}

afterEach(() => jest.useRealTimers());

describe('shutdownOnSignals', () => {
  it('closes once and exits 0 even when both signals arrive', async () => {
    const close = jest.fn().mockResolvedValue(true);
    const { fake } = install(close);

    fake.emit('SIGTERM', 'SIGTERM');
    fake.emit('SIGINT', 'SIGINT');
    await new Promise(setImmediate);

    expect(close).toHaveBeenCalledTimes(1);
    expect(fake.exit).toHaveBeenCalledTimes(1);
    expect(fake.exit).toHaveBeenCalledWith(0);
  });

  it('removes listeners installed before it, so nothing races the ordered close', () => {
    const { fake, earlier } = install(jest.fn().mockResolvedValue(true));
    fake.emit('SIGTERM', 'SIGTERM');
    expect(earlier).not.toHaveBeenCalled();
  });

  it('exits 1 when something did not close cleanly', async () => {
    const { fake } = install(jest.fn().mockResolvedValue(false));
    fake.emit('SIGINT', 'SIGINT');
    await new Promise(setImmediate);
    expect(fake.exit).toHaveBeenCalledWith(1);
  });

  it('forces exit 1 when closing outlasts the timeout', () => {
    jest.useFakeTimers();
    const { fake } = install(() => new Promise<boolean>(() => undefined), 5_000);
    fake.emit('SIGTERM', 'SIGTERM');
    jest.advanceTimersByTime(4_999);
    expect(fake.exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fake.exit).toHaveBeenCalledWith(1);
  });
});
