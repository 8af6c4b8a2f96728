import { CATEGORIES } from './catalogue.types';
import { describeEvent } from './event-catalogue';
import { alertLabel, NOTIFICATION_EVENT_TYPES, NOTIFICATIONS_CATALOGUE } from './notifications.catalogue';

describe('notifications catalogue', () => {
  it.each([
    ['AlertRuleCreated', 'Notifications', 'write', 'Alert rule created'],
    ['AlertRuleDeleted', 'Notifications', 'write', 'Alert rule deleted'],
    ['AlertRaised', 'Notifications', 'write', 'Alert raised'],
    ['AlertEmailed', 'Notifications', 'write', 'Alert emailed'],
    ['AlertEmailFailed', 'Notifications', 'write', 'Alert email failed'],
    ['NotificationsRead', 'Notifications', 'write', 'Notifications marked read'],
    ['SecurityAlertRaised', 'Security', 'write', 'Security alert raised'],
  ] as const)('files %s under %s (%s) as "%s", also through describeEvent', (type, category, kind, label) => {
    expect(NOTIFICATIONS_CATALOGUE[type]).toEqual({ category, kind, label });
    expect(describeEvent(type)).toEqual({ category, kind, label });
  });

  it('adds the Security and Notifications categories', () => {
    expect(CATEGORIES).toEqual(expect.arrayContaining(['Security', 'Notifications']));
  });

  it('leaves security alerts matchable and every other notification event out', () => {
    expect(NOTIFICATION_EVENT_TYPES).not.toContain('SecurityAlertRaised');
    expect(NOTIFICATION_EVENT_TYPES).toHaveLength(9);
  });

  it('labels a security alert by its kind', () => {
    expect(alertLabel('SecurityAlertRaised', { kind: 'account_failure_burst' }, 'x')).toBe('Security alert: repeated failed sign-ins');
    expect(alertLabel('SignedIn', { kind: 'account_failure_burst' }, 'Signed in')).toBe('Signed in');
  });
});
