import type { UserAccountEvent } from './user-account.events';

export interface UserSession {
  workspaceId: string | null;
}

export interface UserAccount {
  registered: boolean;
  email: string | null;
  /** Consecutive failed sign-ins since the last success, unlock or lapsed lock. */
  failedAttempts: number;
  /** Set while a lock is recorded; a lock whose time has passed no longer applies. */
  lockedUntil: string | null;
  pendingReset: { tokenHash: string; expiresAt: string } | null;
  sessions: Readonly<Record<string, UserSession>>;
  platformAdmin: boolean;
}

export const initialUserAccount = (): UserAccount => ({
  registered: false,
  email: null,
  failedAttempts: 0,
  lockedUntil: null,
  pendingReset: null,
  sessions: {},
  platformAdmin: false,
});

export function evolveUserAccount(state: UserAccount, event: UserAccountEvent): UserAccount {
  const { type, data } = event;
  switch (type) {
    case 'UserRegistered':
      return { ...state, registered: true, email: data.email };
    case 'SignedIn':
      return {
        ...state,
        failedAttempts: 0,
        lockedUntil: null,
        sessions: { ...state.sessions, [data.sessionId]: { workspaceId: data.workspaceId } },
      };
    case 'SignInFailed':
      // A refused attempt on a locked (or unknown) account changes nothing; any other failure means no lock applied.
      return data.reason === 'account_locked' || data.reason === 'unknown_user'
        ? state
        : { ...state, failedAttempts: data.failedAttempts, lockedUntil: null };
    case 'AccountLocked':
      return { ...state, lockedUntil: data.lockedUntil };
    case 'AccountUnlocked':
      return { ...state, failedAttempts: 0, lockedUntil: null };
    case 'SignedOut':
    case 'SessionExpired': {
      const { [data.sessionId]: _ended, ...sessions } = state.sessions;
      return { ...state, sessions };
    }
    case 'PasswordResetRequested':
      return { ...state, pendingReset: { tokenHash: data.tokenHash, expiresAt: data.expiresAt } };
    case 'PasswordResetCompleted':
      return { ...state, pendingReset: null, sessions: {} };
    case 'PasswordResetFailed':
      return data.reason === 'token_expired' ? { ...state, pendingReset: null } : state;
    case 'WorkspaceSwitched':
      return { ...state, sessions: { ...state.sessions, [data.sessionId]: { workspaceId: data.toWorkspaceId } } };
    case 'PlatformAdminGranted':
      return { ...state, platformAdmin: true };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
