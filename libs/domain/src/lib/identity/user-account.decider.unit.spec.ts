import { deciderSpec, fixedContext } from '../decider-spec';
import type { SignIn } from './user-account.commands';
import { userAccountDecider } from './user-account.decide';
import type { PasswordResetFailureReason, SignInFailureReason, UserAccountEvent } from './user-account.events';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const userId = 'user-1';
const email = 'ada@example.com';

const given = (events: UserAccountEvent[], now = NOW) =>
  deciderSpec(userAccountDecider, fixedContext(now, ['session-1', 'session-2'])).given(events);

const minutesAfterNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const registration = { userId, email, displayName: 'Ada' };
const registered: UserAccountEvent = { type: 'UserRegistered', data: registration };

const signIn = (data: Partial<SignIn['data']> = {}): SignIn => ({
  type: 'SignIn',
  data: { userId, email, passwordMatches: true, ip: '10.0.0.1', userAgent: 'Firefox', ...data },
});

const signedIn = (sessionId: string, workspaceId: string | null = 'ws-1'): UserAccountEvent => ({
  type: 'SignedIn',
  data: { userId, sessionId, workspaceId, ip: '10.0.0.1', userAgent: 'Firefox' },
});

const failed = (reason: SignInFailureReason, failedAttempts: number): UserAccountEvent => ({
  type: 'SignInFailed',
  data: { userId, email, reason, failedAttempts, ip: '10.0.0.1', userAgent: 'Firefox' },
});

const locked = (failedAttempts = 5, lockedUntil = minutesAfterNow(15).toISOString()): UserAccountEvent => ({
  type: 'AccountLocked',
  data: { userId, failedAttempts, lockedUntil },
});

const fourFailures = [1, 2, 3, 4].map((n) => failed('wrong_password', n));

