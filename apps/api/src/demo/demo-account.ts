import { randomUUID } from 'node:crypto';
import { userIdForEmail } from '@trailmark/auth';
import { eventMetadata } from '@trailmark/command-handling';
import { PLATFORM, streams } from '@trailmark/contracts';
import { type DomainEvent, userAccountDecider, workspaceDecider } from '@trailmark/domain';
import type { StreamAppend } from '@trailmark/event-store';

export interface AccountOwner {
  userId: string;
  email: string;
}

const context = () => ({ now: new Date(), newId: randomUUID });

function toAppend(events: DomainEvent[], workspaceId: string, layer: 'workspace' | 'platform', correlationId: string) {
  return events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata: eventMetadata({ workspaceId, layer, correlationId }) }));
}

/** A new workspace owned by an existing account, decided by the workspace decider as the API would. */
export function workspaceCreation(owner: AccountOwner, workspaceId: string, name: string, correlationId = randomUUID()): StreamAppend {
  const created = workspaceDecider.decide({ type: 'CreateWorkspace', data: { workspaceId, name, owner } }, workspaceDecider.initialState(), context());
  return { streamName: streams.workspace(workspaceId), events: toAppend(created, workspaceId, 'workspace', correlationId), expectedRevision: 'no_stream' };
}

/** A new account and its own workspace, to append together: `no_stream` on both makes a second attempt fail rather than duplicate. */
export function accountWithWorkspace(account: { email: string; displayName: string }, workspaceId: string, name: string): { owner: AccountOwner; appends: StreamAppend[] } {
  const owner = { userId: userIdForEmail(account.email), email: account.email };
  const correlationId = randomUUID();
  const registered = userAccountDecider.decide({ type: 'RegisterUser', data: { ...owner, displayName: account.displayName } }, userAccountDecider.initialState(), context());
  return {
    owner,
    appends: [
      { streamName: streams.user(owner.userId), events: toAppend(registered, PLATFORM, 'platform', correlationId), expectedRevision: 'no_stream' },
      workspaceCreation(owner, workspaceId, name, correlationId),
    ],
  };
}
