import { deciderSpec, fixedContext } from '../decider-spec';
import type { RuleEditor } from './alert-rule.commands';
import { alertRuleDecider } from './alert-rule.decide';
import type { AlertRuleDefinition, AlertRuleEvent, AlertScope } from './alert-rule.events';

const ruleId = 'rule-1';
const given = (events: AlertRuleEvent[]) => deciderSpec(alertRuleDecider, fixedContext()).given(events);

const admin: RuleEditor = { userId: 'admin-1', managesWorkspaceRules: true };
const agent: RuleEditor = { userId: 'agent-1', managesWorkspaceRules: false };
const workspaceScope: AlertScope = { kind: 'workspace', userIds: ['admin-1'], roles: ['owner'] };
const personalScope: AlertScope = { kind: 'personal', ownerId: 'agent-1' };
const definition: AlertRuleDefinition = { name: ' Failed sign-ins ', match: { eventTypes: ['SignInFailed'], categories: [], result: 'failure' }, channels: ['in_app', 'email', 'email'] };
const stored: AlertRuleDefinition = { name: 'Failed sign-ins', match: definition.match, channels: ['in_app', 'email'] };

const created: AlertRuleEvent = { type: 'AlertRuleCreated', data: { ruleId, workspaceId: 'ws-1', scope: workspaceScope, ...stored } };
const personalCreated: AlertRuleEvent = { type: 'AlertRuleCreated', data: { ruleId, workspaceId: 'ws-1', scope: personalScope, ...stored } };
const disabled: AlertRuleEvent = { type: 'AlertRuleDisabled', data: { ruleId } };
const deleted: AlertRuleEvent = { type: 'AlertRuleDeleted', data: { ruleId } };

const create = (scope: AlertScope, by: RuleEditor, overrides: Partial<AlertRuleDefinition> = {}) => ({
  type: 'CreateAlertRule' as const,
  data: { ruleId, workspaceId: 'ws-1', scope, by, ...definition, ...overrides },
});

describe('alert rule decider', () => {
  describe('CreateAlertRule', () => {
    it('creates a workspace rule with a trimmed name and each channel once', () => {
      given([]).when(create(workspaceScope, admin)).then([created]);
    });

    it('lets any member create a personal rule for themselves', () => {
      given([]).when(create(personalScope, agent)).then([personalCreated]);
    });

    it('refuses a workspace rule to a role that does not manage them', () => {
      given([]).when(create(workspaceScope, agent)).thenThrows('alert_rule_forbidden');
    });

    it('refuses a personal rule for somebody else', () => {
      given([]).when(create({ kind: 'personal', ownerId: 'admin-1' }, agent)).thenThrows('alert_rule_forbidden');
    });

    it.each([
      ['alert_rule_unnamed', { name: '   ' }],
      ['alert_rule_unnamed', { name: 'x'.repeat(101) }],
      ['alert_rule_matches_nothing', { match: { eventTypes: [], categories: [] } }],
      ['alert_rule_without_channel', { channels: [] }],
    ])('refuses a malformed rule with %s', (code, overrides) => {
      given([]).when(create(workspaceScope, admin, overrides)).thenThrows(code);
    });

    it('refuses a workspace rule that alerts nobody', () => {
      given([]).when(create({ kind: 'workspace', userIds: [], roles: [] }, admin)).thenThrows('alert_rule_without_recipient');
    });

    it('refuses to create the same rule twice', () => {
      given([created]).when(create(workspaceScope, admin)).thenThrows('alert_rule_already_exists');
    });
  });

  describe('UpdateAlertRule', () => {
    const update = (scope: AlertScope, by: RuleEditor) => ({
      type: 'UpdateAlertRule' as const,
      data: { ruleId, scope, by, name: 'Exports', match: { eventTypes: [], categories: ['Exports'] }, channels: ['in_app' as const] },
    });

    it('replaces the definition and recipients of a workspace rule', () => {
      const scope: AlertScope = { kind: 'workspace', userIds: [], roles: ['admin'] };
      given([created])
        .when(update(scope, admin))
        .then([{ type: 'AlertRuleUpdated', data: { ruleId, scope, name: 'Exports', match: { eventTypes: [], categories: ['Exports'] }, channels: ['in_app'] } }]);
    });

    it('refuses to turn a personal rule into a workspace rule', () => {
      given([personalCreated]).when(update(workspaceScope, { ...agent, managesWorkspaceRules: true })).thenThrows('alert_rule_scope_fixed');
    });

    it('hides another member\'s personal rule', () => {
      given([personalCreated]).when(update({ kind: 'personal', ownerId: 'admin-1' }, admin)).thenThrows('alert_rule_not_found');
    });

    it('refuses a deleted rule', () => {
      given([created, deleted]).when(update(workspaceScope, admin)).thenThrows('alert_rule_not_found');
    });
  });

  describe('EnableAlertRule / DisableAlertRule', () => {
    it('disables an enabled rule, and enables it again', () => {
      given([created]).when({ type: 'DisableAlertRule', data: { ruleId, by: admin } }).then([disabled]);
      given([created, disabled]).when({ type: 'EnableAlertRule', data: { ruleId, by: admin } }).then([{ type: 'AlertRuleEnabled', data: { ruleId } }]);
    });

    it('records nothing when the rule is already in the state asked for', () => {
      given([created]).when({ type: 'EnableAlertRule', data: { ruleId, by: admin } }).then([]);
    });

    it('refuses a workspace rule to a role that does not manage them', () => {
      given([created]).when({ type: 'DisableAlertRule', data: { ruleId, by: agent } }).thenThrows('alert_rule_forbidden');
    });
  });

  describe('DeleteAlertRule', () => {
    it('deletes the owner\'s personal rule', () => {
      given([personalCreated]).when({ type: 'DeleteAlertRule', data: { ruleId, by: agent } }).then([deleted]);
    });

    it('refuses to delete twice, or a rule that never existed', () => {
      given([created, deleted]).when({ type: 'DeleteAlertRule', data: { ruleId, by: admin } }).thenThrows('alert_rule_not_found');
      given([]).when({ type: 'DeleteAlertRule', data: { ruleId, by: admin } }).thenThrows('alert_rule_not_found');
    });
  });
});
