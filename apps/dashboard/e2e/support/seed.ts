import { ALL_PROJECTIONS, callApi, TEST_OWNER, type TestApi, waitForCheckpoint } from './api';

export const AGENT = { email: 'agent@example.com', password: 'member-password-1' };
/** Would run if the dashboard ever put event data into HTML. */
export const XSS_NAME = '<img src=x onerror="window.__xss=1">';
export const XSS_NOTE = '<script>window.__xss=2</script><img src=x onerror="window.__xss=3">';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const grace = { id: 'agent-7', name: 'Grace Hopper' };
const lin = { id: 'agent-8', name: 'Lin Wu' };

/**
 * 25 host events: 12 tickets created by Grace, 3 assignments of T-1 to Lin,
 * 6 page views of T-1 by Lin, 2 late invoices by Kim (warnings), a deletion
 * 10 days ago (for the archive), and an update carrying an XSS payload in its
 * record name and details.
 */
export function hostEvents() {
  const context = { ip: '203.0.113.10', userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' };
  return [
    ...Array.from({ length: 12 }, (_, i) => ({
      id: `created-${i + 1}`,
      action: 'ticket.created',
      occurredAt: minutesAgo(60 - i),
      actor: grace,
      context,
      target: { type: 'ticket', id: `T-${i + 1}`, name: `Ticket ${i + 1}` },
    })),
    ...Array.from({ length: 3 }, (_, i) => ({
      id: `assigned-${i}`,
      action: 'ticket.assigned',
      occurredAt: minutesAgo(40 - i),
      actor: grace,
      context,
      target: { type: 'ticket', id: 'T-1' },
      changes: [{ field: 'assignee', from: null, to: lin }],
    })),
    ...Array.from({ length: 6 }, (_, i) => ({
      id: `view-${i}`,
      action: 'page.viewed',
      occurredAt: minutesAgo(30 - i),
      actor: lin,
      target: { type: 'page', id: '/tickets/T-1', url: 'https://host.example/tickets/T-1', name: 'Ticket T-1' },
      details: { recordType: 'ticket', recordId: 'T-1' },
    })),
    ...Array.from({ length: 2 }, (_, i) => ({
      id: `paid-${i}`,
      action: 'invoice.paid_late',
      occurredAt: minutesAgo(20 - i),
      actor: { id: 'agent-9', name: 'Kim Lee' },
      target: { type: 'invoice', id: `I-${i}`, name: `Invoice ${i}` },
      result: 'warning',
    })),
    { id: 'old', action: 'ticket.deleted', occurredAt: minutesAgo(10 * 24 * 60), actor: grace, target: { type: 'ticket', id: 'T-99', name: 'Ticket 99' } },
    {
      id: 'xss',
      action: 'ticket.updated',
      occurredAt: minutesAgo(10),
      actor: { id: 'mallory', name: 'Mallory' },
      target: { type: 'ticket', id: 'T-5', name: XSS_NAME },
      changes: [{ field: 'subject', from: 'Ticket 5', to: XSS_NAME }],
      details: { note: XSS_NOTE },
    },
  ];
}

export interface Seeded {
  ownerToken: string;
  apiKey: string;
  ingest(events: unknown[]): Promise<void>;
}

/** Waits until every projection holds every event the store holds now that it listens to. */
export async function projected(api: TestApi): Promise<void> {
  for (const projection of ALL_PROJECTIONS) {
    const last = (await api.store.readAll({ filter: projection.filter, maxCount: 100_000 })).at(-1);
    if (last && !(await waitForCheckpoint(api.pool, projection.name, last.position, 15_000))) throw new Error(`The ${projection.name} projection did not catch up`);
  }
}

/** The owner, an agent, an ingestion key and the host events above, all projected. */
export async function seedWorkspace(api: TestApi): Promise<Seeded> {
  const ws = `/api/workspaces/${api.workspaceId}`;
  const ownerToken = (await callApi(api.url, '/api/auth/login', { body: TEST_OWNER })).body.token as string;
  const invited = await callApi(api.url, `${ws}/members`, { token: ownerToken, body: { email: AGENT.email, role: 'agent' } });
  await callApi(api.url, `${ws}/invitations/${invited.body.invitationId}/register`, { body: { displayName: 'Avery Agent', password: AGENT.password } });
  const apiKey = (await callApi(api.url, `${ws}/api-keys`, { token: ownerToken, body: { name: 'helpdesk' } })).body.key as string;
  const ingest = async (events: unknown[]) => {
    const answer = await callApi(api.url, '/v1/events', { token: apiKey, body: { events } });
    if (answer.status !== 202) throw new Error(`Ingestion answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
  await ingest(hostEvents());
  await projected(api);
  return { ownerToken, apiKey, ingest };
}
