import type { IngestEvent } from '@trailmark/contracts';
import { ingestEvents } from '@trailmark/sdk';
import { APP_URL, CAST, type CastMember, COMMENTS, FILES, NOTES, OTHER_PAGES, TICKET_SUBJECTS } from './cast';
import { TICKET_TRANSITIONS } from './ticket-statuses';
import { as, nextId, recentTickets, someWorker, ticketRecord, ticketRef, ticketUrl, type World } from './world';

/** One thing that happens: its events, or undefined when the world does not allow it right now. */
export type Activity = (world: World) => IngestEvent[] | undefined;

export function signIn(world: World, member: CastMember): IngestEvent {
  world.signedIn.add(member);
  return ingestEvents.auth.signedIn({ ...as(member), sessionId: nextId(world, 'ses') });
}

const signInSomeone: Activity = (world) => {
  const away = CAST.filter((member) => !world.signedIn.has(member));
  return away.length > 0 ? [signIn(world, world.random.pick(away))] : undefined;
};

const signOutSomeone: Activity = (world) => {
  if (world.signedIn.size <= 3) return undefined;
  const member = world.random.pick([...world.signedIn]);
  world.signedIn.delete(member);
  return [ingestEvents.auth.signedOut({ ...as(member) })];
};

/** A typo in the password, then the right one, from the person's usual place. */
const mistypePassword: Activity = (world) => {
  const member = world.random.pick(CAST);
  return [ingestEvents.auth.signInFailed({ ...as(member), reason: 'wrong_password', email: member.email }), signIn(world, member)];
};

const createTicket: Activity = (world) => {
  const worker = someWorker(world);
  if (!worker) return undefined;
  const id = nextId(world, 'tkt');
  const ticket = { id, subject: world.random.pick(TICKET_SUBJECTS), url: ticketUrl(id), status: 'open' as const, assignee: null };
  world.tickets.push(ticket);
  const fields = { priority: world.random.pick(['low', 'normal', 'high', 'urgent']), channel: world.random.pick(['email', 'web', 'phone']) };
  return [ingestEvents.tickets.created({ ...as(worker), ticket: ticketRef(ticket), fields })];
};

const changeStatus: Activity = (world) => {
  const worker = someWorker(world);
  const tickets = recentTickets(world);
  if (!worker || tickets.length === 0) return undefined;
  const ticket = world.random.pick(tickets);
  const from = ticket.status;
  ticket.status = world.random.weighted(TICKET_TRANSITIONS[from]);
  return [ingestEvents.tickets.statusChanged({ ...as(worker), ticket: ticketRef(ticket), from, to: ticket.status })];
};

const assign: Activity = (world) => {
  const worker = someWorker(world);
  const tickets = recentTickets(world, (ticket) => ticket.status !== 'closed');
  if (!worker || tickets.length === 0) return undefined;
  const ticket = world.random.pick(tickets);
  const candidates = CAST.filter((member) => world.roles.get(member.actor.id) === 'agent' && member !== ticket.assignee);
  const from = ticket.assignee;
  ticket.assignee = world.random.pick(candidates);
  const person = (member: CastMember | null) => member && { id: member.actor.id, name: member.actor.name };
  return [ingestEvents.tickets.assigned({ ...as(worker), ticket: ticketRef(ticket), from: person(from), to: person(ticket.assignee) })];
};

const annotate =
  (kind: 'comment' | 'note'): Activity =>
  (world) => {
    const worker = someWorker(world);
    const tickets = recentTickets(world, (ticket) => ticket.status !== 'closed');
    if (!worker || tickets.length === 0) return undefined;
    const record = ticketRecord(world.random.pick(tickets));
    if (kind === 'comment') return [ingestEvents.comments.added({ ...as(worker), record, commentId: nextId(world, 'cmt'), body: world.random.pick(COMMENTS) })];
    return [ingestEvents.notes.added({ ...as(worker), record, noteId: nextId(world, 'nte'), body: world.random.pick(NOTES) })];
  };

/** A file is uploaded, then attached to the ticket it belongs to. */
const uploadFile: Activity = (world) => {
  const worker = someWorker(world);
  const tickets = recentTickets(world, (ticket) => ticket.status !== 'closed');
  if (!worker || tickets.length === 0) return undefined;
  const { name, contentType } = world.random.pick(FILES);
  const file = { id: nextId(world, 'fil'), name };
  world.files.push(file);
  const sizeBytes = world.random.int(2_000, 5_000_000);
  return [
    ingestEvents.files.uploaded({ ...as(worker), file, contentType, sizeBytes }),
    ingestEvents.files.attached({ ...as(worker), file, record: ticketRecord(world.random.pick(tickets)) }),
  ];
};

const downloadFile: Activity = (world) => {
  const reader = world.signedIn.size > 0 ? world.random.pick([...world.signedIn]) : undefined;
  if (!reader || world.files.length === 0) return undefined;
  return [ingestEvents.files.downloaded({ ...as(reader), file: world.random.pick(world.files.slice(-20)) })];
};

const viewPage: Activity = (world) => {
  if (world.signedIn.size === 0) return undefined;
  const viewer = world.random.pick([...world.signedIn]);
  const tickets = recentTickets(world);
  if (tickets.length > 0 && world.random.chance(0.7)) {
    const ticket = world.random.pick(tickets);
    return [ingestEvents.pages.viewed({ ...as(viewer), url: ticket.url, title: ticket.subject, record: ticketRecord(ticket) })];
  }
  const page = world.random.pick(OTHER_PAGES);
  return [ingestEvents.pages.viewed({ ...as(viewer), url: `${APP_URL}${page.path}`, title: page.title })];
};

const exportTickets: Activity = (world) => {
  const admin = [...world.signedIn].find((member) => ['owner', 'admin'].includes(world.roles.get(member.actor.id) ?? ''));
  if (!admin) return undefined;
  return [ingestEvents.data.exported({ ...as(admin), dataset: 'tickets', format: 'csv', rowCount: world.tickets.length })];
};

/** How often each activity happens, relative to the others. */
export const ACTIVITIES: ReadonlyArray<readonly [weight: number, activity: Activity]> = [
  [2, createTicket],
  [4, changeStatus],
  [2, assign],
  [3, annotate('comment')],
  [2, annotate('note')],
  [1, uploadFile],
  [1, downloadFile],
  [6, viewPage],
  [1, signInSomeone],
  [0.4, signOutSomeone],
  [0.25, mistypePassword],
  [0.2, exportTickets],
];
