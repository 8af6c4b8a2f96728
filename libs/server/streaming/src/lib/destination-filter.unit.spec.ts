import type { Position, RecordedEvent } from '@trailmark/event-store';
import { destinationWants } from './destination-filter';

const event = (type: string, workspaceId = 'ws-1'): RecordedEvent => ({
  id: type, streamName: `x-${workspaceId}.1`, type, data: {}, metadata: { workspaceId }, revision: 0, position: '1' as Position, recordedAt: new Date(0),
});

describe('destinationWants', () => {
  it('takes every event of its own workspace but not the delivery records', () => {
    const wants = destinationWants('ws-1', { categories: [], eventTypes: [] });
    expect(['SignedIn', 'TeamCreated', 'StreamingDeliverySucceeded', 'StreamingDeliveryFailed', 'StreamingDestinationTested', 'StreamingDestinationPaused'].map((type) => wants(event(type))))
      .toEqual([true, true, false, false, false, true]);
    expect(wants(event('SignedIn', 'ws-2'))).toBe(false);
  });

  it('keeps events of a listed category or a listed type', () => {
    const wants = destinationWants('ws-1', { categories: ['Auth'], eventTypes: ['TeamCreated'] });
    expect(['SignedIn', 'TeamCreated', 'TeamDeleted'].map((type) => wants(event(type)))).toEqual([true, true, false]);
  });
});
