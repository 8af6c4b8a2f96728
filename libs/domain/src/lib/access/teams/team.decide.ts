import { type Decider, DomainError } from '../../decider';
import { detailChanges } from '../details';
import type { AddTeamMember, CreateTeam, DeleteTeam, RemoveTeamMember, TeamCommand, UpdateTeam } from './team.commands';
import type { TeamCreated, TeamDeleted, TeamEvent, TeamMemberAdded, TeamMemberRemoved, TeamUpdated } from './team.events';
import { evolveTeam, initialTeam, type Team } from './team.state';

export function createTeam({ data }: CreateTeam, state: Team): TeamCreated[] {
  if (state.status !== 'absent') throw new DomainError('team_already_exists', `Team ${data.teamId} already exists`);
  return [{ type: 'TeamCreated', data: { ...data, description: data.description ?? '' } }];
}

export function updateTeam({ data }: UpdateTeam, state: Team): TeamUpdated[] {
  requireTeam(state, data.teamId);
  const changes = detailChanges(state.details, data);
  return Object.keys(changes).length === 0 ? [] : [{ type: 'TeamUpdated', data: { teamId: data.teamId, changes } }];
}

export function deleteTeam({ data }: DeleteTeam, state: Team): TeamDeleted[] {
  requireTeam(state, data.teamId);
  return [{ type: 'TeamDeleted', data }];
}

export function addTeamMember({ data }: AddTeamMember, state: Team): TeamMemberAdded[] {
  requireTeam(state, data.teamId);
  if (state.members.includes(data.userId)) throw new DomainError('already_team_member', `${data.userId} is already in team ${data.teamId}`);
  return [{ type: 'TeamMemberAdded', data }];
}

export function removeTeamMember({ data }: RemoveTeamMember, state: Team): TeamMemberRemoved[] {
  requireTeam(state, data.teamId);
  if (!state.members.includes(data.userId)) throw new DomainError('not_team_member', `${data.userId} is not in team ${data.teamId}`);
  return [{ type: 'TeamMemberRemoved', data }];
}

export function decideTeam(command: TeamCommand, state: Team): TeamEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateTeam':
      return createTeam(command, state);
    case 'UpdateTeam':
      return updateTeam(command, state);
    case 'DeleteTeam':
      return deleteTeam(command, state);
    case 'AddTeamMember':
      return addTeamMember(command, state);
    case 'RemoveTeamMember':
      return removeTeamMember(command, state);
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const teamDecider: Decider<Team, TeamCommand, TeamEvent> = {
  initialState: initialTeam,
  evolve: evolveTeam,
  decide: decideTeam,
};

function requireTeam(state: Team, teamId: string): void {
  if (state.status !== 'active') throw new DomainError('team_not_found', `Team ${teamId} does not exist`);
}
