import { NOTIFICATIONS_CATALOGUE } from '@trailmark/contracts';
import { alertRuleEventTypes } from './alert-rule.events';
import { alertEventTypes } from './alert.events';

describe('notifications catalogue', () => {
  it('has exactly one entry for each event the notifications domain emits', () => {
    expect(Object.keys(NOTIFICATIONS_CATALOGUE).sort()).toEqual([...alertRuleEventTypes, ...alertEventTypes].sort());
  });
});
