import { evolveRecordLabel, type RecordLabelRow } from './record-label';
import type { RecordTimelineRow, TimelineChange, TimelineEntry } from './record-timeline-row';

let position = 0;
const row = (entry: TimelineEntry, changes: Record<string, unknown> = {}): RecordTimelineRow => {
  position += 1;
  return {
    position: String(position).padStart(4, '0'),
    workspace_id: 'ws1',
    record_type: 'conversation',
    record_id: 'conv-1',
    entry,
    occurred_at: `2026-03-01T10:00:0${position % 10}.000Z`,
    changes: Object.entries(changes).map(([field, value]): TimelineChange => ({ field, previous: null, new: value })),
  } as RecordTimelineRow;
};

const fold = (steps: Array<[RecordTimelineRow, string | null]>, from?: RecordLabelRow) =>
  steps.reduce<RecordLabelRow | undefined>((label, [next, hostName]) => evolveRecordLabel(label, next, hostName), from);

describe('record label', () => {
  it('is the id while nothing names the record, then the host name, then a subject, then a title, then the number', () => {
    const labels: string[] = [];
    let label: RecordLabelRow | undefined;
    for (const step of [
      [row('other'), null],
      [row('comment'), 'Chat with Ada'],
      [row('updated', { subject: 'Refund' }), null],
      [row('updated', { title: 'Refund for order 7' }), null],
      [row('updated', { number: 88, title: 'Refund, order 7' }), null],
    ] as Array<[RecordTimelineRow, string | null]>) {
      label = evolveRecordLabel(label, ...step);
      labels.push(label.label);
    }
    expect(labels).toEqual(['conv-1', 'Chat with Ada', 'Refund', 'Refund for order 7', '88']);
    expect(label?.names).toEqual({ subject: 'Refund', title: 'Refund, order 7', number: 88 });
  });

  it('keeps values learned before a late creation, and starts afresh on a creation after deletion', () => {
    const update = row('updated', { title: 'Newer' });
    const creation = row('created', { title: 'Older', name: null });
    const late = fold([
      [update, null],
      [creation, null],
    ]);
    expect(late).toMatchObject({ label: 'Newer', names: { title: 'Newer', name: null }, created_at: creation.occurred_at, deleted: false });

    const deletion = row('deleted');
    expect(fold([[deletion, null]], late)).toMatchObject({ label: 'Newer', created_at: creation.occurred_at, deleted: true });
    const recreation = row('created', { name: 'Fresh' });
    expect(fold([[deletion, null], [recreation, null]], late)).toMatchObject({
      label: 'Fresh',
      names: { name: 'Fresh' },
      created_at: recreation.occurred_at,
      deleted: false,
    });
  });

  it('ignores an event at or before the last one folded in', () => {
    const first = row('created', { title: 'First' });
    const label = fold([[first, null], [row('updated', { title: 'Second' }), null]]);
    expect(evolveRecordLabel(label, first, 'Host name')).toBe(label);
  });
});
