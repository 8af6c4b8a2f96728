import { createTrailmarkClient } from '@trailmark/sdk';
import { callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(() => api?.close());

describe('the Node SDK against the real API', () => {
  it('delivers typed actions in batches, stored once each in the record streams, and flushes on shutdown', async () => {
    const { token } = (await callApi(api.url, '/api/auth/login', { body: TEST_OWNER })).body as { token: string };
    const { key } = (await callApi(api.url, `/api/workspaces/${api.workspaceId}/api-keys`, { token, body: { name: 'sdk' } })).body as { key: string };
    const errors: unknown[] = [];
    const client = createTrailmarkClient({ baseUrl: api.url, apiKey: key, batchSize: 50, onError: (error) => errors.push(error) });

    const actor = { id: 'agent-1', name: 'Ada' };
    for (let i = 0; i < 120; i += 1) {
      const ticket = { id: `T-${i % 10}`, name: `Ticket ${i % 10}` };
      if (i < 10) client.tickets.created({ actor, ticket });
      else client.tickets.statusChanged({ actor, ticket, from: 'open', to: i % 2 ? 'pending' : 'solved' });
    }
    await client.shutdown();

    expect(errors).toEqual([]);
    const counts = await api.pool.query<{ event_type: string; n: number }>(
      `SELECT event_type, count(*)::int AS n FROM es_events WHERE stream_name LIKE $1 GROUP BY event_type ORDER BY event_type`,
      [`ticket-${api.workspaceId}.%`],
    );
    expect(counts.rows).toEqual([
      { event_type: 'TicketCreated', n: 10 },
      { event_type: 'TicketStatusChanged', n: 110 },
    ]);
    const streams = await api.pool.query('SELECT count(DISTINCT stream_name)::int AS n FROM es_events WHERE stream_name LIKE $1', [`ticket-${api.workspaceId}.%`]);
    expect(streams.rows[0].n).toBe(10);
  }, 30_000);
});
