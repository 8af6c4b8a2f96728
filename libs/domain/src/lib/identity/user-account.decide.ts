import { type DecideContext, type Decider, DomainError } from '../decider';
import {
  type CompletePasswordReset,
  DEFAULT_LOCKOUT_POLICY,
  type ExpireSession,
  type GrantPlatformAdmin,
  type RegisterUser,
  type RequestPasswordReset,
  type SignIn,
  type SignOut,
  type SwitchWorkspace,
  type UnlockAccount,
  type UserAccountCommand,
} from './user-account.commands';
import type {
  AccountLocked,
  AccountUnlocked,
  PasswordResetCompleted,
  PasswordResetFailed,
  PasswordResetFailureReason,
  PasswordResetRequested,
  PlatformAdminGranted,
  SessionExpired,
  SignedIn,
  SignedOut,
  SignInFailed,
  SignInFailureReason,
  UserAccountEvent,
  UserRegistered,
  WorkspaceSwitched,
} from './user-account.events';
import { evolveUserAccount, initialUserAccount, type UserAccount } from './user-account.state';

const MINUTE_MS = 60_000;

export function registerUser({ data }: RegisterUser, state: UserAccount): UserRegistered[] {
  if (state.registered) throw new DomainError('account_already_registered', `Account ${data.userId} is already registered`);
  return [{ type: 'UserRegistered', data }];
}

export function signIn({ data }: SignIn, state: UserAccount, { now, newId }: DecideContext): (SignedIn | SignInFailed | AccountLocked)[] {
  const failed = (reason: SignInFailureReason, failedAttempts: number): SignInFailed => ({
    type: 'SignInFailed',
    data: { userId: data.userId, email: data.email, reason, failedAttempts, ip: data.ip, userAgent: data.userAgent ?? null },
  });
  if (!state.registered) return [failed('unknown_user', 0)];
  if (isLocked(state, now)) return [failed('account_locked', state.failedAttempts)];
  if (data.passwordMatches && data.mfaPassed !== false) {
    return [
      {
        type: 'SignedIn',
        data: { userId: data.userId, sessionId: newId(), workspaceId: data.workspaceId ?? null, ip: data.ip, userAgent: data.userAgent ?? null },
      },
    ];
  }
  const maxFailedAttempts = data.lockout?.maxFailedAttempts ?? DEFAULT_LOCKOUT_POLICY.maxFailedAttempts;
  const lockMinutes = data.lockout?.lockMinutes ?? DEFAULT_LOCKOUT_POLICY.lockMinutes;
  // A lock that has lapsed starts a fresh count.
  const failedAttempts = (state.lockedUntil === null ? state.failedAttempts : 0) + 1;
  const failure = failed(data.passwordMatches ? 'mfa_failed' : 'wrong_password', failedAttempts);
  if (failedAttempts < maxFailedAttempts) return [failure];
  const lockedUntil = new Date(now.getTime() + lockMinutes * MINUTE_MS).toISOString();
  return [failure, { type: 'AccountLocked', data: { userId: data.userId, failedAttempts, lockedUntil } }];
}

export function unlockAccount({ data }: UnlockAccount, state: UserAccount, { now }: DecideContext): AccountUnlocked[] {
  requireRegistered(state, data.userId);
  if (!isLocked(state, now)) throw new DomainError('account_not_locked', `Account ${data.userId} is not locked`);
  return [{ type: 'AccountUnlocked', data }];
}

export function signOut({ data }: SignOut, state: UserAccount): SignedOut[] {
  requireSession(state, data.userId, data.sessionId);
  return [{ type: 'SignedOut', data }];
}

/** Expiry is swept by the system and may race a sign-out, so an ended session expires silently. */
export function expireSession({ data }: ExpireSession, state: UserAccount): SessionExpired[] {
  requireRegistered(state, data.userId);
  return data.sessionId in state.sessions ? [{ type: 'SessionExpired', data }] : [];
}

export function requestPasswordReset({ data }: RequestPasswordReset, state: UserAccount): PasswordResetRequested[] {
  requireRegistered(state, data.userId);
  return [{ type: 'PasswordResetRequested', data }];
}

/** A failed attempt is recorded rather than refused: repeated bad tokens are a signal auditors want to see. */
export function completePasswordReset(
  { data }: CompletePasswordReset,
  state: UserAccount,
  { now }: DecideContext,
): (PasswordResetCompleted | PasswordResetFailed)[] {
  requireRegistered(state, data.userId);
  const pending = state.pendingReset;
  const failed = (reason: PasswordResetFailureReason): PasswordResetFailed[] => [
    { type: 'PasswordResetFailed', data: { userId: data.userId, reason } },
  ];
  if (pending === null) return failed('no_pending_reset');
  if (now >= new Date(pending.expiresAt)) return failed('token_expired');
  if (pending.tokenHash !== data.tokenHash) return failed('token_mismatch');
  return [{ type: 'PasswordResetCompleted', data: { userId: data.userId } }];
}

export function switchWorkspace({ data }: SwitchWorkspace, state: UserAccount): WorkspaceSwitched[] {
  const session = requireSession(state, data.userId, data.sessionId);
  if (session.workspaceId === data.workspaceId) return [];
  return [
    {
      type: 'WorkspaceSwitched',
      data: { userId: data.userId, sessionId: data.sessionId, fromWorkspaceId: session.workspaceId, toWorkspaceId: data.workspaceId },
    },
  ];
}

export function grantPlatformAdmin({ data }: GrantPlatformAdmin, state: UserAccount): PlatformAdminGranted[] {
  requireRegistered(state, data.userId);
  if (state.platformAdmin) throw new DomainError('already_platform_admin', `Account ${data.userId} is already a platform admin`);
  return [{ type: 'PlatformAdminGranted', data }];
}

export function decideUserAccount(command: UserAccountCommand, state: UserAccount, context: DecideContext): UserAccountEvent[] {
  const { type } = command;
  switch (type) {
    case 'RegisterUser':
      return registerUser(command, state);
    case 'SignIn':
      return signIn(command, state, context);
    case 'UnlockAccount':
      return unlockAccount(command, state, context);
    case 'SignOut':
      return signOut(command, state);
    case 'ExpireSession':
      return expireSession(command, state);
    case 'RequestPasswordReset':
      return requestPasswordReset(command, state);
    case 'CompletePasswordReset':
      return completePasswordReset(command, state, context);
    case 'SwitchWorkspace':
      return switchWorkspace(command, state);
    case 'GrantPlatformAdmin':
      return grantPlatformAdmin(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const userAccountDecider: Decider<UserAccount, UserAccountCommand, UserAccountEvent> = {
  initialState: initialUserAccount,
  evolve: evolveUserAccount,
  decide: decideUserAccount,
};

function isLocked(state: UserAccount, now: Date): boolean {
  return state.lockedUntil !== null && now < new Date(state.lockedUntil);
}

function requireRegistered(state: UserAccount, userId: string): void {
  if (!state.registered) throw new DomainError('account_not_found', `Account ${userId} is not registered`);
}

function requireSession(state: UserAccount, userId: string, sessionId: string) {
  requireRegistered(state, userId);
  const session = state.sessions[sessionId];
  if (!session) throw new DomainError('session_not_found', `Session ${sessionId} is not active`);
  return session;
}
