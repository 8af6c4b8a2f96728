import type { PasswordResetNotifier } from './password-reset-notifier.port';

export interface AuthModuleOptions {
  /** Consecutive failed sign-ins that lock an account (default 5). */
  lockoutThreshold?: number;
  /** How long a lock lasts (default 15). */
  lockMinutes?: number;
  /** Lifetime of a session from sign-in (default 12); fractions allowed. */
  sessionTtlHours?: number;
  /** Lifetime of a password reset token (default 60). */
  passwordResetTtlMinutes?: number;
  /** How often expired sessions are recorded and closed (default one minute). */
  sessionSweepIntervalMs?: number;
  /** How long a command waits for the directory to show what it wrote (default 5 s). */
  directoryWaitMs?: number;
  /** Delivers password reset tokens; the default only logs that one was requested. */
  passwordResetNotifier?: PasswordResetNotifier;
}

export type AuthSettings = Required<Omit<AuthModuleOptions, 'passwordResetNotifier'>>;

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export function authSettings(options: AuthModuleOptions): AuthSettings {
  return {
    lockoutThreshold: options.lockoutThreshold ?? 5,
    lockMinutes: options.lockMinutes ?? 15,
    sessionTtlHours: options.sessionTtlHours ?? 12,
    passwordResetTtlMinutes: options.passwordResetTtlMinutes ?? 60,
    sessionSweepIntervalMs: options.sessionSweepIntervalMs ?? 60_000,
    directoryWaitMs: options.directoryWaitMs ?? 5000,
  };
}
