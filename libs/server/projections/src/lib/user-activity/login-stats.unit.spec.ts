import { foldLoginStats } from './login-stats';
import type { ActivityFact, SignInAttempt, SignInFact } from './user-activity-fact';

const at = (time: string, day = '01') => `2026-03-${day}T${time}:00.000Z`;
const position = (n: number) => `p${String(n).padStart(2, '0')}`;
const signIn = (n: number, time: string, extra: Partial<SignInFact> = {}): SignInAttempt => ({
  workspaceId: 'ws1',
  fact: {
    kind: 'sign-in', position: position(n), eventId: `e${n}`, userId: 'u1', userKind: 'member', userName: 'Ada', result: 'success', reason: null,
    ip: '203.0.113.10', device: { type: 'desktop', os: 'macOS 14.5', browser: 'Safari 17' }, occurredAt: at(time), workspaceId: 'ws1', toMemberWorkspaces: true,
    ...extra,
  },
});
const act = (n: number, time: string, extra: Partial<ActivityFact> = {}): ActivityFact => ({
  kind: 'activity', position: position(n), workspaceId: 'ws1', userId: 'u1', userKind: 'member', userName: 'Ada', occurredAt: at(time), ...extra,
});

describe('login stats of a batch', () => {
  it('counts sign-ins, failures and activity per user; the latest sign-in by time, a later position winning a tie', () => {
    const attempts = [
      signIn(2, '10:00', { ip: '203.0.113.1' }),
      signIn(4, '10:00', { ip: '203.0.113.2' }),
      signIn(5, '09:00', { ip: '203.0.113.3' }),
      signIn(6, '11:00', { result: 'failure', reason: 'wrong_password', ip: '203.0.113.4' }),
    ];
    const { stats } = foldLoginStats(attempts, [act(1, '08:00', { userName: 'Ada L.' }), act(3, '12:00', { userName: null })]);
    expect(stats).toEqual([
      {
        workspace_id: 'ws1', user_id: 'u1', user_kind: 'member', user_name: 'Ada', login_count: 3, failure_count: 1, activity_count: 5,
        last_login_at: at('10:00'), last_ip: '203.0.113.2', last_device_type: 'desktop', last_device_os: 'macOS 14.5', last_device_browser: 'Safari 17',
        last_failure_at: at('11:00'), last_activity_at: at('12:00'), last_position: 'p06',
      },
    ]);
  });

  it('keeps users and workspaces apart, takes the kind from the first fact and the name from the latest that gives one', () => {
    const attempts = [signIn(2, '10:00', { userKind: 'host', userName: null }), { ...signIn(3, '10:30'), workspaceId: 'ws2' }];
    const { stats } = foldLoginStats(attempts, [act(1, '09:00', { userId: 'u2', userName: 'Bob' }), act(4, '11:00', { userName: 'Ada' })]);
    expect(stats.map(({ workspace_id, user_id, user_kind, user_name, login_count, activity_count }) => ({ workspace_id, user_id, user_kind, user_name, login_count, activity_count }))).toEqual([
      { workspace_id: 'ws1', user_id: 'u2', user_kind: 'member', user_name: 'Bob', login_count: 0, activity_count: 1 },
      { workspace_id: 'ws1', user_id: 'u1', user_kind: 'host', user_name: 'Ada', login_count: 1, activity_count: 2 },
      { workspace_id: 'ws2', user_id: 'u1', user_kind: 'member', user_name: 'Ada', login_count: 1, activity_count: 1 },
    ]);
  });

  it('adds successful sign-ins and acts, not failures, to the UTC day they happened on', () => {
    const attempts = [signIn(1, '23:59'), signIn(2, '10:00', { result: 'failure' }), signIn(3, '00:00', { occurredAt: '2026-03-02T01:00:00.000+02:00' })];
    const { activeDays } = foldLoginStats(attempts, [act(4, '08:00', { occurredAt: at('08:00', '02') })]);
    expect(activeDays).toEqual([
      { workspace_id: 'ws1', user_id: 'u1', day: '2026-03-01', events: 2 },
      { workspace_id: 'ws1', user_id: 'u1', day: '2026-03-02', events: 1 },
    ]);
  });
});
