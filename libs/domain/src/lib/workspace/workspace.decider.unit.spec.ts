import { deciderSpec, fixedContext } from '../decider-spec';
import { workspaceDecider } from './workspace.decide';
import type { WorkspaceEvent } from './workspace.events';
import type { WorkspaceRole } from './workspace-role';

const workspaceId = 'ws-1';
const given = (events: WorkspaceEvent[]) => deciderSpec(workspaceDecider, fixedContext(undefined, ['inv-9'])).given(events);

const created: WorkspaceEvent = {
  type: 'WorkspaceCreated',
  data: { workspaceId, name: 'Acme', owner: { userId: 'owner-1', email: 'owner@acme.test' }, settings: { timezone: 'UTC' } },
};
const invited = (invitationId: string, email: string, role: WorkspaceRole): WorkspaceEvent => ({
  type: 'MemberInvited',
  data: { workspaceId, invitationId, email, role },
});
const joined = (invitationId: string, userId: string, email: string, role: WorkspaceRole): WorkspaceEvent => ({
  type: 'MemberJoined',
  data: { workspaceId, invitationId, userId, email, role },
});
const withMember = (userId: string, role: WorkspaceRole): WorkspaceEvent[] => [
  invited(`inv-${userId}`, `${userId}@acme.test`, role),
  joined(`inv-${userId}`, userId, `${userId}@acme.test`, role),
];

