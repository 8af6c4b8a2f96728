import { randomUUID } from 'node:crypto';
import { chainEvents, GENESIS_HASH } from '@trailmark/event-store';
import type { RawEventRow } from './link-facts';
import { linkFacts } from './parsed-link-facts';

function storedRows(): RawEventRow[] {
  const events = [
    { id: randomUUID(), type: 'TicketCreated', data: { recordId: 'T-1', fields: { title: 'First', status: 'open' } }, metadata: { workspaceId: 'ws', actor: { kind: 'user', id: 'u1', name: 'Ann' } } },
    { id: randomUUID(), type: 'TicketUpdated', data: { note: 'says "hi"\n', n: 1.5 }, metadata: { workspaceId: 'ws', actor: { kind: 'user', id: 'u1', name: 'Ann' } } },
    { id: randomUUID(), type: 'TicketUpdated', data: { changes: [{ field: 'status', from: 'open', to: 'closed' }] }, metadata: { workspaceId: 'ws' } },
  ];
  return chainEvents('ticket-ws.T-1', { revision: -1, hash: GENESIS_HASH }, events, new Date('2026-11-01T10:00:00.000Z')).map((link, i) => [
    link.id,
    link.streamName,
    link.revision,
    link.type,
    JSON.stringify(link.data),
    JSON.stringify(link.metadata),
    `p${i}`,
  ]);
}

describe('linkFacts', () => {
  it('finds every event as stored intact, from the text or (with escapes) by parsing, with its links', () => {
    const rows = storedRows();
    const facts = linkFacts(rows);
    expect(facts.map((fact) => fact.intact)).toEqual([true, true, true]);
    expect(facts[0].prevHash).toBe(GENESIS_HASH);
    expect(facts[1].prevHash).toBe(facts[0].hash);
    expect(facts[2].prevHash).toBe(facts[1].hash);
    expect(facts[2].hash).toBe(JSON.parse(rows[2][5]).hash);
  });

  it('finds a changed value, a changed key, a moved revision and a changed stream name', () => {
    const rows = storedRows();
    const tampered: RawEventRow[] = [
      [...rows[0].slice(0, 4), rows[0][4].replace('First', 'Forged'), ...rows[0].slice(5)] as RawEventRow,
      [...rows[1].slice(0, 5), rows[1][5].replace('"Ann"', '"Bob"'), rows[1][6]] as RawEventRow,
      [rows[2][0], rows[2][1], 7, ...rows[2].slice(3)] as RawEventRow,
      [rows[2][0], 'ticket-ws.T-2', ...rows[2].slice(2)] as RawEventRow,
    ];
    expect(linkFacts(tampered).map((fact) => fact.intact)).toEqual([false, false, false, false]);
  });

  it('still finds an event intact when its stored text was only re-spaced, as parsing always did', () => {
    const [row] = storedRows();
    const spaced = [...row.slice(0, 4), JSON.stringify(JSON.parse(row[4]), null, 2), JSON.stringify(JSON.parse(row[5]), null, 1), row[6]] as RawEventRow;
    expect(linkFacts([spaced])[0]).toEqual(linkFacts([row])[0]);
  });
});
