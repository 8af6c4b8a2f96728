import {
  can,
  type Decider,
  DomainError,
  type Workspace,
  type WorkspaceCommand,
  workspaceDecider,
  type WorkspaceEvent,
  type WorkspaceRole,
} from '@trailmark/domain';

/**
 * The workspace decider as `actorRole` may drive it: only those allowed to
 * transfer ownership (owners) may grant the owner role or take it away. The
 * check runs on the state the decider itself loaded, so a role changed in
 * between cannot slip past it.
 */
export function workspaceDeciderFor(actorRole: WorkspaceRole): Decider<Workspace, WorkspaceCommand, WorkspaceEvent> {
  return {
    ...workspaceDecider,
    decide: (command, state, context) => {
      if (touchesOwnerRole(command, state) && !can(actorRole, 'workspace.transfer_ownership')) {
        throw new DomainError('owner_role_requires_owner', 'Only an owner can grant or remove the owner role');
      }
      return workspaceDecider.decide(command, state, context);
    },
  };
}

function touchesOwnerRole(command: WorkspaceCommand, state: Workspace): boolean {
  switch (command.type) {
    case 'InviteMember':
      return command.data.role === 'owner';
    case 'ChangeMemberRole': {
      const current = state.members[command.data.userId]?.role;
      return current !== command.data.role && (current === 'owner' || command.data.role === 'owner');
    }
    case 'RemoveMember':
      return state.members[command.data.userId]?.role === 'owner';
    default:
      return false;
  }
}
