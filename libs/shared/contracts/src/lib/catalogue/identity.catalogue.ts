import type { CatalogueSection } from './catalogue.types';

/** Accounts, sign-in and sessions; who is a platform admin, and platform admins impersonating people. */
export const IDENTITY_CATALOGUE = {
  UserRegistered: { category: 'Auth', kind: 'write', label: 'Registered account' },
  SignedIn: { category: 'Auth', kind: 'auth', label: 'Signed in' },
  SignInFailed: { category: 'Auth', kind: 'auth', label: 'Sign-in failed' },
  AccountLocked: { category: 'Auth', kind: 'auth', label: 'Account locked' },
  AccountUnlocked: { category: 'Auth', kind: 'write', label: 'Unlocked account' },
  SignedOut: { category: 'Auth', kind: 'auth', label: 'Signed out' },
  SessionExpired: { category: 'Auth', kind: 'auth', label: 'Session expired' },
  PasswordResetRequested: { category: 'Auth', kind: 'auth', label: 'Requested password reset' },
  PasswordResetCompleted: { category: 'Auth', kind: 'auth', label: 'Reset password' },
  PasswordResetFailed: { category: 'Auth', kind: 'auth', label: 'Password reset failed' },
  WorkspaceSwitched: { category: 'Auth', kind: 'auth', label: 'Switched workspace' },
  PlatformAdminGranted: { category: 'Permissions', kind: 'write', label: 'Granted platform admin' },
  ImpersonationStarted: { category: 'Impersonation', kind: 'auth', label: 'Started impersonation' },
  ImpersonationEnded: { category: 'Impersonation', kind: 'auth', label: 'Ended impersonation' },
} as const satisfies CatalogueSection;

export type IdentityCatalogueEventType = keyof typeof IDENTITY_CATALOGUE;
