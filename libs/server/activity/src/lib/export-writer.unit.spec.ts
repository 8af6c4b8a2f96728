import { Writable } from 'node:stream';
import type { ActivityItem } from './activity-item';
import { type ExportChunk, writeExport } from './export-writer';

const item = (n: number): ActivityItem => ({
  position: String(n).padStart(10, '0'),
  eventId: `event-${n}`,
  streamName: 'ticket-ws.T-1',
  type: 'TicketUpdated',
  category: 'Records',
  kind: 'write',
  label: 'Updated ticket',
  actor: { kind: 'host_actor', id: 'agent-7', name: 'Grace', impersonatorId: null },
  result: 'success',
  ip: null,
  device: null,
  record: { type: 'ticket', id: 'T-1', label: null, deleted: false },
  url: null,
  occurredAt: '2026-03-01T10:00:00.000Z',
  recordedAt: '2026-03-01T10:00:00.000Z',
  details: { note: 'x'.repeat(200) },
});

/** A client that takes one small chunk per tick, remembering what it got. */
function slowClient() {
  const received: string[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk.toString());
      setImmediate(done);
    },
  });
  return { out, received };
}

/** Batches of items as JSON lines; notes how much the client had buffered each time it was asked for more. */
async function* batches(count: number, size: number, out: Writable, buffered: number[], finished: { value: boolean }): AsyncGenerator<ExportChunk> {
  try {
    for (let b = 0; b < count; b += 1) {
      buffered.push(out.writableLength);
      const lines = Array.from({ length: size }, (_, i) => `${JSON.stringify(item(b * size + i))}\n`);
      yield { bytes: Buffer.from(lines.join('')), rows: size };
    }
  } finally {
    finished.value = true;
  }
}

describe('writeExport', () => {
  it('writes the header and every line in order, reading no further while the client is full', async () => {
    const { out, received } = slowClient();
    const buffered: number[] = [];
    const written = await writeExport(out, 'header\n', batches(6, 1000, out, buffered, { value: false }));
    await new Promise<void>((resolve) => out.end(resolve));
    expect(written).toEqual({ rows: 6000, complete: true });
    const lines = received.join('').split('\n');
    expect(lines).toHaveLength(6002);
    expect(lines[0]).toBe('header');
    expect(lines.slice(1, 6001).map((line) => JSON.parse(line).eventId)).toEqual(Array.from({ length: 6000 }, (_, i) => `event-${i}`));
    // 6000 lines of ~500 characters: without backpressure the client would hold megabytes.
    expect(Math.max(...buffered)).toBeLessThan(2 * 64 * 1024);
  });

  it('stops reading when the client goes away, counting only what was written', async () => {
    const { out } = slowClient();
    const finished = { value: false };
    const writing = writeExport(out, '', batches(6, 1000, out, [], finished));
    setImmediate(() => out.destroy());
    const written = await writing;
    expect(written.complete).toBe(false);
    expect(written.rows).toBeLessThan(1000);
    expect(finished.value).toBe(true);
  });
});
