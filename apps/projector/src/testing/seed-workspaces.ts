import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, StreamAppend } from '@trailmark/event-store';

export interface SeedPlan {
  users: number;
  workspaces: number;
  /** Members joining, changing role and leaving: the directory's order-sensitive events. */
  memberEvents: number;
  /** Ticket lifecycle events from a host app. */
  ticketEvents: number;
}

export interface Seeded {
  total: number;
  /** Events that belong to a workspace (everything but the user registrations). */
  workspaceEvents: number;
  directoryEvents: number;
  /** `directory_members` as it must end, sorted by workspace then user. */
  members: Array<{ workspace_id: string; user_id: string; role: string }>;
}

const ROLES = ['agent', 'admin', 'viewer'];
const START = Date.parse('2026-03-01T08:00:00.000Z');
const CHUNK = 100;

/**
 * A few thousand events of several workspaces, deterministic but for ids:
 * member churn interleaved with ticket activity, appended 100 at a time
 * across several streams.
 */
export async function seedWorkspaces(store: EventStore, plan: SeedPlan): Promise<Seeded> {
  const events: Array<{ streamName: string; event: EventToAppend }> = [];
  let clock = 0;
  const add = (streamName: string, workspaceId: string, type: string, data: Record<string, unknown>, actorId = 'system') =>
    events.push({ streamName, event: { id: randomUUID(), type, data, metadata: metadata(workspaceId, actorId, clock++) } });

  const users = Array.from({ length: plan.users }, (_, i) => `user-${i}`);
  for (const userId of users) add(`user-platform.${userId}`, 'platform', 'UserRegistered', { userId, email: `${userId}@example.com`, displayName: userId });
  const workspaces = Array.from({ length: plan.workspaces }, (_, i) => `ws-${i}`);
  const roles = new Map<string, string>();
  for (const workspaceId of workspaces) {
    add(`workspace-${workspaceId}.${workspaceId}`, workspaceId, 'WorkspaceCreated', { workspaceId, name: workspaceId, owner: { userId: users[0] }, settings: {} }, users[0]);
    roles.set(`${workspaceId} ${users[0]}`, 'owner');
  }

  const tickets = new Map<string, string>();
  for (let i = 0; i < Math.max(plan.memberEvents, plan.ticketEvents); i += 1) {
    const workspaceId = workspaces[i % workspaces.length];
    if (i < plan.memberEvents) {
      const userId = users[1 + ((i * 7) % (users.length - 1))];
      const key = `${workspaceId} ${userId}`;
      const role = ROLES[i % ROLES.length];
      const stream = `workspace-${workspaceId}.${workspaceId}`;
      if (!roles.has(key)) {
        add(stream, workspaceId, 'MemberJoined', { workspaceId, userId, email: `${userId}@example.com`, role }, users[0]);
        roles.set(key, role);
      } else if (i % 5 === 0) {
        add(stream, workspaceId, 'MemberRemoved', { workspaceId, userId }, users[0]);
        roles.delete(key);
      } else {
        add(stream, workspaceId, 'MemberRoleChanged', { workspaceId, userId, previousRole: roles.get(key), role }, users[0]);
        roles.set(key, role);
      }
    }
    if (i < plan.ticketEvents) {
      const recordId = `T-${i % 150}`;
      const stream = `ticket-${workspaceId}.${recordId}`;
      const actor = users[i % users.length];
      const status = tickets.get(stream);
      if (status === undefined) {
        add(stream, workspaceId, 'TicketCreated', { recordType: 'ticket', recordId, fields: { title: `Ticket ${recordId}` } }, actor);
        tickets.set(stream, 'open');
      } else if (i % 2 === 0) {
        const to = `status-${i % 4}`;
        add(stream, workspaceId, 'TicketStatusChanged', { recordType: 'ticket', recordId, from: status, to }, actor);
        tickets.set(stream, to);
      } else {
        add(stream, workspaceId, 'TicketAssigned', { recordType: 'ticket', recordId, from: null, to: { id: actor, name: actor } }, actor);
      }
    }
  }

  for (let i = 0; i < events.length; i += CHUNK) await store.appendToStreams(byStream(events.slice(i, i + CHUNK)));
  const members = [...roles].map(([key, role]) => {
    const [workspace_id, user_id] = key.split(' ');
    return { workspace_id, user_id, role };
  });
  members.sort((a, b) => a.workspace_id.localeCompare(b.workspace_id) || a.user_id.localeCompare(b.user_id));
  const directoryEvents = events.filter(({ event }) => !event.type.startsWith('Ticket')).length;
  return { total: events.length, workspaceEvents: events.length - plan.users, directoryEvents, members };
}

function metadata(workspaceId: string, actorId: string, tick: number): Record<string, unknown> {
  return {
    workspaceId,
    layer: workspaceId === 'platform' ? 'platform' : 'workspace',
    actor: actorId === 'system' ? { kind: 'system', id: 'system', name: 'System' } : { kind: 'user', id: actorId, name: actorId },
    result: 'success',
    ip: `203.0.113.${tick % 20}`,
    occurredAt: new Date(START + tick * 1000).toISOString(),
  };
}

/** Each stream once per call, in the order streams first appear. */
function byStream(chunk: Array<{ streamName: string; event: EventToAppend }>): StreamAppend[] {
  const appends = new Map<string, EventToAppend[]>();
  for (const { streamName, event } of chunk) appends.set(streamName, [...(appends.get(streamName) ?? []), event]);
  return [...appends].map(([streamName, streamEvents]) => ({ streamName, events: streamEvents }));
}
