import { IDENTITY_CATALOGUE } from './identity.catalogue';
import { NOTIFICATIONS_CATALOGUE } from './notifications.catalogue';
import { RECORDS_CATALOGUE } from './records.catalogue';
import { WORKSPACE_CATALOGUE } from './workspace.catalogue';
import { ACTIVITY_CATALOGUE } from './activity.catalogue';
import { AUDIT_CATALOGUE } from './audit.catalogue';
import { STREAMING_CATALOGUE } from './streaming.catalogue';
import { describeEvent, EVENT_CATALOGUE } from './event-catalogue';

describe('event catalogue', () => {
  it('holds every section without one overwriting another', () => {
    const sections = [IDENTITY_CATALOGUE, WORKSPACE_CATALOGUE, RECORDS_CATALOGUE, ACTIVITY_CATALOGUE, AUDIT_CATALOGUE, STREAMING_CATALOGUE, NOTIFICATIONS_CATALOGUE];
    const total = sections.reduce((sum, section) => sum + Object.keys(section).length, 0);
    expect(Object.keys(EVENT_CATALOGUE)).toHaveLength(total);
  });

  it('describes known events in plain English', () => {
    expect(describeEvent('SignedIn')).toEqual({ category: 'Auth', kind: 'auth', label: 'Signed in' });
    expect(describeEvent('ConversationAssigned')).toMatchObject({ label: 'Assigned conversation' });
  });

  it('labels generic host activity from its action and falls back to Other for unknown types', () => {
    expect(describeEvent('ActivityRecorded', { action: 'invoice.paid_late' })).toMatchObject({ category: 'Other', label: 'Invoice paid late' });
    expect(describeEvent('SomethingNew')).toEqual({ category: 'Other', kind: 'write', label: 'Recorded activity' });
    expect(describeEvent('toString')).toMatchObject({ category: 'Other' });
  });
});
