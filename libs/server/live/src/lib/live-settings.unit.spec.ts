import { DEFAULT_LIVE_SETTINGS, liveSettings } from './live-settings';

describe('liveSettings', () => {
  it('keeps the defaults unless the variables are set', () => {
    expect(liveSettings({})).toEqual(DEFAULT_LIVE_SETTINGS);
    expect(liveSettings({ TRAILMARK_LIVE_SESSION_CHECK_MS: '500', TRAILMARK_LIVE_MAX_BUFFERED_BYTES: ' 1048576 ' })).toEqual({
      ...DEFAULT_LIVE_SETTINGS,
      sessionCheckMs: 500,
      maxBufferedBytes: 1_048_576,
    });
  });

  it('refuses a value that is not a whole number of at least 100', () => {
    expect(() => liveSettings({ TRAILMARK_LIVE_SESSION_CHECK_MS: '5s' })).toThrow('TRAILMARK_LIVE_SESSION_CHECK_MS must be a whole number of at least 100 (got "5s")');
    expect(() => liveSettings({ TRAILMARK_LIVE_MAX_BUFFERED_BYTES: '10' })).toThrow('TRAILMARK_LIVE_MAX_BUFFERED_BYTES must be a whole number');
  });
});
