import type { Command } from '../decider';
import type { AlertRuleDefinition, AlertScope } from './alert-rule.events';

/** Who asks, as the application knows them: the member, and whether their role manages workspace rules. */
export interface RuleEditor {
  userId: string;
  managesWorkspaceRules: boolean;
}

export type CreateAlertRule = Command<'CreateAlertRule', AlertRuleDefinition & { ruleId: string; workspaceId: string; scope: AlertScope; by: RuleEditor }>;
/** Replaces the definition; a workspace rule's recipients may change, a personal rule keeps its owner. */
export type UpdateAlertRule = Command<'UpdateAlertRule', AlertRuleDefinition & { ruleId: string; scope: AlertScope; by: RuleEditor }>;
export type EnableAlertRule = Command<'EnableAlertRule', { ruleId: string; by: RuleEditor }>;
export type DisableAlertRule = Command<'DisableAlertRule', { ruleId: string; by: RuleEditor }>;
export type DeleteAlertRule = Command<'DeleteAlertRule', { ruleId: string; by: RuleEditor }>;

export type AlertRuleCommand = CreateAlertRule | UpdateAlertRule | EnableAlertRule | DisableAlertRule | DeleteAlertRule;
