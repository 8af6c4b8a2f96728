import { AUDIT_CATALOGUE } from './audit.catalogue';
import { describeEvent } from './event-catalogue';

describe('audit catalogue', () => {
  it.each([
    ['StreamReplayed', 'Exports', 'read', 'Replayed stream'],
    ['TimeWindowReplayed', 'Exports', 'read', 'Replayed workspace events'],
    ['PointInTimeViewed', 'Exports', 'read', 'Viewed past state'],
    ['EvidenceExported', 'Exports', 'read', 'Exported evidence bundle'],
    ['IntegrityVerified', 'Other', 'read', 'Verified integrity'],
    ['IntegrityCheckpointSigned', 'Other', 'write', 'Signed integrity checkpoint'],
  ] as const)('files %s under %s (%s) as "%s", also through describeEvent', (type, category, kind, label) => {
    expect(AUDIT_CATALOGUE[type]).toEqual({ category, kind, label });
    expect(describeEvent(type)).toEqual({ category, kind, label });
  });
});
