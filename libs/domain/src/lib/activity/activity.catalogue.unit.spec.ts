import { ACTIVITY_CATALOGUE, INGEST_ACTIONS } from '@trailmark/contracts';
import { browsingEventTypes } from '../browsing/browsing.events';
import { fileEventTypes } from '../files/file.events';
import { userAccountEventTypes } from '../identity';
import { recordEventTypes } from '../records/record.events';
import { activityEventTypes } from './activity.events';

const DOMAIN_EVENT_TYPES: readonly string[] = [...fileEventTypes, ...browsingEventTypes, ...activityEventTypes];
const catalogue: Readonly<Record<string, unknown>> = ACTIVITY_CATALOGUE;

describe('activity catalogue', () => {
  it.each(DOMAIN_EVENT_TYPES)('has an entry for %s', (type) => {
    expect(catalogue[type]).toEqual({ category: expect.any(String), kind: expect.any(String), label: expect.any(String) });
  });

  it('has no entry for a type the files, browsing and activity domains do not emit', () => {
    expect(Object.keys(catalogue).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });

  it.each([...fileEventTypes, ...browsingEventTypes])('can be ingested as %s', (type) => {
    expect([...INGEST_ACTIONS.values()]).toContain(type);
  });

  it('maps every known host action to an event type some domain emits', () => {
    const emitted = new Set<string>([...DOMAIN_EVENT_TYPES, ...recordEventTypes, ...userAccountEventTypes]);
    expect([...INGEST_ACTIONS.values()].filter((type) => !emitted.has(type))).toEqual([]);
  });
});
