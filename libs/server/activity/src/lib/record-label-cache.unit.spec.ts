import type { FeedRow } from './activity-item';
import { labelKeyOf, RecordLabelCache } from './record-label-cache';

const row = (recordType: string | null, recordId: string | null) => ({ record_type: recordType, record_id: recordId }) as FeedRow;

/** record_labels as a map, answering the cache's one query shape and counting the keys asked for. */
function labelsTable(labels: Record<string, { label: string; deleted: boolean }>) {
  const asked: string[][] = [];
  return {
    asked,
    async query(_text: string, [workspaceId, types, ids]: [string, string[], string[]]) {
      asked.push(types.map((type, i) => `${type}/${ids[i]}`));
      const rows = types.flatMap((type, i) => {
        const found = labels[`${workspaceId}/${type}/${ids[i]}`];
        return found ? [{ record_type: type, record_id: ids[i], ...found }] : [];
      });
      return { rows };
    },
  };
}

describe('RecordLabelCache', () => {
  it('keys the types Trailmark tracks in lower case and keeps host types as they are', () => {
    expect(labelKeyOf('Ticket', 'T-1')).toEqual(['ticket', 'T-1']);
    expect(labelKeyOf('Invoice', 'I-1')).toEqual(['Invoice', 'I-1']);
  });

  it('fills current labels, looks each record up once per export and leaves rows without a record alone', async () => {
    const table = labelsTable({ 'ws-1/ticket/T-1': { label: 'Printer on fire', deleted: false }, 'ws-1/Invoice/I-1': { label: 'March', deleted: true } });
    const cache = new RecordLabelCache(table as never, 'ws-1');
    const first = await cache.fill([row('Ticket', 'T-1'), row('ticket', 'T-1'), row('Invoice', 'I-1'), row(null, null), row('ticket', 'T-404')]);
    expect(first.map((r) => [r.current_label, r.record_deleted])).toEqual([
      ['Printer on fire', false],
      ['Printer on fire', false],
      ['March', true],
      [null, null],
      [null, null],
    ]);
    const second = await cache.fill([row('ticket', 'T-1'), row('ticket', 'T-404'), row('ticket', 'T-2')]);
    expect(second.map((r) => r.current_label)).toEqual(['Printer on fire', null, null]);
    expect(table.asked).toEqual([['ticket/T-1', 'Invoice/I-1', 'ticket/T-404'], ['ticket/T-2']]);
  });

  it('asks nothing for a batch whose records are all known', async () => {
    const table = labelsTable({});
    const cache = new RecordLabelCache(table as never, 'ws-1');
    await cache.fill([row(null, null)]);
    expect(table.asked).toEqual([]);
  });
});
