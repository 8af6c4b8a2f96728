import type { EventStore, RecordedEvent } from './event-store.port';
import { type ChainVerdict, verifyChain } from './hash-chain';

const PAGE = 1000;

/** Reads a whole stream from the store and verifies its hash chain. */
export async function verifyStream(store: EventStore, streamName: string): Promise<ChainVerdict> {
  const events: RecordedEvent[] = [];
  let page = await store.readStream(streamName, { fromRevision: 0, maxCount: PAGE });
  while (page.length > 0) {
    events.push(...page);
    page = await store.readStream(streamName, { fromRevision: page[page.length - 1].revision + 1, maxCount: PAGE });
  }
  return verifyChain(streamName, events);
}
