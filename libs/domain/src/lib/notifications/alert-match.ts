import type { WorkspaceRole } from '../workspace/workspace-role';
import { can } from '../workspace/workspace-permissions';
import type { AlertMatch, AlertScope } from './alert-rule.events';

/** What a rule looks at in an event. `aboutUserId` is the member the event concerns, when it names one. */
export interface AlertSubject {
  type: string;
  category: string;
  result: string;
  actorId: string | null;
  aboutUserId: string | null;
}

export interface AlertMember {
  userId: string;
  role: WorkspaceRole;
}

/** Any listed type or category, then every filter given. */
export function matchesAlert(match: AlertMatch, subject: AlertSubject): boolean {
  const named = match.eventTypes.includes(subject.type) || match.categories.includes(subject.category);
  if (!named) return false;
  if (match.result !== undefined && match.result !== subject.result) return false;
  return match.actorId === undefined || match.actorId === subject.actorId;
}

/**
 * The members a matching rule alerts. A workspace rule alerts the members
 * named or holding a listed role. A personal rule alerts its owner while a
 * member, and only about what the owner may read: the whole workspace's
 * activity, or else what they did or what concerns them.
 */
export function alertRecipients(scope: AlertScope, members: readonly AlertMember[], subject: AlertSubject): string[] {
  if (scope.kind === 'workspace') {
    return members.filter(({ userId, role }) => scope.userIds.includes(userId) || scope.roles.includes(role)).map(({ userId }) => userId);
  }
  const owner = members.find(({ userId }) => userId === scope.ownerId);
  if (!owner) return [];
  const mayRead = can(owner.role, 'activity.read_workspace') || subject.actorId === owner.userId || subject.aboutUserId === owner.userId;
  return mayRead ? [owner.userId] : [];
}
