import { batchesOf } from './batches';

async function* source(items: number[], pauseAfter: number[] = []) {
  for (const item of items) {
    yield item;
    if (pauseAfter.includes(item)) await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('batchesOf', () => {
  it('fills batches up to the maximum size', async () => {
    expect(await collect(batchesOf(source([1, 2, 3, 4, 5]), 2, 10))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('closes a batch when the next item lingers, without losing or reordering the pending one', async () => {
    expect(await collect(batchesOf(source([1, 2, 3, 4], [2]), 10, 5))).toEqual([[1, 2], [3, 4]]);
  });
});
