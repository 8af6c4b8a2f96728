import { DomainError, fold, type WorkspaceCommand, workspaceDecider, type WorkspaceEvent, type WorkspaceRole } from '@trailmark/domain';
import { workspaceDeciderFor } from './owner-role.policy';

const workspaceId = 'ws-1';
const history: WorkspaceEvent[] = [
  { type: 'WorkspaceCreated', data: { workspaceId, name: 'Acme', owner: { userId: 'owner-1', email: 'owner@acme.test' }, settings: {} } },
  { type: 'MemberInvited', data: { workspaceId, invitationId: 'inv-1', email: 'owner2@acme.test', role: 'owner' } },
  { type: 'MemberJoined', data: { workspaceId, invitationId: 'inv-1', userId: 'owner-2', email: 'owner2@acme.test', role: 'owner' } },
  { type: 'MemberInvited', data: { workspaceId, invitationId: 'inv-2', email: 'agent@acme.test', role: 'agent' } },
  { type: 'MemberJoined', data: { workspaceId, invitationId: 'inv-2', userId: 'agent-1', email: 'agent@acme.test', role: 'agent' } },
];
const state = fold(workspaceDecider.evolve, workspaceDecider.initialState(), history);
const context = { now: new Date('2026-01-01T00:00:00Z'), newId: () => 'inv-9' };

const decideAs = (role: WorkspaceRole, command: WorkspaceCommand) => () => workspaceDeciderFor(role).decide(command, state, context);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : error;
  }
  return undefined;
};

describe('workspaceDeciderFor(role): only owners grant or take away the owner role', () => {
  const ownerCommands: Array<[string, WorkspaceCommand]> = [
    ['invite an owner', { type: 'InviteMember', data: { workspaceId, email: 'new@acme.test', role: 'owner' } }],
    ['promote to owner', { type: 'ChangeMemberRole', data: { workspaceId, userId: 'agent-1', role: 'owner' } }],
    ['demote an owner', { type: 'ChangeMemberRole', data: { workspaceId, userId: 'owner-2', role: 'admin' } }],
    ['remove an owner', { type: 'RemoveMember', data: { workspaceId, userId: 'owner-2' } }],
  ];

  it.each(ownerCommands)('refuses an admin to %s', (_, command) => {
    expect(refusal(decideAs('admin', command))).toBe('owner_role_requires_owner');
  });

  it.each(ownerCommands)('lets an owner %s', (_, command) => {
    expect(refusal(decideAs('owner', command))).toBeUndefined();
  });

  it.each<[string, WorkspaceCommand]>([
    ['invite an admin', { type: 'InviteMember', data: { workspaceId, email: 'new@acme.test', role: 'admin' } }],
    ['promote an agent to admin', { type: 'ChangeMemberRole', data: { workspaceId, userId: 'agent-1', role: 'admin' } }],
    ['remove an agent', { type: 'RemoveMember', data: { workspaceId, userId: 'agent-1' } }],
    ['keep an owner an owner (nothing happens)', { type: 'ChangeMemberRole', data: { workspaceId, userId: 'owner-2', role: 'owner' } }],
  ])('lets an admin %s', (_, command) => {
    expect(refusal(decideAs('admin', command))).toBeUndefined();
  });

  it('leaves the other rules to the workspace decider', () => {
    expect(refusal(decideAs('admin', { type: 'RemoveMember', data: { workspaceId, userId: 'stranger' } }))).toBe('member_not_found');
  });
});
