import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import * as api from '../api/notifications.api';
import type { AlertRule, AlertRuleInput } from '../api/notifications-types';
import { messageOf } from './message-of';

/** One line on what a rule watches: "SignInFailed, Security · failures only". */
export function ruleSummary({ match }: Pick<AlertRule, 'match'>): string {
  const watched = [...match.eventTypes, ...match.categories].join(', ');
  const filters = [match.result ? `${match.result} only` : null, match.actorId ? `by ${match.actorId}` : null].filter(Boolean);
  return filters.length > 0 ? `${watched} · ${filters.join(', ')}` : watched;
}

/** The alert rules you may see in the open workspace: workspace rules if you manage them, and your personal rules. */
export const useAlertRulesStore = defineStore('alert-rules', () => {
  const workspaceId = ref<string | null>(null);
  const rules = shallowRef<AlertRule[]>([]);
  const error = ref<string | null>(null);
  /** Per field, what the API said was wrong with the last create or edit. */
  const issues = shallowRef<Array<{ path: string; message: string }>>([]);
  const busy = ref(false);

  async function run(work: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    error.value = null;
    issues.value = [];
    try {
      await work();
      return true;
    } catch (failure) {
      error.value = messageOf(failure);
      issues.value = (failure as { issues?: Array<{ path: string; message: string }> }).issues ?? [];
      return false;
    } finally {
      busy.value = false;
    }
  }

  const ws = () => workspaceId.value as string;
  const refresh = async () => {
    rules.value = await api.listRules(ws());
  };

  const load = (id: string) => {
    if (workspaceId.value !== id) rules.value = [];
    workspaceId.value = id;
    return run(refresh);
  };

  const save = (input: AlertRuleInput, ruleId?: string) =>
    run(async () => {
      await (ruleId ? api.updateRule(ws(), ruleId, input) : api.createRule(ws(), input));
      await refresh();
    });

  const setEnabled = (ruleId: string, enabled: boolean) =>
    run(async () => {
      const updated = await api.setRuleEnabled(ws(), ruleId, enabled);
      rules.value = rules.value.map((rule) => (rule.ruleId === ruleId ? updated : rule));
    });

  const remove = (ruleId: string) =>
    run(async () => {
      await api.deleteRule(ws(), ruleId);
      rules.value = rules.value.filter((rule) => rule.ruleId !== ruleId);
    });

  return { workspaceId, rules, error, issues, busy, load, save, setEnabled, remove };
});
