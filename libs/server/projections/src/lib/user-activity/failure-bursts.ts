import { micros } from './instants';

/** Failed sign-ins within BURST_WINDOW_MINUTES that make a burst. */
export const BURST_FAILURES = 5;
export const BURST_WINDOW_MINUTES = 10;
const WINDOW = BURST_WINDOW_MINUTES * 60_000_000;

/** A failed sign-in of the burst's subject (one account, or one address), from the history. */
export interface BurstFailure {
  position: string;
  userId: string;
  at: string;
}

/** A burst signal of one subject: where it began and ended, in the log and in time. */
export interface Burst {
  firstPosition: string;
  lastPosition: string;
  startedAt: string;
  lastAt: string;
  failures: number;
  accounts: number;
}

/** A burst as read back, before the batch recounts it. */
export type OpenBurst = Omit<Burst, 'failures' | 'accounts'>;

interface Timed {
  at: string;
  us: number;
}

interface TrackedBurst {
  firstPosition: string;
  lastPosition: string;
  from: Timed;
  to: Timed;
  isNew: boolean;
  changed: boolean;
}

/**
 * One signal per burst, not per failure, for one subject: taking the new
 * failures in log order, each joins every burst it falls within the window
 * of (stretching it), or else opens a burst when BURST_FAILURES failures
 * touching `minAccounts` accounts fall within the window up to it. `past` is
 * the subject's history before the batch around those times, `open` its
 * bursts that reach that far. A burst's counts are those of the history over
 * its span once the batch is in, as a recount after each join would leave them.
 */
export function foldFailureBursts(past: BurstFailure[], open: OpenBurst[], failures: BurstFailure[], minAccounts: number): { opened: Burst[]; joined: Burst[] } {
  const history = past.map(timed);
  const bursts: TrackedBurst[] = open.map(({ firstPosition, lastPosition, startedAt, lastAt }) => ({
    firstPosition,
    lastPosition,
    from: timed({ at: startedAt }),
    to: timed({ at: lastAt }),
    isNew: false,
    changed: false,
  }));
  for (const failure of failures.map(timed)) {
    history.push(failure);
    const joined = bursts.filter(({ from, to }) => from.us - WINDOW <= failure.us && failure.us <= to.us + WINDOW);
    for (const burst of joined) {
      if (failure.us < burst.from.us) burst.from = failure;
      if (failure.us > burst.to.us) burst.to = failure;
      if (failure.position > burst.lastPosition) burst.lastPosition = failure.position;
      burst.changed = true;
    }
    if (joined.length > 0) continue;
    const window = history.filter(({ us }) => us > failure.us - WINDOW && us <= failure.us);
    if (window.length < BURST_FAILURES || accounts(window) < minAccounts) continue;
    const first = window.reduce((earliest, item) => (item.us < earliest.us ? item : earliest));
    bursts.push({ firstPosition: failure.position, lastPosition: failure.position, from: first, to: failure, isNew: true, changed: true });
  }
  const changed = bursts.filter((burst) => burst.changed).map(({ from, to, isNew, firstPosition, lastPosition }) => {
    const span = history.filter(({ us }) => us >= from.us && us <= to.us);
    return { isNew, burst: { firstPosition, lastPosition, startedAt: from.at, lastAt: to.at, failures: span.length, accounts: accounts(span) } };
  });
  return { opened: changed.filter(({ isNew }) => isNew).map(({ burst }) => burst), joined: changed.filter(({ isNew }) => !isNew).map(({ burst }) => burst) };
}

function timed<T extends { at: string }>(item: T): T & Timed {
  return { ...item, us: micros(item.at) };
}

const accounts = (failures: BurstFailure[]) => new Set(failures.map(({ userId }) => userId)).size;
