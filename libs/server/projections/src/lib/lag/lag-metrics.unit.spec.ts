import { lagMetricsText } from './lag-metrics';
import type { ProjectionLag } from './projection-lag';

const lag = (projection: string, lagMs: number, eventsBehind: number): ProjectionLag => ({
  projection,
  checkpoint: null,
  head: null,
  eventsBehind,
  eventsBehindCapped: false,
  lagMs,
});

const lags = [lag('directory', 0, 0), lag('activity-feed', 1234, 56)];

describe('lagMetricsText', () => {
  it('writes one gauge per measure with one sample per projection, activity included when known', () => {
    expect(lagMetricsText(lags, { isActive: (name) => name === 'activity-feed' })).toBe(
      [
        '# HELP trailmark_projection_lag_ms Age in milliseconds of the oldest event the projection has not applied yet (0 when caught up).',
        '# TYPE trailmark_projection_lag_ms gauge',
        'trailmark_projection_lag_ms{projection="directory"} 0',
        'trailmark_projection_lag_ms{projection="activity-feed"} 1234',
        '# HELP trailmark_projection_lag_events Events the projection has not applied yet, counted up to 1000.',
        '# TYPE trailmark_projection_lag_events gauge',
        'trailmark_projection_lag_events{projection="directory"} 0',
        'trailmark_projection_lag_events{projection="activity-feed"} 56',
        "# HELP trailmark_projection_active 1 while this process holds the projection's lock and applies its events, 0 while it stands by.",
        '# TYPE trailmark_projection_active gauge',
        'trailmark_projection_active{projection="directory"} 0',
        'trailmark_projection_active{projection="activity-feed"} 1',
        '',
      ].join('\n'),
    );
  });

  it('leaves the activity gauge out where the process cannot know it', () => {
    const text = lagMetricsText(lags);
    expect(text).not.toContain('trailmark_projection_active');
    expect(text.split('\n').filter((line) => !line.startsWith('#'))).toEqual([
      'trailmark_projection_lag_ms{projection="directory"} 0',
      'trailmark_projection_lag_ms{projection="activity-feed"} 1234',
      'trailmark_projection_lag_events{projection="directory"} 0',
      'trailmark_projection_lag_events{projection="activity-feed"} 56',
      '',
    ]);
  });

  it('escapes label values', () => {
    expect(lagMetricsText([lag('odd"name\\x\ny', 1, 1)])).toContain(
      'trailmark_projection_lag_ms{projection="odd\\"name\\\\x\\ny"} 1\n',
    );
  });
});
