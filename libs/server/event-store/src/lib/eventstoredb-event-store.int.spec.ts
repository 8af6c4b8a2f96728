import { describeEventStoreContract } from './event-store.contract';
import type { EventStore } from './event-store.port';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  let store: EventStore;
  beforeAll(() => {
    store = createEventStoreDbEventStore(connectionString);
  });
  afterAll(() => store?.close());
  describeEventStoreContract('EventStoreDB', () => ({ store }));
} else {
  console.warn('SKIPPED: EventStoreDB contract suite — set EVENTSTORE_CONNECTION_STRING (e.g. esdb://127.0.0.1:2113?tls=false) to run it');
  describe.skip('EventStoreDB event store contract (skipped: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs the shared contract suite against a real EventStoreDB server', () => undefined);
  });
}
