import type { IngestEvent } from '@trailmark/contracts';
import { ingestEventIssues } from '@trailmark/sdk';
import { CAST, UNFAMILIAR_IP } from './cast';
import { createScenario } from './scenario';
import { LOCKOUT_ATTEMPTS } from './set-pieces';
import { isAllowedTransition, type TicketStatus } from './ticket-statuses';

const take = (seed: number, count: number): IngestEvent[] => {
  const scenario = createScenario(seed);
  return Array.from({ length: count }, () => scenario.next());
};

describe('scenario', () => {
  const events = take(7, 2000);
  const byAction = (action: string) => events.filter((event) => event.action === action);

  it('is deterministic for a seed and differs between seeds', () => {
    expect(take(7, 500)).toEqual(events.slice(0, 500));
    expect(take(8, 500)).not.toEqual(events.slice(0, 500));
  });

  it('starts with everyone signing in, each from their own address and device', () => {
    const signIns = events.slice(0, CAST.length);
    expect(signIns.map((event) => event.action)).toEqual(CAST.map(() => 'user.signed_in'));
    expect(new Set(signIns.map((event) => event.actor.id)).size).toBe(CAST.length);
    expect(new Set(signIns.map((event) => event.context?.ip)).size).toBe(CAST.length);
    expect(new Set(signIns.map((event) => event.context?.userAgent)).size).toBe(CAST.length);
  });

  it('keeps every person on their own address and device, except the lockout burst', () => {
    const homes = new Map(CAST.map((member) => [member.actor.id, `${member.ip} ${member.userAgent}`]));
    const strays = events.filter((event) => homes.has(event.actor.id) && homes.get(event.actor.id) !== `${event.context?.ip} ${event.context?.userAgent}`);
    expect(strays).toHaveLength(LOCKOUT_ATTEMPTS);
    expect(strays.every((event) => event.context?.ip === UNFAMILIAR_IP)).toBe(true);
  });

  it('produces only well-formed events, each with an actor and a target', () => {
    expect(events.flatMap((event) => ingestEventIssues(event))).toEqual([]);
    expect(events.filter((event) => !event.target)).toEqual([]);
  });

  it('moves tickets only through allowed status transitions, from the status they had', () => {
    const statuses = new Map<string, TicketStatus>();
    for (const event of events) {
      const id = event.target!.id;
      if (event.action === 'ticket.created') statuses.set(id, 'open');
      if (event.action === 'ticket.status_changed') {
        const [{ from, to }] = event.changes!;
        expect(from).toBe(statuses.get(id));
        expect(isAllowedTransition(from as TicketStatus, to as TicketStatus)).toBe(true);
        statuses.set(id, to as TicketStatus);
      }
    }
    expect(new Set(statuses.values())).toEqual(new Set(['open', 'pending', 'solved', 'closed']));
    const reopened = byAction('ticket.status_changed').filter((event) => ['solved', 'closed'].includes(event.changes![0].from as string) && event.changes![0].to === 'open');
    expect(reopened.length).toBeGreaterThan(0);
  });

  it('only touches tickets that were created before, and views them under the app URL', () => {
    const created = new Set<string>();
    for (const event of events) {
      if (event.action === 'ticket.created') created.add(event.target!.id);
      const ticketId = event.target?.type === 'ticket' ? event.target.id : event.details?.['recordType'] === 'ticket' ? (event.details['recordId'] as string) : undefined;
      if (ticketId) expect(created.has(ticketId)).toBe(true);
    }
    const ticketViews = byAction('page.viewed').filter((event) => event.details?.['recordType'] === 'ticket');
    expect(ticketViews.length).toBeGreaterThan(0);
    for (const view of ticketViews) expect(view.target!.url).toBe(`https://app.example.com/tickets/${view.details!['recordId']}`);
  });

  it('has one lockout burst: five failures in a row from an unfamiliar address, then the lock', () => {
    const locks = byAction('user.locked');
    expect(locks).toHaveLength(1);
    const at = events.indexOf(locks[0]);
    expect(at).toBeLessThan(200);
    const burst = events.slice(at - LOCKOUT_ATTEMPTS, at);
    expect(burst.map((event) => event.action)).toEqual(Array(LOCKOUT_ATTEMPTS).fill('user.sign_in_failed'));
    expect(new Set(burst.map((event) => event.actor.id))).toEqual(new Set([locks[0].target!.id]));
    expect(burst.every((event) => event.context?.ip === UNFAMILIAR_IP && event.result === 'failure')).toBe(true);
  });

  it('has a few ordinary failed sign-ins, each followed by a successful one', () => {
    const failures = events.flatMap((event, at) => (event.action === 'user.sign_in_failed' && event.context?.ip !== UNFAMILIAR_IP ? [at] : []));
    expect(failures.length).toBeGreaterThan(2);
    for (const at of failures) expect(events[at + 1]).toMatchObject({ action: 'user.signed_in', actor: events[at].actor });
  });

  it('changes one role, from viewer to agent', () => {
    expect(byAction('member.role_changed')).toEqual([
      expect.objectContaining({ target: expect.objectContaining({ type: 'member' }), changes: [{ field: 'role', from: 'viewer', to: 'agent' }] }),
    ]);
  });

  it('covers the whole help desk: assignments, comments, notes, files and exports', () => {
    for (const action of ['ticket.assigned', 'comment.added', 'note.added', 'file.uploaded', 'file.attached', 'file.downloaded', 'user.signed_out', 'data.exported']) {
      expect(byAction(action).length).toBeGreaterThan(0);
    }
    for (const upload of byAction('file.uploaded')) {
      const attach = events[events.indexOf(upload) + 1];
      expect(attach).toMatchObject({ action: 'file.attached', target: { id: upload.target!.id } });
    }
  });
});