describe('user account decider', () => {
  describe('RegisterUser', () => {
    const register = { type: 'RegisterUser' as const, data: registration };

    it('registers a new account, its password kept out of the event', () => {
      given([]).when(register).then([registered]);
    });

    it('refuses to register the same account twice', () => {
      given([registered]).when(register).thenThrows('account_already_registered');
    });
  });

  describe('SignIn', () => {
    it('signs in with matching credentials and opens a session', () => {
      given([registered])
        .when(signIn({ workspaceId: 'ws-1' }))
        .then([signedIn('session-1', 'ws-1')]);
    });

    it('signs in without a workspace or user agent', () => {
      given([registered])
        .when(signIn({ userAgent: undefined }))
        .then([{ type: 'SignedIn', data: { userId, sessionId: 'session-1', workspaceId: null, ip: '10.0.0.1', userAgent: null } }]);
    });

    it('records an unknown user when the account was never registered', () => {
      given([]).when(signIn()).then([failed('unknown_user', 0)]);
    });

    it('records a wrong password as the first failure', () => {
      given([registered])
        .when(signIn({ passwordMatches: false }))
        .then([failed('wrong_password', 1)]);
    });

    it('records a failed second factor and counts it toward the lock', () => {
      given([registered, failed('wrong_password', 1)])
        .when(signIn({ mfaPassed: false }))
        .then([failed('mfa_failed', 2)]);
    });

    it('signs in when the second factor passes', () => {
      given([registered])
        .when(signIn({ mfaPassed: true, workspaceId: 'ws-1' }))
        .then([signedIn('session-1')]);
    });

    it('locks the account on the fifth consecutive failure by default, for 15 minutes', () => {
      given([registered, ...fourFailures])
        .when(signIn({ passwordMatches: false }))
        .then([failed('wrong_password', 5), locked(5, minutesAfterNow(15).toISOString())]);
    });

    it('uses the lockout policy passed in the command', () => {
      given([registered, failed('wrong_password', 1), failed('wrong_password', 2)])
        .when(signIn({ passwordMatches: false, lockout: { maxFailedAttempts: 3, lockMinutes: 60 } }))
        .then([failed('wrong_password', 3), locked(3, minutesAfterNow(60).toISOString())]);
    });

    it('keeps the default for any part of the policy left out', () => {
      given([registered, failed('wrong_password', 1)])
        .when(signIn({ passwordMatches: false, lockout: { maxFailedAttempts: 2 } }))
        .then([failed('wrong_password', 2), locked(2, minutesAfterNow(15).toISOString())]);
    });

    it('resets the failure count after a successful sign-in', () => {
      given([registered, ...fourFailures, signedIn('session-0')])
        .when(signIn({ passwordMatches: false }))
        .then([failed('wrong_password', 1)]);
    });

    it('refuses a locked account even with the right password, recording the attempt', () => {
      given([registered, ...fourFailures, failed('wrong_password', 5), locked()], minutesAfterNow(5))
        .when(signIn())
        .then([failed('account_locked', 5)]);
    });

    it('does not extend the lock for attempts made while locked', () => {
      given([registered, failed('wrong_password', 5), locked(), failed('account_locked', 5)], minutesAfterNow(14))
        .when(signIn({ passwordMatches: false }))
        .then([failed('account_locked', 5)]);
    });

    it('signs in once the lock duration has passed', () => {
      given([registered, failed('wrong_password', 5), locked()], minutesAfterNow(15))
        .when(signIn({ workspaceId: 'ws-1' }))
        .then([signedIn('session-1')]);
    });

    it('starts a fresh count when a failure follows a lapsed lock', () => {
      given([registered, failed('wrong_password', 5), locked()], minutesAfterNow(16))
        .when(signIn({ passwordMatches: false }))
        .then([failed('wrong_password', 1)]);
    });

    it('starts a fresh count after an unlock', () => {
      given([registered, failed('wrong_password', 5), locked(), { type: 'AccountUnlocked', data: { userId } }])
        .when(signIn({ passwordMatches: false }))
        .then([failed('wrong_password', 1)]);
    });
  });

  describe('UnlockAccount', () => {
    const unlock = { type: 'UnlockAccount' as const, data: { userId } };

    it('unlocks a locked account', () => {
      given([registered, failed('wrong_password', 5), locked()])
        .when(unlock)
        .then([{ type: 'AccountUnlocked', data: { userId } }]);
    });

    it('refuses to unlock an account that is not locked', () => {
      given([registered]).when(unlock).thenThrows('account_not_locked');
    });

    it('refuses to unlock an account whose lock has lapsed', () => {
      given([registered, failed('wrong_password', 5), locked()], minutesAfterNow(20))
        .when(unlock)
        .thenThrows('account_not_locked');
    });

    it('refuses an unknown account', () => {
      given([]).when(unlock).thenThrows('account_not_found');
    });
  });

  describe('SignOut', () => {
    const signOut = (sessionId: string) => ({ type: 'SignOut' as const, data: { userId, sessionId } });

    it('signs out of an active session', () => {
      given([registered, signedIn('session-1')])
        .when(signOut('session-1'))
        .then([{ type: 'SignedOut', data: { userId, sessionId: 'session-1' } }]);
    });

    it('refuses a session that was never opened', () => {
      given([registered, signedIn('session-1')]).when(signOut('session-9')).thenThrows('session_not_found');
    });

    it('refuses to sign out of a session twice', () => {
      given([registered, signedIn('session-1'), { type: 'SignedOut', data: { userId, sessionId: 'session-1' } }])
        .when(signOut('session-1'))
        .thenThrows('session_not_found');
    });

    it('refuses to sign out of an expired session', () => {
      given([registered, signedIn('session-1'), { type: 'SessionExpired', data: { userId, sessionId: 'session-1' } }])
        .when(signOut('session-1'))
        .thenThrows('session_not_found');
    });

    it('refuses an unknown account', () => {
      given([]).when(signOut('session-1')).thenThrows('account_not_found');
    });
  });

  describe('ExpireSession', () => {
    const expire = (sessionId: string) => ({ type: 'ExpireSession' as const, data: { userId, sessionId } });

    it('expires an active session', () => {
      given([registered, signedIn('session-1'), signedIn('session-2')])
        .when(expire('session-2'))
        .then([{ type: 'SessionExpired', data: { userId, sessionId: 'session-2' } }]);
    });

    it('records nothing for a session that already ended', () => {
      given([registered, signedIn('session-1'), { type: 'SignedOut', data: { userId, sessionId: 'session-1' } }])
        .when(expire('session-1'))
        .then([]);
    });

    it('refuses an unknown account', () => {
      given([]).when(expire('session-1')).thenThrows('account_not_found');
    });
  });

  describe('RequestPasswordReset', () => {
    const request = { type: 'RequestPasswordReset' as const, data: { userId, tokenHash: 'token-hash', expiresAt: '2026-01-01T13:00:00.000Z' } };

    it('records the token hash and its expiry', () => {
      given([registered]).when(request).then([{ type: 'PasswordResetRequested', data: request.data }]);
    });

    it('refuses an unknown account', () => {
      given([]).when(request).thenThrows('account_not_found');
    });
  });

  describe('CompletePasswordReset', () => {
    const requested = (tokenHash = 'token-hash', expiresAt = minutesAfterNow(30).toISOString()): UserAccountEvent => ({
      type: 'PasswordResetRequested',
      data: { userId, tokenHash, expiresAt },
    });
    const complete = (tokenHash = 'token-hash') => ({
      type: 'CompletePasswordReset' as const,
      data: { userId, tokenHash },
    });
    const resetFailed = (reason: PasswordResetFailureReason): UserAccountEvent => ({
      type: 'PasswordResetFailed',
      data: { userId, reason },
    });
    const completed: UserAccountEvent = { type: 'PasswordResetCompleted', data: { userId } };

    it('completes the reset when the token matches and has not expired', () => {
      given([registered, requested()]).when(complete()).then([completed]);
    });

    it('records a failure when no reset was requested', () => {
      given([registered]).when(complete()).then([resetFailed('no_pending_reset')]);
    });

    it('records a failure when the token has expired', () => {
      given([registered, requested()], minutesAfterNow(30)).when(complete()).then([resetFailed('token_expired')]);
    });

    it('records a failure when the token does not match', () => {
      given([registered, requested()]).when(complete('other-hash')).then([resetFailed('token_mismatch')]);
    });

    it('keeps the reset open after a wrong token', () => {
      given([registered, requested(), resetFailed('token_mismatch')]).when(complete()).then([completed]);
    });

    it('closes the reset once its token has expired', () => {
      given([registered, requested(), resetFailed('token_expired')]).when(complete()).then([resetFailed('no_pending_reset')]);
    });

    it('does not accept the same token twice', () => {
      given([registered, requested(), completed]).when(complete()).then([resetFailed('no_pending_reset')]);
    });

    it('accepts only the latest requested token', () => {
      given([registered, requested('old-hash'), requested('new-hash')])
        .when(complete('old-hash'))
        .then([resetFailed('token_mismatch')]);
    });

    it('refuses an unknown account', () => {
      given([]).when(complete()).thenThrows('account_not_found');
    });

    it('ends every session, so a later sign-out or expiry of one finds nothing open', () => {
      const before = [registered, signedIn('session-1'), signedIn('session-2'), requested(), completed];
      given(before).when({ type: 'SignOut', data: { userId, sessionId: 'session-1' } }).thenThrows('session_not_found');
      given(before).when({ type: 'ExpireSession', data: { userId, sessionId: 'session-2' } }).then([]);
    });
  });

  describe('SwitchWorkspace', () => {
    const switchTo = (workspaceId: string, sessionId = 'session-1') => ({
      type: 'SwitchWorkspace' as const,
      data: { userId, sessionId, workspaceId },
    });

    it('switches the session to another workspace', () => {
      given([registered, signedIn('session-1', 'ws-1')])
        .when(switchTo('ws-2'))
        .then([{ type: 'WorkspaceSwitched', data: { userId, sessionId: 'session-1', fromWorkspaceId: 'ws-1', toWorkspaceId: 'ws-2' } }]);
    });

    it('records the first workspace of a session that signed in without one', () => {
      given([registered, signedIn('session-1', null)])
        .when(switchTo('ws-1'))
        .then([{ type: 'WorkspaceSwitched', data: { userId, sessionId: 'session-1', fromWorkspaceId: null, toWorkspaceId: 'ws-1' } }]);
    });

    it('records nothing when switching to the workspace the session is already in', () => {
      given([registered, signedIn('session-1', 'ws-1')]).when(switchTo('ws-1')).then([]);
    });

    it('tracks the workspace per session', () => {
      given([
        registered,
        signedIn('session-1', 'ws-1'),
        signedIn('session-2', 'ws-1'),
        { type: 'WorkspaceSwitched', data: { userId, sessionId: 'session-2', fromWorkspaceId: 'ws-1', toWorkspaceId: 'ws-2' } },
      ])
        .when(switchTo('ws-2', 'session-2'))
        .then([]);
    });

    it('refuses a session that is not active', () => {
      given([registered]).when(switchTo('ws-2')).thenThrows('session_not_found');
    });

    it('refuses an unknown account', () => {
      given([]).when(switchTo('ws-2')).thenThrows('account_not_found');
    });
  });

  describe('GrantPlatformAdmin', () => {
    const grant = { type: 'GrantPlatformAdmin' as const, data: { userId } };
    const granted: UserAccountEvent = { type: 'PlatformAdminGranted', data: { userId } };

    it('makes an account a platform admin', () => {
      given([registered]).when(grant).then([granted]);
    });

    it('refuses an account that already is one', () => {
      given([registered, granted]).when(grant).thenThrows('already_platform_admin');
    });

    it('refuses an unknown account', () => {
      given([]).when(grant).thenThrows('account_not_found');
    });
  });
});
