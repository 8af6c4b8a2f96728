import { type Decider, DomainError } from '../decider';
import type { AlertRuleCommand, CreateAlertRule, RuleEditor, UpdateAlertRule } from './alert-rule.commands';
import type { AlertRuleDefinition, AlertRuleEvent, AlertScope } from './alert-rule.events';
import { type AlertRule, evolveAlertRule, initialAlertRule } from './alert-rule.state';

const MAX_NAME = 100;

/** Codes of a rule that is malformed as asked: the client's mistake (400), whatever the rule's state. */
export const ALERT_RULE_INVALID_CODES = [
  'alert_rule_unnamed',
  'alert_rule_matches_nothing',
  'alert_rule_without_channel',
  'alert_rule_without_recipient',
  'alert_rule_scope_fixed',
] as const;

export function createAlertRule({ data }: CreateAlertRule, state: AlertRule): AlertRuleEvent[] {
  if (state.status !== 'absent') throw new DomainError('alert_rule_already_exists', `Alert rule ${data.ruleId} already exists`);
  requireAllowed(data.scope, data.by);
  const { ruleId, workspaceId, scope } = data;
  return [{ type: 'AlertRuleCreated', data: { ruleId, workspaceId, scope, ...validDefinition(data, scope) } }];
}

export function updateAlertRule({ data }: UpdateAlertRule, state: AlertRule): AlertRuleEvent[] {
  const current = requireVisible(state, data.ruleId, data.by);
  if (current.kind !== data.scope.kind || (current.kind === 'personal' && data.scope.kind === 'personal' && current.ownerId !== data.scope.ownerId)) {
    throw new DomainError('alert_rule_scope_fixed', 'scope: a rule stays workspace-wide or personal to its owner; create a new rule instead');
  }
  return [{ type: 'AlertRuleUpdated', data: { ruleId: data.ruleId, scope: data.scope, ...validDefinition(data, data.scope) } }];
}

export function decideAlertRule(command: AlertRuleCommand, state: AlertRule): AlertRuleEvent[] {
  const { type } = command;
  switch (type) {
    case 'CreateAlertRule':
      return createAlertRule(command, state);
    case 'UpdateAlertRule':
      return updateAlertRule(command, state);
    case 'EnableAlertRule':
    case 'DisableAlertRule': {
      const { ruleId, by } = command.data;
      requireVisible(state, ruleId, by);
      const enable = type === 'EnableAlertRule';
      // Asking for the state the rule is already in changes nothing, so records nothing.
      if (state.status === 'active' && state.enabled === enable) return [];
      return [{ type: enable ? 'AlertRuleEnabled' : 'AlertRuleDisabled', data: { ruleId } }];
    }
    case 'DeleteAlertRule':
      requireVisible(state, command.data.ruleId, command.data.by);
      return [{ type: 'AlertRuleDeleted', data: { ruleId: command.data.ruleId } }];
    default: {
      const unknown: never = type;
      throw new DomainError('unknown_command', `Unknown command ${String(unknown)}`);
    }
  }
}

export const alertRuleDecider: Decider<AlertRule, AlertRuleCommand, AlertRuleEvent> = {
  initialState: initialAlertRule,
  evolve: evolveAlertRule,
  decide: decideAlertRule,
};

function validDefinition({ name, match, channels }: AlertRuleDefinition, scope: AlertScope): AlertRuleDefinition {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME) throw new DomainError('alert_rule_unnamed', `name: must be 1 to ${MAX_NAME} characters`);
  if (match.eventTypes.length === 0 && match.categories.length === 0) {
    throw new DomainError('alert_rule_matches_nothing', 'match: name at least one event type or category');
  }
  if (channels.length === 0) throw new DomainError('alert_rule_without_channel', 'channels: choose in_app, email or both');
  if (scope.kind === 'workspace' && scope.userIds.length === 0 && scope.roles.length === 0) {
    throw new DomainError('alert_rule_without_recipient', 'scope: a workspace rule needs at least one member or role to alert');
  }
  return { name: trimmed, match, channels: [...new Set(channels)] };
}

/** A workspace rule is for those who manage them; a personal rule is its owner's alone. */
function requireAllowed(scope: AlertScope, by: RuleEditor): void {
  if (scope.kind === 'workspace' && !by.managesWorkspaceRules) {
    throw new DomainError('alert_rule_forbidden', 'Your role does not allow managing workspace alert rules');
  }
  if (scope.kind === 'personal' && scope.ownerId !== by.userId) {
    throw new DomainError('alert_rule_forbidden', 'A personal alert rule can only be made for yourself');
  }
}

/** Someone else's personal rule is not shown to exist. */
function requireVisible(state: AlertRule, ruleId: string, by: RuleEditor): AlertScope {
  const hidden = state.status !== 'active' || (state.scope.kind === 'personal' && state.scope.ownerId !== by.userId);
  if (hidden) throw new DomainError('alert_rule_not_found', `Alert rule ${ruleId} does not exist`);
  requireAllowed(state.scope, by);
  return state.scope;
}
