import { applyDetailChanges, type Details } from '../details';
import type { TeamEvent } from './team.events';

export interface Team {
  status: 'absent' | 'active' | 'deleted';
  details: Details;
  members: readonly string[];
}

export const initialTeam = (): Team => ({ status: 'absent', details: { name: '', description: '' }, members: [] });

export function evolveTeam(state: Team, event: TeamEvent): Team {
  const { type, data } = event;
  switch (type) {
    case 'TeamCreated':
      return { status: 'active', details: { name: data.name, description: data.description }, members: [] };
    case 'TeamUpdated':
      return { ...state, details: applyDetailChanges(state.details, data.changes) };
    case 'TeamDeleted':
      return { ...state, status: 'deleted' };
    case 'TeamMemberAdded':
      return { ...state, members: [...state.members, data.userId] };
    case 'TeamMemberRemoved':
      return { ...state, members: state.members.filter((userId) => userId !== data.userId) };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
