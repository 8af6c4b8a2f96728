import type { Command } from '../../decider';

export type CreateTeam = Command<'CreateTeam', { teamId: string; workspaceId: string; name: string; description?: string }>;
/** Fields left out stay as they are. */
export type UpdateTeam = Command<'UpdateTeam', { teamId: string; name?: string; description?: string }>;
export type DeleteTeam = Command<'DeleteTeam', { teamId: string }>;
/** Workspace membership of the user is checked by the application against the workspace. */
export type AddTeamMember = Command<'AddTeamMember', { teamId: string; userId: string }>;
export type RemoveTeamMember = Command<'RemoveTeamMember', { teamId: string; userId: string }>;

export type TeamCommand = CreateTeam | UpdateTeam | DeleteTeam | AddTeamMember | RemoveTeamMember;
