import { eventMetadata, type RequestContext } from '@trailmark/command-handling';
import { PLATFORM, streams } from '@trailmark/contracts';
import { type DomainEvent, fold, userAccountDecider, type Workspace, workspaceDecider, type WorkspaceCommand } from '@trailmark/domain';
import type { StreamAppend } from '@trailmark/event-store';
import type { Cast, Person } from './read-cast';
import type { Random } from './read-random';

/**
 * The events the API itself would have written for the cast: every account
 * registered, every workspace created by the owner, every member invited by
 * the owner and joined, all before the activity starts (`since`).
 */
export function directoryAppends(cast: Cast, random: Random, since: Date): StreamAppend[] {
  let second = 0;
  const tick = () => new Date(since.getTime() + 1000 * second++);
  const toAppend = (events: DomainEvent[], context: RequestContext, at: Date) =>
    events.map((event) => ({ id: random.uuid(), type: event.type, data: event.data, metadata: eventMetadata(context, { occurredAt: at }) }));
  const asPerson = (person: Person, workspaceId: string): RequestContext => ({
    workspaceId,
    actor: { kind: 'user', id: person.userId, name: person.name },
    ip: person.ip,
    userAgent: person.userAgent,
    correlationId: random.uuid(),
  });

  const accounts: StreamAppend[] = cast.people.map((person) => {
    const at = tick();
    const registered = userAccountDecider.decide(
      { type: 'RegisterUser', data: { userId: person.userId, email: person.email, displayName: person.name } },
      userAccountDecider.initialState(),
      { now: at, newId: random.uuid },
    );
    const context = { ...asPerson(person, PLATFORM), layer: 'platform' as const };
    return { streamName: streams.user(person.userId), events: toAppend(registered, context, at), expectedRevision: 'no_stream' };
  });

  const workspaces: StreamAppend[] = cast.workspaces.map(({ workspaceId, name, people }, index) => {
    const events: StreamAppend['events'] = [];
    let state: Workspace = workspaceDecider.initialState();
    const decide = (command: WorkspaceCommand, actor: Person) => {
      const at = tick();
      const decided = workspaceDecider.decide(command, state, { now: at, newId: random.uuid });
      state = fold(workspaceDecider.evolve, state, decided);
      events.push(...toAppend(decided, asPerson(actor, workspaceId), at));
      return decided;
    };
    decide({ type: 'CreateWorkspace', data: { workspaceId, name, owner: { userId: cast.owner.userId, email: cast.owner.email } } }, cast.owner);
    for (const member of people.slice(1)) {
      const role = member.roles.get(index);
      if (!role) throw new Error(`${member.email} has no role in ${name}`);
      const [invited] = decide({ type: 'InviteMember', data: { workspaceId, email: member.email, role } }, cast.owner);
      const invitationId = (invited.data as { invitationId: string }).invitationId;
      decide({ type: 'JoinWorkspace', data: { workspaceId, invitationId, userId: member.userId } }, member);
    }
    return { streamName: streams.workspace(workspaceId), events, expectedRevision: 'no_stream' };
  });
  return [...accounts, ...workspaces];
}
