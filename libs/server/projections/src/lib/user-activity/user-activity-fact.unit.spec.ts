import type { Position, RecordedEvent } from '@trailmark/event-store';
import { deviceKey, hostSignInAction, userActivityFacts } from './user-activity-fact';

const event = (streamName: string, type: string, data: object, metadata: Record<string, unknown>): RecordedEvent => ({
  id: 'e1',
  streamName,
  type,
  data,
  metadata: { occurredAt: '2026-03-01T10:00:00.000Z', result: 'success', ...metadata },
  revision: 0,
  position: '00000000000000000001:00000000000000000001' as Position,
  recordedAt: new Date('2026-03-01T10:00:05.000Z'),
});

const ada = { kind: 'user', id: 'u1', name: 'Ada' };
const device = { type: 'desktop', os: 'macOS 14.5', browser: 'Safari 17' };

describe('user activity facts', () => {
  it("takes a Trailmark sign-in to the account's workspaces, without the sign-in service's 'unknown' address", () => {
    const signedIn = event('user-platform.u1', 'SignedIn', { userId: 'u1', ip: 'unknown' }, { workspaceId: 'ws1', layer: 'workspace', actor: ada, device });
    expect(userActivityFacts(signedIn)).toEqual([
      expect.objectContaining({ kind: 'sign-in', userId: 'u1', userKind: 'member', userName: 'Ada', result: 'success', ip: null, device, workspaceId: 'ws1', toMemberWorkspaces: true }),
    ]);
  });

  it('reads a failure, its reason and address; a platform-level attempt names no workspace', () => {
    const failed = event('user-platform.u1', 'SignInFailed', { userId: 'u1', reason: 'wrong_password', ip: '198.51.100.7' }, { workspaceId: 'platform', actor: ada, result: 'failure' });
    expect(userActivityFacts(failed)).toEqual([
      expect.objectContaining({ result: 'failure', reason: 'wrong_password', ip: '198.51.100.7', device: null, workspaceId: null }),
    ]);
  });

  it("counts a host app's sign-in, mapped or as a generic action, in the key's workspace only", () => {
    const host = { workspaceId: 'ws1', actor: { kind: 'host_actor', id: 'agent-7', name: 'Grace' }, ip: '203.0.113.9' };
    const mapped = event('activity-ws1.user_agent-7', 'SignedIn', { userId: 'agent-7', ip: '203.0.113.9' }, host);
    const generic = event('activity-ws1.user_agent-7', 'ActivityRecorded', { action: 'auth.login_failed' }, host);
    expect(userActivityFacts(mapped)).toEqual([expect.objectContaining({ userId: 'agent-7', userKind: 'host', result: 'success', toMemberWorkspaces: false })]);
    expect(userActivityFacts(generic)).toEqual([expect.objectContaining({ userId: 'agent-7', userName: 'Grace', result: 'failure', ip: '203.0.113.9' })]);
  });

  it('counts other acts of members and host users in their workspace, not those of System, impersonators or platform events', () => {
    const assigned = event('ticket-ws1.T-1', 'TicketAssigned', {}, { workspaceId: 'ws1', actor: ada });
    expect(userActivityFacts(assigned)).toEqual([
      { kind: 'activity', position: assigned.position, workspaceId: 'ws1', userId: 'u1', userKind: 'member', userName: 'Ada', occurredAt: '2026-03-01T10:00:00.000Z' },
    ]);
    expect(userActivityFacts(event('ticket-ws1.T-1', 'TicketAssigned', {}, { workspaceId: 'ws1', actor: { ...ada, impersonatorId: 'root' } }))).toEqual([]);
    expect(userActivityFacts(event('ticket-ws1.T-1', 'TicketAssigned', {}, { workspaceId: 'ws1', actor: { kind: 'system', id: 'system', name: 'System' } }))).toEqual([]);
    expect(userActivityFacts(event('user-platform.u1', 'SignedOut', {}, { workspaceId: 'platform', actor: ada }))).toEqual([]);
    expect(userActivityFacts(event('user-platform.u1', 'AccountLocked', {}, { workspaceId: 'ws1', actor: ada }))).toEqual([]);
  });

  it('follows memberships, and counts joining as the member acting', () => {
    const joined = userActivityFacts(event('workspace-ws1.ws1', 'MemberJoined', { workspaceId: 'ws1', userId: 'u1' }, { workspaceId: 'ws1', actor: ada }));
    expect(joined.map((fact) => fact.kind)).toEqual(['joined', 'activity']);
    const created = userActivityFacts(event('workspace-ws1.ws1', 'WorkspaceCreated', { workspaceId: 'ws1', owner: { userId: 'u1' } }, { workspaceId: 'ws1' }));
    expect(created).toEqual([{ kind: 'joined', workspaceId: 'ws1', userId: 'u1' }]);
  });

  it('recognises host sign-in actions by their last segment', () => {
    expect(['login', 'auth.login', 'user.logged_in', 'session.signIn', 'sso:sign-in'].map(hostSignInAction)).toEqual(Array(5).fill({ failed: false }));
    expect(['login_failed', 'auth.failed_login', 'user.signInFailed'].map(hostSignInAction)).toEqual(Array(3).fill({ failed: true }));
    expect(['user.logout', 'login.page_viewed', 'invoice.paid'].map(hostSignInAction)).toEqual([undefined, undefined, undefined]);
  });

  it('keys devices without versions', () => {
    expect(deviceKey(device)).toBe(deviceKey({ type: 'desktop', os: 'macOS 15.0', browser: 'Safari 18' }));
    expect(deviceKey({ type: 'mobile', os: 'iOS 17.4', browser: 'Mobile Safari 17' })).toBe('mobile|iOS|Mobile Safari');
  });
});
