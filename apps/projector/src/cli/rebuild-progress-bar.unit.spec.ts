import { PassThrough } from 'node:stream';
import type { Position } from '@trailmark/event-store';
import { rebuildProgressBar } from './rebuild-progress-bar';

const at = (n: number) => `00000000000000000007:${String(n).padStart(20, '0')}` as Position;

function capture() {
  const stream = new PassThrough();
  let output = '';
  stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { stream, lines: () => output.split('\n').filter(Boolean) };
}

describe('rebuildProgressBar without a terminal', () => {
  it('prints lines with the count, events per second, phase and position, and ends at the events applied', () => {
    const { stream, lines } = capture();
    let now = 0;
    const bar = rebuildProgressBar('activity-feed', { total: 100, stream, now: () => now });
    now = 2000;
    bar.update({ projection: 'activity-feed', phase: 'replaying', applied: 50, position: at(50) });
    now = 4000;
    bar.update({ projection: 'activity-feed', phase: 'done', applied: 120, position: at(120) });
    bar.stop();

    expect(lines()[0]).toMatch(/^activity-feed \[░+\] 0% \| 0\/100 events \| 0 ev\/s \| starting \| at -$/);
    expect(lines().at(-1)).toMatch(/^activity-feed \[█{40}\] 100% \| 120\/120 events \| 30 ev\/s \| done \| at 00000000000000000007:00000000000000000120$/);
  });

  it('prints counts without a bar when the total is unknown', () => {
    const { stream, lines } = capture();
    let now = 0;
    const bar = rebuildProgressBar('stats', { stream, now: () => now });
    now = 500;
    bar.update({ projection: 'stats', phase: 'swapping', applied: 10, position: at(10) });
    bar.stop();

    expect(lines().at(-1)).toBe(`stats 10 events | 20 ev/s | swapping | at ${at(10)}`);
  });
});
