import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/http-client';
import * as api from '../api/notifications.api';
import type { AlertRule, AlertRuleInput } from '../api/notifications-types';
import { ruleSummary, useAlertRulesStore } from './alert-rules.store';

jest.mock('../api/notifications.api');
const mocked = jest.mocked(api);

const rule = (overrides: Partial<AlertRule> = {}): AlertRule => ({
  ruleId: 'rule-1', name: 'Failed sign-ins', scope: 'workspace', ownerId: null, recipients: { userIds: [], roles: ['owner'] },
  match: { eventTypes: ['SignInFailed'], categories: ['Security'], result: 'failure', actorId: null }, channels: ['in_app'], enabled: true,
  createdAt: '2026-11-01T10:00:00.000Z', updatedAt: '2026-11-01T10:00:00.000Z', ...overrides,
});
const input: AlertRuleInput = { name: 'Failed sign-ins', scope: 'workspace', recipients: { userIds: [], roles: ['owner'] }, match: { eventTypes: ['SignInFailed'], categories: [] }, channels: ['in_app'] };

beforeEach(() => {
  setActivePinia(createPinia());
  jest.resetAllMocks();
});

describe('ruleSummary', () => {
  it('lists what a rule watches and its filters', () => {
    expect(ruleSummary(rule())).toBe('SignInFailed, Security · failure only');
    expect(ruleSummary(rule({ match: { eventTypes: [], categories: ['Exports'], result: null, actorId: 'u-9' } }))).toBe('Exports · by u-9');
    expect(ruleSummary(rule({ match: { eventTypes: ['DataExported'], categories: [], result: null, actorId: null } }))).toBe('DataExported');
  });
});

describe('alert rules store', () => {
  it('creates, edits, disables and deletes a rule', async () => {
    mocked.listRules.mockResolvedValueOnce([]).mockResolvedValueOnce([rule()]).mockResolvedValueOnce([rule({ name: 'Renamed' })]);
    mocked.createRule.mockResolvedValue(rule());
    mocked.updateRule.mockResolvedValue(rule({ name: 'Renamed' }));
    mocked.setRuleEnabled.mockResolvedValue(rule({ name: 'Renamed', enabled: false }));
    mocked.deleteRule.mockResolvedValue(undefined);
    const store = useAlertRulesStore();
    await store.load('ws-1');
    expect(await store.save(input)).toBe(true);
    expect(mocked.createRule).toHaveBeenCalledWith('ws-1', input);
    await store.save({ ...input, name: 'Renamed' }, 'rule-1');
    expect(mocked.updateRule).toHaveBeenCalledWith('ws-1', 'rule-1', { ...input, name: 'Renamed' });
    await store.setEnabled('rule-1', false);
    expect(store.rules.map(({ name, enabled }) => [name, enabled])).toEqual([['Renamed', false]]);
    await store.remove('rule-1');
    expect(store.rules).toEqual([]);
  });

  it('keeps the API\'s field issues of a refused rule', async () => {
    mocked.createRule.mockRejectedValue(new ApiError(400, 'match: name at least one event type or category', [{ path: 'match', message: 'name at least one event type or category' }]));
    const store = useAlertRulesStore();
    store.workspaceId = 'ws-1';
    expect(await store.save({ ...input, match: { eventTypes: [], categories: [] } })).toBe(false);
    expect(store.error).toBe('match: name at least one event type or category');
    expect(store.issues).toEqual([{ path: 'match', message: 'name at least one event type or category' }]);
  });
});
