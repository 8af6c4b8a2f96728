import { ACTIVITY_CATALOGUE, hostActionLabel } from './activity.catalogue';

describe('activity catalogue', () => {
  it.each([
    ['FileUploaded', 'Files', 'write', 'Uploaded file'],
    ['FileDownloaded', 'Files', 'read', 'Downloaded file'],
    ['FileDeleted', 'Files', 'write', 'Deleted file'],
    ['FileAttached', 'Files', 'write', 'Attached file'],
    ['DataExported', 'Exports', 'read', 'Exported data'],
    ['PageViewed', 'Browsing', 'read', 'Viewed page'],
    ['ActivityRecorded', 'Other', 'write', 'Recorded activity'],
  ] as const)('files %s under %s (%s) as "%s"', (type, category, kind, label) => {
    expect(ACTIVITY_CATALOGUE[type]).toEqual({ category, kind, label });
  });

  describe('hostActionLabel', () => {
    it.each([
      ['invoice.paid', 'Invoice paid'],
      ['invoice.paid_late', 'Invoice paid late'],
      ['Report.Scheduled', 'Report scheduled'],
      ['subscriptionRenewed', 'Subscription renewed'],
      ['order:refund-issued', 'Order refund issued'],
      ['  spaced   out  ', 'Spaced out'],
    ])('reads %j as "%s"', (action, label) => {
      expect(hostActionLabel(action)).toBe(label);
    });

    it.each(['', ' . _ '])('falls back to the catalogue label for %j', (action) => {
      expect(hostActionLabel(action)).toBe('Recorded activity');
    });
  });
});
