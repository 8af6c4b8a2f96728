import { streams } from '@trailmark/contracts';
import type { SignedIn, SignedOut, SignInFailed, SignInFailureReason } from '../identity/user-account.events';
import { hostUserSubject } from './activity.mapping';
import type { HostEventInput, MappedHostEvent } from './host-event';
import type { HostEventReader } from './host-event-reader';

type SignInEvent = SignedIn | SignInFailed | SignedOut;

const FAILURE_REASONS: Record<SignInFailureReason, true> = { unknown_user: true, wrong_password: true, account_locked: true, mfa_failed: true };

/**
 * A host user's sign-in, failed sign-in or sign-out, in that host user's
 * activity stream (never Trailmark's own `user-` streams). The actor is the
 * user; ip and user agent are the host user's, from the context.
 */
export function mapSignIn(input: HostEventInput, type: SignInEvent['type'], read: HostEventReader): MappedHostEvent | undefined {
  const event = signInEvent(input, type, read);
  return event && { streamName: streams.activity(input.workspaceId, hostUserSubject(input.event.actor.id)), event, extras: read.extras([]) };
}

function signInEvent({ workspaceId, eventId, event }: HostEventInput, type: SignInEvent['type'], read: HostEventReader): SignInEvent | undefined {
  const userId = event.actor.id;
  // A host that reports no session id gets the event's: each sign-in then stands for its own session.
  const sessionId = () => read.text('sessionId') ?? eventId;
  const userAgent = event.context?.userAgent ?? null;
  switch (type) {
    case 'SignedIn': {
      const ip = event.context?.ip ?? read.required('context.ip');
      return ip === undefined ? undefined : { type, data: { userId, sessionId: sessionId(), workspaceId, ip, userAgent } };
    }
    case 'SignInFailed': {
      const ip = event.context?.ip ?? read.required('context.ip');
      const failure = { email: read.text('email') ?? '', reason: failureReason(read), failedAttempts: read.count('failedAttempts') ?? 1 };
      return ip === undefined ? undefined : { type, data: { userId, ...failure, ip, userAgent } };
    }
    case 'SignedOut':
      return { type, data: { userId, sessionId: sessionId() } };
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

/** The host's reason when it is one Trailmark knows; any other stays in the metadata's details. */
function failureReason(read: HostEventReader): SignInFailureReason {
  const reason = read.peek('reason');
  if (typeof reason === 'string' && Object.hasOwn(FAILURE_REASONS, reason)) {
    read.text('reason');
    return reason as SignInFailureReason;
  }
  return 'wrong_password';
}
