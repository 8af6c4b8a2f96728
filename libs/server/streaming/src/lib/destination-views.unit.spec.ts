import type { Position, RecordedEvent } from '@trailmark/event-store';
import { applyLifecycleEvent, type DestinationView } from './destination-views';

const at = new Date('2026-01-02T03:04:05.000Z');
const recorded = (type: string, data: object): RecordedEvent => ({
  id: type, streamName: 'streamdest-ws.d1', type, data, metadata: {}, revision: 0, position: '1' as Position, recordedAt: at,
});
const settings = { name: 'SIEM', url: 'https://siem.example.com/', categories: [], eventTypes: ['SignedIn'], batchSize: 50 };

describe('applyLifecycleEvent', () => {
  it('folds creation, update, pause, resume and deletion', () => {
    const views = new Map<string, DestinationView>();
    applyLifecycleEvent(views, recorded('StreamingDestinationCreated', { destinationId: 'd1', workspaceId: 'ws', ...settings }));
    applyLifecycleEvent(views, recorded('StreamingDestinationUpdated', { destinationId: 'd1', ...settings, name: 'SIEM 2', batchSize: 5 }));
    applyLifecycleEvent(views, recorded('StreamingDestinationPaused', { destinationId: 'd1' }));
    expect(views.get('d1')).toEqual({ destinationId: 'd1', workspaceId: 'ws', ...settings, name: 'SIEM 2', batchSize: 5, status: 'paused', createdAt: at.toISOString() });
    applyLifecycleEvent(views, recorded('StreamingDestinationResumed', { destinationId: 'd1' }));
    expect(views.get('d1')?.status).toBe('active');
    applyLifecycleEvent(views, recorded('StreamingDestinationDeleted', { destinationId: 'd1' }));
    expect(views.size).toBe(0);
  });
});
