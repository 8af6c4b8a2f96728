import { AUDIT_CATALOGUE } from '@trailmark/contracts';
import { auditTrailEventTypes } from './audit-trail.events';
import { checkpointEventTypes } from './checkpoint.events';

const DOMAIN_EVENT_TYPES: readonly string[] = [...auditTrailEventTypes, ...checkpointEventTypes];

describe('audit catalogue', () => {
  it('has exactly one entry for each event the audit domain emits', () => {
    expect(Object.keys(AUDIT_CATALOGUE).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });
});
