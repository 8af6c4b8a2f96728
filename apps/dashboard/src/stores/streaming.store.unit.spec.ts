import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/http-client';
import * as api from '../api/streaming.api';
import type { StreamingDestination } from '../api/streaming-types';
import { destinationState, useStreamingStore } from './streaming.store';

jest.mock('../api/streaming.api');
const mocked = jest.mocked(api);

const destination = (overrides: Partial<StreamingDestination> = {}): StreamingDestination => ({
  destinationId: 'd-1', workspaceId: 'ws-1', name: 'SIEM', url: 'https://siem.example.com/in', categories: [], eventTypes: [], batchSize: 100,
  status: 'active', createdAt: '2026-11-01T10:00:00.000Z', pendingEvents: 0,
  delivery: { position: 'p9', deliveredEvents: 42, lastSuccessAt: '2026-11-01T10:01:00.000Z', lastError: null, failing: false },
  ...overrides,
});
const entry = (seq: number) => ({
  seq, deliveryId: `dl-${seq}`, attempt: 1, succeeded: true, statusCode: 204, error: null, firstPosition: 'p1', lastPosition: 'p2', eventCount: 2, durationMs: 5, nextRetryAt: null, attemptedAt: '2026-11-01T10:00:00.000Z',
});

beforeEach(() => {
  setActivePinia(createPinia());
  jest.resetAllMocks();
});

describe('destinationState', () => {
  it('says whether a destination is paused, failing, behind or up to date', () => {
    expect(destinationState(destination({ status: 'paused', pendingEvents: 3 }))).toEqual({ tone: 'warning', text: 'Paused, 3 events waiting' });
    const failing = { ...destination().delivery, failing: true, lastError: { at: '2026-11-01T10:02:00.000Z', statusCode: 503, error: 'HTTP 503' } };
    expect(destinationState(destination({ delivery: failing }))).toEqual({ tone: 'failure', text: 'Failing (HTTP 503), retrying' });
    const timedOut = { ...failing, lastError: { at: failing.lastError.at, statusCode: null, error: 'no answer within 10000 ms' } };
    expect(destinationState(destination({ delivery: timedOut }))).toEqual({ tone: 'failure', text: 'Failing (no answer within 10000 ms), retrying' });
    expect(destinationState(destination({ pendingEvents: 7 }))).toEqual({ tone: 'warning', text: 'Delivering, 7 events behind' });
    expect(destinationState(destination())).toEqual({ tone: 'success', text: 'Up to date, 42 events delivered' });
  });
});

describe('streaming store', () => {
  it('loads the destinations and shows the new secret once after create', async () => {
    mocked.listDestinations.mockResolvedValueOnce([]).mockResolvedValueOnce([destination()]);
    mocked.createDestination.mockResolvedValue({ ...destination(), secret: 'tms_abc' });
    const store = useStreamingStore();
    await store.load('ws-1');
    await store.create({ name: 'SIEM', url: 'https://siem.example.com/in' });
    expect(mocked.createDestination).toHaveBeenCalledWith('ws-1', { name: 'SIEM', url: 'https://siem.example.com/in' });
    expect(store.revealed).toEqual({ destinationId: 'd-1', secret: 'tms_abc' });
    expect(store.destinations).toEqual([destination()]);
    store.dismissSecret();
    expect(store.revealed).toBeNull();
  });

  it('pauses and deletes, then reloads the list', async () => {
    mocked.listDestinations.mockResolvedValue([destination({ status: 'paused' })]);
    const store = useStreamingStore();
    await store.load('ws-1');
    await store.pause('d-1');
    expect(mocked.pauseDestination).toHaveBeenCalledWith('ws-1', 'd-1');
    await store.remove('d-1');
    expect(mocked.deleteDestination).toHaveBeenCalledWith('ws-1', 'd-1');
    expect(mocked.listDestinations).toHaveBeenCalledTimes(3);
  });

  it('pages through the delivery log', async () => {
    mocked.listDestinations.mockResolvedValue([destination()]);
    mocked.deliveryLog.mockResolvedValueOnce({ items: [entry(9), entry(8)], nextCursor: '8' }).mockResolvedValueOnce({ items: [entry(7)], nextCursor: null });
    const store = useStreamingStore();
    await store.load('ws-1');
    await store.openLog('d-1');
    await store.moreLog();
    expect(mocked.deliveryLog).toHaveBeenLastCalledWith('ws-1', 'd-1', '8');
    expect(store.log.map(({ seq }) => seq)).toEqual([9, 8, 7]);
    expect(store.logCursor).toBeNull();
    expect(store.selected?.name).toBe('SIEM');
  });

  it('shows what the API refused', async () => {
    mocked.listDestinations.mockResolvedValue([]);
    mocked.createDestination.mockRejectedValue(new ApiError(400, 'The request body is not valid: url must not point at a loopback or private address'));
    const store = useStreamingStore();
    await store.load('ws-1');
    await store.create({ name: 'x', url: 'http://127.0.0.1/' });
    expect(store.error).toBe('The request body is not valid: url must not point at a loopback or private address');
    expect(store.revealed).toBeNull();
  });
});
