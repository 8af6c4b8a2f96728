import type { DomainEvent } from '../decider';

export type SignInFailureReason = 'unknown_user' | 'wrong_password' | 'account_locked' | 'mfa_failed';
export type PasswordResetFailureReason = 'no_pending_reset' | 'token_expired' | 'token_mismatch';

/**
 * No password hash, here or in PasswordResetCompleted: events are immutable and exported as
 * evidence, and a hash of a weak password can be cracked offline. The credentials store keeps it.
 */
export type UserRegistered = DomainEvent<'UserRegistered', { userId: string; email: string; displayName: string }>;

export type SignedIn = DomainEvent<
  'SignedIn',
  { userId: string; sessionId: string; workspaceId: string | null; ip: string; userAgent: string | null }
>;

export type SignInFailed = DomainEvent<
  'SignInFailed',
  { userId: string; email: string; reason: SignInFailureReason; failedAttempts: number; ip: string; userAgent: string | null }
>;

export type AccountLocked = DomainEvent<'AccountLocked', { userId: string; failedAttempts: number; lockedUntil: string }>;
export type AccountUnlocked = DomainEvent<'AccountUnlocked', { userId: string }>;
export type SignedOut = DomainEvent<'SignedOut', { userId: string; sessionId: string }>;
export type SessionExpired = DomainEvent<'SessionExpired', { userId: string; sessionId: string }>;
export type PasswordResetRequested = DomainEvent<'PasswordResetRequested', { userId: string; tokenHash: string; expiresAt: string }>;
/** Ends every session of the account: whoever knew the old password is signed out. */
export type PasswordResetCompleted = DomainEvent<'PasswordResetCompleted', { userId: string }>;
export type PasswordResetFailed = DomainEvent<'PasswordResetFailed', { userId: string; reason: PasswordResetFailureReason }>;

export type WorkspaceSwitched = DomainEvent<
  'WorkspaceSwitched',
  { userId: string; sessionId: string; fromWorkspaceId: string | null; toWorkspaceId: string }
>;

export type PlatformAdminGranted = DomainEvent<'PlatformAdminGranted', { userId: string }>;

export type UserAccountEvent =
  | UserRegistered
  | SignedIn
  | SignInFailed
  | AccountLocked
  | AccountUnlocked
  | SignedOut
  | SessionExpired
  | PasswordResetRequested
  | PasswordResetCompleted
  | PasswordResetFailed
  | WorkspaceSwitched
  | PlatformAdminGranted;

/** Every event type above; the compiler refuses a missing one, so the catalogue test sees new events. */
export const userAccountEventTypes = Object.keys({
  UserRegistered: true,
  SignedIn: true,
  SignInFailed: true,
  AccountLocked: true,
  AccountUnlocked: true,
  SignedOut: true,
  SessionExpired: true,
  PasswordResetRequested: true,
  PasswordResetCompleted: true,
  PasswordResetFailed: true,
  WorkspaceSwitched: true,
  PlatformAdminGranted: true,
} satisfies Record<UserAccountEvent['type'], true>) as UserAccountEvent['type'][];
