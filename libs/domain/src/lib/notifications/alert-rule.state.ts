import type { AlertRuleEvent, AlertScope } from './alert-rule.events';

export type AlertRule = { status: 'absent' } | { status: 'active' | 'deleted'; scope: AlertScope; enabled: boolean };

export const initialAlertRule = (): AlertRule => ({ status: 'absent' });

export function evolveAlertRule(state: AlertRule, event: AlertRuleEvent): AlertRule {
  const { type } = event;
  switch (type) {
    case 'AlertRuleCreated':
      return { status: 'active', scope: event.data.scope, enabled: true };
    case 'AlertRuleUpdated':
      return state.status === 'absent' ? state : { ...state, scope: event.data.scope };
    case 'AlertRuleEnabled':
    case 'AlertRuleDisabled':
      return state.status === 'absent' ? state : { ...state, enabled: type === 'AlertRuleEnabled' };
    case 'AlertRuleDeleted':
      return state.status === 'absent' ? state : { ...state, status: 'deleted' };
    default: {
      const _unknown: never = type;
      return state;
    }
  }
}
