import type { Pool } from 'pg';
import { type Decider, DomainError } from '@trailmark/domain';
import { createPostgresEventStore, type EventStore, verifyStream } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import { handleCommand, loadAggregate } from './command-handler';
import { eventMetadata } from './request-context';

type Counted = { type: 'Counted'; data: { by: number; total: number } };
type Count = { type: 'Count'; data: { by: number; max: number } };
const counter: Decider<{ total: number }, Count, Counted> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: event.data.total }),
  decide: (command, state) => {
    if (state.total + command.data.by > command.data.max) throw new DomainError('over_max', 'too many');
    return command.data.by === 0 ? [] : [{ type: 'Counted', data: { by: command.data.by, total: state.total + command.data.by } }];
  },
};

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url);
  store = createPostgresEventStore(pool);
}, 60_000);
afterAll(async () => {
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const context = { workspaceId: 'ws1', actor: { kind: 'user' as const, id: 'u1', name: 'Ada' }, ip: '10.1.2.3', userAgent: 'curl/8.5.0' };
const count = (stream: string, by: number, max = 1000) =>
  handleCommand(store, stream, counter, { type: 'Count', data: { by, max } }, { metadata: () => eventMetadata(context) });

describe('handleCommand', () => {
  it('folds, decides and appends with metadata', async () => {
    await count('counter-ws1.a', 2);
    const handled = await count('counter-ws1.a', 3);
    expect(handled.state).toEqual({ total: 5 });
    const [, second] = await store.readStream('counter-ws1.a');
    expect(second.data).toEqual({ by: 3, total: 5 });
    expect(second.metadata).toMatchObject({ workspaceId: 'ws1', layer: 'workspace', actor: context.actor, ip: '10.1.2.3', result: 'success' });
  });

  it('decides again on the new state when concurrent commands race, losing nothing', async () => {
    await Promise.all(Array.from({ length: 10 }, () => count('counter-ws1.b', 1)));
    expect((await loadAggregate(store, 'counter-ws1.b', counter)).state).toEqual({ total: 10 });
    expect(await verifyStream(store, 'counter-ws1.b')).toMatchObject({ ok: true, checked: 10 });
  });

  it('writes nothing when the decider refuses or decides nothing', async () => {
    await expect(count('counter-ws1.c', 5, 3)).rejects.toMatchObject({ code: 'over_max' });
    await count('counter-ws1.c', 0);
    expect(await store.readStream('counter-ws1.c')).toEqual([]);
  });
});
