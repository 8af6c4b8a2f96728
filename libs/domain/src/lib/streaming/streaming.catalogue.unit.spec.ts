import { STREAMING_CATALOGUE } from '@trailmark/contracts';
import { streamingDestinationEventTypes } from './streaming-destination.events';

describe('streaming catalogue', () => {
  it('has an entry for every streaming event and no other', () => {
    expect(Object.keys(STREAMING_CATALOGUE).sort()).toEqual([...streamingDestinationEventTypes].sort());
  });
});
