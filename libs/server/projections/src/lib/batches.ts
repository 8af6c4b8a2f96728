const TIMED_OUT = Symbol('timed out');

/**
 * Groups an async iterable into arrays of at most `maxSize`: a batch closes when
 * it is full or when the next item is not there within `lingerMs`. The pending
 * pull carries over to the next batch, so nothing is lost or reordered.
 */
export async function* batchesOf<T>(source: AsyncIterable<T>, maxSize: number, lingerMs: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const batch = [first.value];
      let timer: NodeJS.Timeout | undefined;
      const linger = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), lingerMs)));
      try {
        while (batch.length < maxSize) {
          pending = iterator.next();
          const next = await Promise.race([pending, linger]);
          if (next === TIMED_OUT) break;
          pending = undefined;
          if (next.done) {
            yield batch;
            return;
          }
          batch.push(next.value);
        }
      } finally {
        clearTimeout(timer);
      }
      yield batch;
    }
  } finally {
    await iterator.return?.();
  }
}
