import { monitoringSettings } from './monitoring-settings';

describe('monitoringSettings', () => {
  it('defaults to a 30 s threshold and an open /metrics', () => {
    expect(monitoringSettings({})).toEqual({ lagDegradedMs: 30_000, metricsToken: undefined });
    expect(monitoringSettings({ TRAILMARK_PROJECTION_LAG_DEGRADED_MS: ' ', TRAILMARK_METRICS_TOKEN: '' })).toEqual({
      lagDegradedMs: 30_000,
      metricsToken: undefined,
    });
  });

  it('reads both variables', () => {
    expect(monitoringSettings({ TRAILMARK_PROJECTION_LAG_DEGRADED_MS: '5000', TRAILMARK_METRICS_TOKEN: 'scrape-token-0123456789' })).toEqual({
      lagDegradedMs: 5000,
      metricsToken: 'scrape-token-0123456789',
    });
  });

  it('names the variable that is wrong and never echoes the token', () => {
    expect(() => monitoringSettings({ TRAILMARK_PROJECTION_LAG_DEGRADED_MS: '30s' })).toThrow(
      'TRAILMARK_PROJECTION_LAG_DEGRADED_MS must be a whole number of milliseconds (got "30s")',
    );
    expect(() => monitoringSettings({ TRAILMARK_METRICS_TOKEN: 'short-secret' })).toThrow(
      new Error('TRAILMARK_METRICS_TOKEN must be at least 16 characters without spaces'),
    );
  });
});
