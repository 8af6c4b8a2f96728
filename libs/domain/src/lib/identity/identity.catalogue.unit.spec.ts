import { IDENTITY_CATALOGUE } from '@trailmark/contracts';
import { impersonationEventTypes } from './impersonation/impersonation.events';
import { userAccountEventTypes } from './user-account.events';

const eventTypes: string[] = [...userAccountEventTypes, ...impersonationEventTypes];

describe('identity catalogue', () => {
  it.each(eventTypes)('has an entry for %s', (type) => {
    expect(IDENTITY_CATALOGUE).toHaveProperty(type);
  });

  it('has no entry for a type the identity domain does not emit', () => {
    expect(Object.keys(IDENTITY_CATALOGUE).sort()).toEqual([...eventTypes].sort());
  });
});
