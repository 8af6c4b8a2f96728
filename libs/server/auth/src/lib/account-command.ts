import { eventMetadata, type Handled, handleCommand, type RequestContext } from '@trailmark/command-handling';
import { type Actor, type EventResult, PLATFORM } from '@trailmark/contracts';
import { type UserAccount, type UserAccountCommand, userAccountDecider, type UserAccountEvent } from '@trailmark/domain';
import type { EventStore } from '@trailmark/event-store';
import type { DirectoryUser } from './directory.repository';

/** Failures and locks are recorded like any event; the metadata's result lets the feed flag them. */
export function resultOf(event: UserAccountEvent): EventResult {
  switch (event.type) {
    case 'SignInFailed':
    case 'PasswordResetFailed':
      return 'failure';
    case 'AccountLocked':
      return 'warning';
    default:
      return 'success';
  }
}

/** Runs a user-account command on `streamName` (the user's stream, or the unknown-email stream). */
export function handleAccountCommand(
  store: EventStore,
  streamName: string,
  command: UserAccountCommand,
  context: RequestContext,
): Promise<Handled<UserAccount, UserAccountEvent>> {
  return handleCommand(store, streamName, userAccountDecider, command, {
    metadata: (event) => eventMetadata(context, { result: resultOf(event) }),
  });
}

/**
 * Account events belong to the workspace the session is (or would be) in, so
 * that workspace's admins see their members sign in; without one, to the
 * platform. The actor is the account concerned, or System when there is none;
 * when the request already acts as that account, its actor is kept, so an
 * impersonating admin stays on the event.
 */
export function accountContext(
  origin: Pick<RequestContext, 'actor' | 'ip' | 'userAgent' | 'correlationId' | 'causationId'>,
  user: DirectoryUser | undefined,
  workspaceId: string | null,
): RequestContext {
  return {
    ...origin,
    workspaceId: workspaceId ?? PLATFORM,
    layer: workspaceId ? 'workspace' : 'platform',
    actor: user ? actorFor(user, origin.actor) : undefined,
  };
}

function actorFor(user: DirectoryUser, requestActor: Actor | undefined): Actor {
  return requestActor?.id === user.id ? requestActor : { kind: 'user', id: user.id, name: user.displayName };
}
