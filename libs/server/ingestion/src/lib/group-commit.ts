import type { AppendResult, StreamAppend } from '@trailmark/event-store';

type Append = (appends: StreamAppend[]) => Promise<AppendResult[]>;

interface Pending {
  appends: StreamAppend[];
  events: number;
  resolve: (results: AppendResult[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: concurrent requests that arrive while a write is in flight are
 * merged into the next single appendToStreams call. Requests touching the same
 * records would otherwise queue one by one on those streams' locks; merged,
 * they share one transaction and one commit. Within a stream, events keep
 * the order in which their requests arrived. Each caller gets results for its
 * own appends; an id that two merged requests both sent is appended for the
 * first and a duplicate for the second, exactly as if they had run in turn.
 */
export function groupCommit(append: Append, maxEventsPerWrite = 5000): Append {
  let queue: Pending[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch = takeUpTo(maxEventsPerWrite);
      const merged = merge(batch);
      try {
        const results = await append(merged);
        settle(batch, merged, results);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    writing = false;
  }

  function takeUpTo(limit: number): Pending[] {
    let events = 0;
    let count = 0;
    while (count < queue.length && (count === 0 || events + queue[count].events <= limit)) {
      events += queue[count].events;
      count += 1;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    return batch;
  }

  return (appends) =>
    new Promise<AppendResult[]>((resolve, reject) => {
      queue.push({ appends, events: appends.reduce((sum, a) => sum + a.events.length, 0), resolve, reject });
      if (!writing) void drain();
    });
}

function merge(batch: Pending[]): StreamAppend[] {
  const byStream = new Map<string, StreamAppend>();
  for (const { appends } of batch) {
    for (const { streamName, events } of appends) {
      const merged = byStream.get(streamName);
      if (merged) merged.events.push(...events);
      else byStream.set(streamName, { streamName, events: [...events], expectedRevision: 'any' });
    }
  }
  return [...byStream.values()];
}

function settle(batch: Pending[], merged: StreamAppend[], results: AppendResult[]): void {
  const byStream = new Map(merged.map((append, i) => [append.streamName, results[i]]));
  const unclaimed = new Set(results.flatMap((result) => result.appended));
  for (const pending of batch) {
    pending.resolve(
      pending.appends.map(({ streamName, events }) => {
        const result = byStream.get(streamName) as AppendResult;
        const appended = events.filter((event) => unclaimed.delete(event.id)).map((event) => event.id);
        const written = new Set(appended);
        return { ...result, appended, duplicates: events.map((event) => event.id).filter((id) => !written.has(id)) };
      }),
    );
  }
}
