import { INGEST_ACTIONS, RECORDS_CATALOGUE } from '@trailmark/contracts';
import { recordEventTypes } from './record.events';

describe('records catalogue', () => {
  it.each(recordEventTypes)('has an entry for %s', (type) => {
    expect(RECORDS_CATALOGUE[type]).toEqual({ category: expect.any(String), kind: 'write', label: expect.any(String) });
  });

  it('has no entry for a type the records domain does not emit', () => {
    expect(Object.keys(RECORDS_CATALOGUE).sort()).toEqual([...recordEventTypes].sort());
  });

  it.each(recordEventTypes)('can be ingested as %s', (type) => {
    expect([...INGEST_ACTIONS.values()]).toContain(type);
  });
});
