import { createPinia, setActivePinia } from 'pinia';
import { activityDetail } from '../api/activity.api';
import type { ActivityDetail } from '../api/api-types';
import { ApiError } from '../api/http-client';
import { activityItem } from './activity-item.fixture';
import { useEventDetailStore } from './event-detail.store';

jest.mock('../api/activity.api');
const load = jest.mocked(activityDetail);

const detailOf = (sequence: number, label: string | null): ActivityDetail => ({
  ...activityItem(sequence),
  record: { type: 'ticket', id: `T-${sequence}`, label, deleted: false },
  stream: { name: `ticket-ws-1.T-${sequence}`, revision: 2 },
  changes: [{ field: 'assignee', previous: null, new: { id: 'a-8', name: 'Lin' } }],
  metadata: { layer: 'workspace', correlationId: 'c-1', causationId: null, userAgent: null, hash: 'h', prevHash: null, other: {} },
});

beforeEach(() => {
  setActivePinia(createPinia());
  load.mockReset();
});

describe('the event detail store', () => {
  it('loads the event and names its record as the row clicked does when the detail has no label', async () => {
    load.mockResolvedValueOnce(detailOf(3, null));
    const store = useEventDetailStore();
    await store.open('ws-1', 'event-3', activityItem(3));
    expect(load).toHaveBeenCalledWith('ws-1', 'event-3');
    expect(store.detail?.record).toEqual({ type: 'ticket', id: 'T-3', label: 'Ticket 3', deleted: false });
    expect(store.detail?.changes).toEqual([{ field: 'assignee', previous: null, new: { id: 'a-8', name: 'Lin' } }]);
  });

  it('keeps only the event opened last, and says why one could not be opened', async () => {
    let answerFirst: (detail: ActivityDetail) => void = () => undefined;
    load.mockReturnValueOnce(new Promise((resolve) => (answerFirst = resolve))).mockRejectedValueOnce(new ApiError(404, 'Event "event-4" was not found'));
    const store = useEventDetailStore();
    const first = store.open('ws-1', 'event-3');
    await store.open('ws-1', 'event-4');
    answerFirst(detailOf(3, 'Ticket 3'));
    await first;
    expect([store.eventId, store.detail, store.error, store.loading]).toEqual(['event-4', null, 'Event "event-4" was not found', false]);
    store.close();
    expect([store.eventId, store.error]).toEqual([null, null]);
  });
});
