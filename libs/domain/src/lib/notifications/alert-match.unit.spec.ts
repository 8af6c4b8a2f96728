import { alertRecipients, type AlertMember, type AlertSubject, matchesAlert } from './alert-match';

const subject: AlertSubject = { type: 'SignInFailed', category: 'Auth', result: 'failure', actorId: 'u-agent', aboutUserId: 'u-agent' };
const members: AlertMember[] = [
  { userId: 'u-owner', role: 'owner' },
  { userId: 'u-admin', role: 'admin' },
  { userId: 'u-agent', role: 'agent' },
  { userId: 'u-viewer', role: 'viewer' },
];

describe('matchesAlert', () => {
  it('matches by type or by category', () => {
    expect(matchesAlert({ eventTypes: ['SignInFailed'], categories: [] }, subject)).toBe(true);
    expect(matchesAlert({ eventTypes: [], categories: ['Auth'] }, subject)).toBe(true);
    expect(matchesAlert({ eventTypes: ['SignedIn'], categories: ['Records'] }, subject)).toBe(false);
  });

  it('narrows by result and actor', () => {
    expect(matchesAlert({ eventTypes: [], categories: ['Auth'], result: 'success' }, subject)).toBe(false);
    expect(matchesAlert({ eventTypes: [], categories: ['Auth'], result: 'failure', actorId: 'u-agent' }, subject)).toBe(true);
    expect(matchesAlert({ eventTypes: [], categories: ['Auth'], actorId: 'u-admin' }, subject)).toBe(false);
  });
});

describe('alertRecipients', () => {
  it('alerts the members named and those holding a listed role, each once', () => {
    expect(alertRecipients({ kind: 'workspace', userIds: ['u-viewer', 'u-admin'], roles: ['admin', 'owner'] }, members, subject)).toEqual(['u-owner', 'u-admin', 'u-viewer']);
  });

  it('alerts the owner of a personal rule who reads the whole workspace', () => {
    expect(alertRecipients({ kind: 'personal', ownerId: 'u-admin' }, members, subject)).toEqual(['u-admin']);
  });

  it('alerts an agent only about what they did or what concerns them', () => {
    expect(alertRecipients({ kind: 'personal', ownerId: 'u-agent' }, members, subject)).toEqual(['u-agent']);
    expect(alertRecipients({ kind: 'personal', ownerId: 'u-viewer' }, members, subject)).toEqual([]);
  });

  it('alerts nobody through the personal rule of someone no longer a member', () => {
    expect(alertRecipients({ kind: 'personal', ownerId: 'u-gone' }, members, subject)).toEqual([]);
  });
});
