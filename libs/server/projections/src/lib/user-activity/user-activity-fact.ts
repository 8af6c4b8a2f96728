import { PLATFORM, streamCategory } from '@trailmark/contracts';
import type { RecordedEvent } from '@trailmark/event-store';

export interface LoginDevice {
  type: string;
  os: string;
  browser: string;
}

/** A sign-in or failed sign-in, of a Trailmark member or of a host app's user. */
export interface SignInFact {
  kind: 'sign-in';
  position: string;
  eventId: string;
  userId: string;
  userKind: UserKind;
  userName: string | null;
  result: 'success' | 'failure';
  reason: string | null;
  ip: string | null;
  device: LoginDevice | null;
  occurredAt: string;
  /** The workspace in the metadata; null for a platform event. */
  workspaceId: string | null;
  /** A Trailmark account's sign-in belongs to every workspace the account is a member of. */
  toMemberWorkspaces: boolean;
}

/** Anything else a user did in a workspace. */
export interface ActivityFact {
  kind: 'activity';
  position: string;
  workspaceId: string;
  userId: string;
  userKind: UserKind;
  userName: string | null;
  occurredAt: string;
}

export interface MembershipFact {
  kind: 'joined' | 'left';
  workspaceId: string;
  userId: string;
}

/** One sign-in attempt in one of the workspaces it counts in. */
export interface SignInAttempt {
  workspaceId: string;
  fact: SignInFact;
}

export type UserKind = 'member' | 'host';
export type UserActivityFact = SignInFact | ActivityFact | MembershipFact;

type Bag = Record<string, unknown>;

const bag = (value: unknown): Bag => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : {});
const text = (...values: unknown[]): string | null => (values.find((value) => typeof value === 'string' && value !== '') as string | undefined) ?? null;

/** What the sign-in service records when the request had no address. */
const UNKNOWN_IP = 'unknown';

/**
 * Caused by whoever knows an account's email, so they say nothing about the
 * account holder being active.
 */
const NOT_BY_ACCOUNT_HOLDER = new Set(['AccountLocked', 'PasswordResetRequested', 'PasswordResetFailed']);

/**
 * A host action Trailmark has no sign-in mapping for that still names a
 * sign-in: `auth.login`, `user.logged_in`, `session.signIn`, `login_failed`,
 * `failed_login` (the last segment decides).
 */
const HOST_SIGN_IN_ACTION = /^(failed_)?(log(ged)?_?in|sign(ed)?_?in)(_failed|_failure)?$/;

export function hostSignInAction(action: string): { failed: boolean } | undefined {
  const last = action.trim().split(/[.:/]/).at(-1) ?? '';
  const words = last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
  const match = HOST_SIGN_IN_ACTION.exec(words);
  return match ? { failed: match[1] !== undefined || match[5] !== undefined } : undefined;
}

/** The parts of an event the user-activity read models use: none, one, or a membership and the act of joining. */
export function userActivityFacts(event: RecordedEvent): UserActivityFact[] {
  const data = bag(event.data);
  switch (event.type) {
    case 'WorkspaceCreated':
      return present(membership('joined', data['workspaceId'], bag(data['owner'])['userId']), activityFact(event));
    case 'MemberJoined':
      return present(membership('joined', data['workspaceId'], data['userId']), activityFact(event));
    case 'MemberRemoved':
      return present(membership('left', data['workspaceId'], data['userId']), activityFact(event));
    case 'SignedIn':
    case 'SignInFailed':
      return present(signInFact(event, text(data['userId']), event.type === 'SignInFailed'));
    case 'ActivityRecorded': {
      const signIn = hostSignInAction(text(data['action']) ?? '');
      return present(signIn ? signInFact(event, text(bag(event.metadata['actor'])['id']), signIn.failed) : activityFact(event));
    }
    default:
      return NOT_BY_ACCOUNT_HOLDER.has(event.type) ? [] : present(activityFact(event));
  }
}

const present = (...facts: (UserActivityFact | undefined)[]): UserActivityFact[] => facts.filter((fact) => fact !== undefined);

function membership(kind: MembershipFact['kind'], workspaceId: unknown, userId: unknown): MembershipFact | undefined {
  return typeof workspaceId === 'string' && typeof userId === 'string' ? { kind, workspaceId, userId } : undefined;
}

function signInFact(event: RecordedEvent, userId: string | null, failed: boolean): SignInFact | undefined {
  if (userId === null) return undefined;
  const { metadata } = event;
  const data = bag(event.data);
  const actor = bag(metadata['actor']);
  const device = bag(metadata['device']);
  const ip = text(metadata['ip'], data['ip']);
  const isFailure = failed || metadata['result'] === 'failure';
  const account = streamCategory(event.streamName) === 'user';
  return {
    kind: 'sign-in',
    position: event.position,
    eventId: event.id,
    userId,
    userKind: account ? 'member' : 'host',
    userName: actor['id'] === userId ? text(actor['name']) : null,
    result: isFailure ? 'failure' : 'success',
    reason: isFailure ? text(data['reason']) : null,
    ip: ip === UNKNOWN_IP ? null : ip,
    device: typeof device['type'] === 'string' ? { type: device['type'], os: text(device['os']) ?? 'Unknown', browser: text(device['browser']) ?? 'Unknown' } : null,
    occurredAt: occurredAt(event),
    workspaceId: workspaceOf(event),
    toMemberWorkspaces: account,
  };
}

/** Done by a member or a host user, in a workspace, as themselves (an impersonating admin's acts are not the member's). */
function activityFact(event: RecordedEvent): ActivityFact | undefined {
  const workspaceId = workspaceOf(event);
  const actor = bag(event.metadata['actor']);
  const userId = text(actor['id']);
  const userKind = actor['kind'] === 'user' ? 'member' : actor['kind'] === 'host_actor' ? 'host' : undefined;
  if (workspaceId === null || userId === null || userKind === undefined || actor['impersonatorId'] !== undefined) return undefined;
  return { kind: 'activity', position: event.position, workspaceId, userId, userKind, userName: text(actor['name']), occurredAt: occurredAt(event) };
}

function workspaceOf(event: RecordedEvent): string | null {
  const workspaceId = text(event.metadata['workspaceId']);
  return workspaceId === PLATFORM ? null : workspaceId;
}

function occurredAt(event: RecordedEvent): string {
  return text(event.metadata['occurredAt']) ?? event.recordedAt.toISOString();
}

/**
 * What makes a device "the same" for the new-device signal: type, OS and
 * browser without their versions, so a browser update is not a new device.
 */
export function deviceKey({ type, os, browser }: LoginDevice): string {
  const family = (name: string) => name.replace(/\s+\d[\w.]*$/, '');
  return `${type}|${family(os)}|${family(browser)}`;
}
