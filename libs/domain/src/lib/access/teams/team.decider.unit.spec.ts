import { deciderSpec, fixedContext } from '../../decider-spec';
import { teamDecider } from './team.decide';
import type { TeamEvent } from './team.events';

const teamId = 'team-1';
const given = (events: TeamEvent[]) => deciderSpec(teamDecider, fixedContext()).given(events);

const created: TeamEvent = { type: 'TeamCreated', data: { teamId, workspaceId: 'ws-1', name: 'Support', description: 'First line' } };
const deleted: TeamEvent = { type: 'TeamDeleted', data: { teamId } };
const added = (userId: string): TeamEvent => ({ type: 'TeamMemberAdded', data: { teamId, userId } });
const removed = (userId: string): TeamEvent => ({ type: 'TeamMemberRemoved', data: { teamId, userId } });

describe('team decider', () => {
  describe('CreateTeam', () => {
    const create = { type: 'CreateTeam' as const, data: { teamId, workspaceId: 'ws-1', name: 'Support', description: 'First line' } };

    it('creates a team', () => {
      given([]).when(create).then([created]);
    });

    it('creates a team without a description', () => {
      given([])
        .when({ type: 'CreateTeam', data: { teamId, workspaceId: 'ws-1', name: 'Support' } })
        .then([{ type: 'TeamCreated', data: { teamId, workspaceId: 'ws-1', name: 'Support', description: '' } }]);
    });

    it('refuses to create the same team twice', () => {
      given([created]).when(create).thenThrows('team_already_exists');
    });

    it('refuses to reuse the id of a deleted team', () => {
      given([created, deleted]).when(create).thenThrows('team_already_exists');
    });
  });

  describe('UpdateTeam', () => {
    const update = (data: { name?: string; description?: string }) => ({ type: 'UpdateTeam' as const, data: { teamId, ...data } });

    it('renames a team', () => {
      given([created])
        .when(update({ name: 'Escalations' }))
        .then([{ type: 'TeamUpdated', data: { teamId, changes: { name: { previous: 'Support', current: 'Escalations' } } } }]);
    });

    it('records only the fields that change', () => {
      given([created])
        .when(update({ name: 'Support', description: 'Second line' }))
        .then([{ type: 'TeamUpdated', data: { teamId, changes: { description: { previous: 'First line', current: 'Second line' } } } }]);
    });

    it('compares with the details as last updated', () => {
      given([created, { type: 'TeamUpdated', data: { teamId, changes: { name: { previous: 'Support', current: 'Escalations' } } } }])
        .when(update({ name: 'Escalations', description: 'First line' }))
        .then([]);
    });

    it('records nothing when nothing changes', () => {
      given([created]).when(update({})).then([]);
    });

    it('refuses a deleted team', () => {
      given([created, deleted]).when(update({ name: 'Escalations' })).thenThrows('team_not_found');
    });

    it('refuses a team that does not exist', () => {
      given([]).when(update({ name: 'Escalations' })).thenThrows('team_not_found');
    });
  });

  describe('DeleteTeam', () => {
    const remove = { type: 'DeleteTeam' as const, data: { teamId } };

    it('deletes a team', () => {
      given([created, added('user-1')]).when(remove).then([deleted]);
    });

    it('refuses to delete twice', () => {
      given([created, deleted]).when(remove).thenThrows('team_not_found');
    });

    it('refuses a team that does not exist', () => {
      given([]).when(remove).thenThrows('team_not_found');
    });
  });

  describe('AddTeamMember', () => {
    const add = (userId: string) => ({ type: 'AddTeamMember' as const, data: { teamId, userId } });

    it('adds a member', () => {
      given([created]).when(add('user-1')).then([added('user-1')]);
    });

    it('refuses someone already in the team', () => {
      given([created, added('user-1')]).when(add('user-1')).thenThrows('already_team_member');
    });

    it('adds back someone who was removed', () => {
      given([created, added('user-1'), removed('user-1')]).when(add('user-1')).then([added('user-1')]);
    });

    it('refuses a deleted team', () => {
      given([created, deleted]).when(add('user-1')).thenThrows('team_not_found');
    });
  });

  describe('RemoveTeamMember', () => {
    const remove = (userId: string) => ({ type: 'RemoveTeamMember' as const, data: { teamId, userId } });

    it('removes a member', () => {
      given([created, added('user-1'), added('user-2')]).when(remove('user-1')).then([removed('user-1')]);
    });

    it('refuses someone not in the team', () => {
      given([created, added('user-2')]).when(remove('user-1')).thenThrows('not_team_member');
    });

    it('refuses someone already removed', () => {
      given([created, added('user-1'), removed('user-1')]).when(remove('user-1')).thenThrows('not_team_member');
    });

    it('refuses a team that does not exist', () => {
      given([]).when(remove('user-1')).thenThrows('team_not_found');
    });
  });
});
