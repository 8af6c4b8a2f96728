import type { UserAccountEvent } from '@trailmark/domain';
import { accountContext, resultOf } from './account-command';

describe('resultOf', () => {
  const event = (type: UserAccountEvent['type']) => ({ type, data: {} }) as UserAccountEvent;

  it.each([
    ['SignInFailed', 'failure'],
    ['PasswordResetFailed', 'failure'],
    ['AccountLocked', 'warning'],
    ['SignedIn', 'success'],
    ['SessionExpired', 'success'],
  ] as const)('records %s as %s', (type, result) => {
    expect(resultOf(event(type))).toBe(result);
  });
});

describe('accountContext', () => {
  const origin = { ip: '10.0.0.1', userAgent: 'curl/8', correlationId: 'c-1' };
  const user = { id: 'u-1', email: 'ada@example.com', displayName: 'Ada' };

  it('puts the event in the session workspace with the user as actor', () => {
    expect(accountContext(origin, user, 'ws-1')).toEqual({
      ...origin,
      workspaceId: 'ws-1',
      layer: 'workspace',
      actor: { kind: 'user', id: 'u-1', name: 'Ada' },
    });
  });

  it("keeps the request's actor when it is the account, so an impersonating admin stays on the event", () => {
    const impersonated = { kind: 'user' as const, id: 'u-1', name: 'Ada', impersonatorId: 'admin-1' };
    expect(accountContext({ ...origin, actor: impersonated }, user, 'ws-1').actor).toEqual(impersonated);
    const someoneElse = { kind: 'user' as const, id: 'u-2', name: 'Bob', impersonatorId: 'admin-1' };
    expect(accountContext({ ...origin, actor: someoneElse }, user, 'ws-1').actor).toEqual({ kind: 'user', id: 'u-1', name: 'Ada' });
  });

  it('falls back to the platform and to System', () => {
    expect(accountContext(origin, undefined, null)).toEqual({ ...origin, workspaceId: 'platform', layer: 'platform', actor: undefined });
  });
});