describe('workspace decider', () => {
  describe('CreateWorkspace', () => {
    const create = {
      type: 'CreateWorkspace' as const,
      data: { workspaceId, name: 'Acme', owner: { userId: 'owner-1', email: 'owner@acme.test' }, settings: { timezone: 'UTC' } },
    };

    it('creates the workspace with its first owner', () => {
      given([]).when(create).then([created]);
    });

    it('starts with no settings when none are given', () => {
      const { settings: _settings, ...withoutSettings } = create.data;
      given([])
        .when({ type: 'CreateWorkspace', data: withoutSettings })
        .then([{ type: 'WorkspaceCreated', data: { ...withoutSettings, settings: {} } }]);
    });

    it('refuses to create a workspace twice', () => {
      given([created]).when(create).thenThrows('workspace_already_exists');
    });
  });

  describe('RenameWorkspace', () => {
    const rename = (name: string) => ({ type: 'RenameWorkspace' as const, data: { workspaceId, name } });

    it('renames, keeping the previous name', () => {
      given([created])
        .when(rename('Acme Support'))
        .then([{ type: 'WorkspaceRenamed', data: { workspaceId, previousName: 'Acme', name: 'Acme Support' } }]);
    });

    it('uses the latest name as the previous one', () => {
      given([created, { type: 'WorkspaceRenamed', data: { workspaceId, previousName: 'Acme', name: 'Acme Support' } }])
        .when(rename('Acme Help'))
        .then([{ type: 'WorkspaceRenamed', data: { workspaceId, previousName: 'Acme Support', name: 'Acme Help' } }]);
    });

    it('records nothing when the name is unchanged', () => {
      given([created]).when(rename('Acme')).then([]);
    });

    it('refuses a workspace that does not exist', () => {
      given([]).when(rename('Acme')).thenThrows('workspace_not_found');
    });
  });

  describe('ChangeWorkspaceSettings', () => {
    const change = (settings: Record<string, string | number | boolean | null>) => ({
      type: 'ChangeWorkspaceSettings' as const,
      data: { workspaceId, settings },
    });

    it('records each changed setting with its previous and new value', () => {
      given([created])
        .when(change({ timezone: 'Europe/Paris', retentionDays: 365 }))
        .then([
          {
            type: 'WorkspaceSettingsChanged',
            data: {
              workspaceId,
              changes: [
                { setting: 'timezone', previous: 'UTC', current: 'Europe/Paris' },
                { setting: 'retentionDays', previous: null, current: 365 },
              ],
            },
          },
        ]);
    });

    it('leaves out settings whose value is unchanged', () => {
      given([created])
        .when(change({ timezone: 'UTC', captureIp: false }))
        .then([{ type: 'WorkspaceSettingsChanged', data: { workspaceId, changes: [{ setting: 'captureIp', previous: null, current: false }] } }]);
    });

    it('compares with the settings as last changed', () => {
      given([
        created,
        { type: 'WorkspaceSettingsChanged', data: { workspaceId, changes: [{ setting: 'timezone', previous: 'UTC', current: 'Asia/Tokyo' }] } },
      ])
        .when(change({ timezone: 'Asia/Tokyo' }))
        .then([]);
    });

    it('records nothing when nothing changed', () => {
      given([created]).when(change({ timezone: 'UTC', unset: null })).then([]);
    });

    it('refuses a workspace that does not exist', () => {
      given([]).when(change({ timezone: 'UTC' })).thenThrows('workspace_not_found');
    });
  });

  describe('InviteMember', () => {
    const invite = (email: string, role: WorkspaceRole = 'agent') => ({ type: 'InviteMember' as const, data: { workspaceId, email, role } });

    it('invites someone with a role', () => {
      given([created]).when(invite('new@acme.test', 'auditor')).then([invited('inv-9', 'new@acme.test', 'auditor')]);
    });

    it('refuses to invite an existing member, whatever the case of the address', () => {
      given([created]).when(invite('OWNER@acme.test')).thenThrows('already_member');
    });

    it('refuses to invite someone already invited', () => {
      given([created, invited('inv-1', 'new@acme.test', 'agent')]).when(invite('new@acme.test')).thenThrows('already_invited');
    });

    it('invites a removed member again', () => {
      given([created, ...withMember('agent-1', 'agent'), { type: 'MemberRemoved', data: { workspaceId, userId: 'agent-1', role: 'agent' } }])
        .when(invite('agent-1@acme.test'))
        .then([invited('inv-9', 'agent-1@acme.test', 'agent')]);
    });

    it('refuses a workspace that does not exist', () => {
      given([]).when(invite('new@acme.test')).thenThrows('workspace_not_found');
    });
  });

  describe('JoinWorkspace', () => {
    const join = (invitationId: string, userId: string) => ({ type: 'JoinWorkspace' as const, data: { workspaceId, invitationId, userId } });

    it('joins with the role of the invitation', () => {
      given([created, invited('inv-1', 'new@acme.test', 'viewer')])
        .when(join('inv-1', 'user-7'))
        .then([joined('inv-1', 'user-7', 'new@acme.test', 'viewer')]);
    });

    it('refuses an invitation that does not exist', () => {
      given([created]).when(join('inv-1', 'user-7')).thenThrows('invitation_not_found');
    });

    it('refuses an invitation already used', () => {
      given([created, ...withMember('user-7', 'agent')]).when(join('inv-user-7', 'user-8')).thenThrows('invitation_not_found');
    });

    it('refuses a user who is already a member', () => {
      given([created, invited('inv-1', 'other@acme.test', 'agent')]).when(join('inv-1', 'owner-1')).thenThrows('already_member');
    });

    it('refuses a workspace that does not exist', () => {
      given([]).when(join('inv-1', 'user-7')).thenThrows('workspace_not_found');
    });
  });

  describe('ChangeMemberRole', () => {
    const changeRole = (userId: string, role: WorkspaceRole) => ({ type: 'ChangeMemberRole' as const, data: { workspaceId, userId, role } });

    it('changes a member role, keeping the previous one', () => {
      given([created, ...withMember('agent-1', 'agent')])
        .when(changeRole('agent-1', 'admin'))
        .then([{ type: 'MemberRoleChanged', data: { workspaceId, userId: 'agent-1', previousRole: 'agent', role: 'admin' } }]);
    });

    it('records nothing when the role is unchanged', () => {
      given([created, ...withMember('agent-1', 'agent')]).when(changeRole('agent-1', 'agent')).then([]);
    });

    it('refuses to demote the last owner', () => {
      given([created, ...withMember('admin-1', 'admin')]).when(changeRole('owner-1', 'admin')).thenThrows('last_owner');
    });

    it('demotes an owner while another owner remains', () => {
      given([created, ...withMember('admin-1', 'admin'), { type: 'MemberRoleChanged', data: { workspaceId, userId: 'admin-1', previousRole: 'admin', role: 'owner' } }])
        .when(changeRole('owner-1', 'admin'))
        .then([{ type: 'MemberRoleChanged', data: { workspaceId, userId: 'owner-1', previousRole: 'owner', role: 'admin' } }]);
    });

    it('refuses someone who is not a member', () => {
      given([created]).when(changeRole('stranger', 'admin')).thenThrows('member_not_found');
    });

    it('refuses a member who was removed', () => {
      given([created, ...withMember('agent-1', 'agent'), { type: 'MemberRemoved', data: { workspaceId, userId: 'agent-1', role: 'agent' } }])
        .when(changeRole('agent-1', 'admin'))
        .thenThrows('member_not_found');
    });

    it('refuses a workspace that does not exist', () => {
      given([]).when(changeRole('agent-1', 'admin')).thenThrows('workspace_not_found');
    });
  });

  describe('RemoveMember', () => {
    const remove = (userId: string) => ({ type: 'RemoveMember' as const, data: { workspaceId, userId } });

    it('removes a member, recording the role they held', () => {
      given([created, ...withMember('agent-1', 'agent')])
        .when(remove('agent-1'))
        .then([{ type: 'MemberRemoved', data: { workspaceId, userId: 'agent-1', role: 'agent' } }]);
    });

    it('refuses to remove the last owner', () => {
      given([created, ...withMember('admin-1', 'admin')]).when(remove('owner-1')).thenThrows('last_owner');
    });

    it('removes an owner while another owner remains', () => {
      given([created, ...withMember('owner-2', 'owner')])
        .when(remove('owner-1'))
        .then([{ type: 'MemberRemoved', data: { workspaceId, userId: 'owner-1', role: 'owner' } }]);
    });

    it('refuses someone who is not a member', () => {
      given([created]).when(remove('stranger')).thenThrows('member_not_found');
    });

    it('refuses a workspace that does not exist', () => {
      given([]).when(remove('owner-1')).thenThrows('workspace_not_found');
    });
  });
});
