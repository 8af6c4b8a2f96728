import { describeEvent } from './event-catalogue';
import { STREAMING_CATALOGUE } from './streaming.catalogue';

const entries = Object.entries(STREAMING_CATALOGUE);

describe('streaming catalogue', () => {
  it.each(entries)('names %s in PascalCase with a sentence-case label', (type, { label }) => {
    expect(type).toMatch(/^Streaming[A-Z][a-zA-Z]+$/);
    expect(label).toMatch(/^[A-Z][^.]*[a-zA-Z]$/);
  });

  it('gives every event its own label', () => {
    expect(new Set(entries.map(([, { label }]) => label)).size).toBe(entries.length);
  });

  it('is part of the event catalogue', () => {
    expect(describeEvent('StreamingDeliveryFailed')).toEqual({ category: 'Webhooks', kind: 'write', label: 'Delivery failed' });
    expect(describeEvent('StreamingDestinationCreated')).toEqual({ category: 'Webhooks', kind: 'write', label: 'Streaming destination created' });
  });
});
