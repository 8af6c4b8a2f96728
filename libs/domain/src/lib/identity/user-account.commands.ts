import type { Command } from '../decider';

/** The password is stored by the application's credentials store, never in an event. */
export type RegisterUser = Command<'RegisterUser', { userId: string; email: string; displayName: string }>;

export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  maxFailedAttempts: number;
  lockMinutes: number;
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = { maxFailedAttempts: 5, lockMinutes: 15 };

/**
 * Credentials are checked outside the domain (argon2, the MFA provider); the command carries the verdicts.
 * `mfaPassed` is absent when the account has no second factor.
 */
export type SignIn = Command<
  'SignIn',
  {
    userId: string;
    email: string;
    passwordMatches: boolean;
    mfaPassed?: boolean;
    workspaceId?: string;
    ip: string;
    userAgent?: string;
    lockout?: Partial<LockoutPolicy>;
  }
>;

export type UnlockAccount = Command<'UnlockAccount', { userId: string }>;
export type SignOut = Command<'SignOut', { userId: string; sessionId: string }>;
export type ExpireSession = Command<'ExpireSession', { userId: string; sessionId: string }>;
export type RequestPasswordReset = Command<'RequestPasswordReset', { userId: string; tokenHash: string; expiresAt: string }>;

/**
 * `tokenHash` is the hash of the token the person presented, computed like the requested one.
 * The application stores the new password only once the reset is completed.
 */
export type CompletePasswordReset = Command<'CompletePasswordReset', { userId: string; tokenHash: string }>;

export type SwitchWorkspace = Command<'SwitchWorkspace', { userId: string; sessionId: string; workspaceId: string }>;

/** Platform admins stand above workspaces: they may impersonate members to help them. */
export type GrantPlatformAdmin = Command<'GrantPlatformAdmin', { userId: string }>;

export type UserAccountCommand =
  | RegisterUser
  | SignIn
  | UnlockAccount
  | SignOut
  | ExpireSession
  | RequestPasswordReset
  | CompletePasswordReset
  | SwitchWorkspace
  | GrantPlatformAdmin;
