import type { ActorRef } from '@trailmark/sdk';
import { APP_URL, CAST, type CastMember } from './cast';
import { createRandom, type Random } from './random';
import type { TicketStatus } from './ticket-statuses';

export interface Ticket {
  id: string;
  subject: string;
  url: string;
  status: TicketStatus;
  assignee: CastMember | null;
}

/** Everything the scenario remembers between events. */
export interface World {
  random: Random;
  /** Keeps ids from different seeds apart, so two runs do not claim the same tickets. */
  idTag: string;
  signedIn: Set<CastMember>;
  roles: Map<string, CastMember['role']>;
  tickets: Ticket[];
  files: Array<{ id: string; name: string }>;
  /** Per kind of id, the last number handed out. */
  serials: Map<string, number>;
}

export function createWorld(seed: number): World {
  return {
    random: createRandom(seed),
    idTag: (seed >>> 0).toString(36),
    signedIn: new Set(),
    roles: new Map(CAST.map((member) => [member.actor.id, member.role])),
    tickets: [],
    files: [],
    serials: new Map(),
  };
}

export function nextId(world: World, prefix: string): string {
  const serial = (world.serials.get(prefix) ?? 0) + 1;
  world.serials.set(prefix, serial);
  return `${prefix}-${world.idTag}-${serial}`;
}

/** The actor with the IP and device they always use. */
export function as(member: CastMember): { actor: ActorRef; ip: string; userAgent: string } {
  return { actor: member.actor, ip: member.ip, userAgent: member.userAgent };
}

/** Someone signed in whose role lets them work tickets; undefined when nobody is. */
export function someWorker(world: World): CastMember | undefined {
  const workers = [...world.signedIn].filter((member) => world.roles.get(member.actor.id) !== 'viewer');
  return workers.length > 0 ? world.random.pick(workers) : undefined;
}

/** Work concentrates on the latest tickets, as in a real queue. */
export function recentTickets(world: World, filter: (ticket: Ticket) => boolean = () => true): Ticket[] {
  return world.tickets.slice(-40).filter(filter);
}

export function ticketRef(ticket: Ticket) {
  return { id: ticket.id, name: ticket.subject, url: ticket.url };
}

export function ticketRecord(ticket: Ticket) {
  return { type: 'ticket', id: ticket.id, name: ticket.subject };
}

export function ticketUrl(id: string): string {
  return `${APP_URL}/tickets/${id}`;
}
