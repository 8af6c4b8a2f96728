import { Injectable } from '@nestjs/common';
import { streams } from '@trailmark/contracts';
import { DomainError, teamDecider, userGroupsDecider } from '@trailmark/domain';
import { AdminCommands } from './admin-commands';
import { AdminDirectory } from './admin-directory';

/**
 * Commands that name someone or something else in the workspace (a team
 * member, a grantee, an audience) are refused when it is not there, with the
 * same codes the deciders use.
 */
@Injectable()
export class References {
  constructor(
    private readonly directory: AdminDirectory,
    private readonly commands: AdminCommands,
  ) {}

  async requireMember(workspaceId: string, userId: string): Promise<void> {
    if (!(await this.directory.isMember(workspaceId, userId))) {
      throw new DomainError('member_not_found', `${userId} is not a member of workspace ${workspaceId}`);
    }
  }

  async requireTeam(workspaceId: string, teamId: string): Promise<void> {
    const { state } = await this.commands.load(streams.team(workspaceId, teamId), teamDecider);
    if (state.status !== 'active') throw new DomainError('team_not_found', `Team ${teamId} does not exist`);
  }

  async requireGroup(workspaceId: string, groupId: string): Promise<void> {
    const { state } = await this.commands.load(streams.groups(workspaceId), userGroupsDecider);
    if (!state.groups[groupId]) throw new DomainError('group_not_found', `Group ${groupId} does not exist`);
  }
}
