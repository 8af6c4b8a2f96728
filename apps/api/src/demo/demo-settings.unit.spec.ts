import { demoSettings } from './demo-settings';

describe('the demo settings', () => {
  it('are on by default, with 2 events a second and 3000 of history', () => {
    expect(demoSettings({})).toEqual({ enabled: true, rate: 2, history: 3000 });
  });

  it('turn off with TRAILMARK_DEMO=off, false, 0 or no, in any case', () => {
    expect(['off', 'OFF', 'false', '0', 'no', ' off '].map((value) => demoSettings({ TRAILMARK_DEMO: value }).enabled)).toEqual([false, false, false, false, false, false]);
    expect(demoSettings({ TRAILMARK_DEMO: 'on' }).enabled).toBe(true);
  });

  it('take the rate and history from the environment, ignoring nonsense', () => {
    expect(demoSettings({ TRAILMARK_DEMO_RATE: '10', TRAILMARK_DEMO_HISTORY: '0' })).toEqual({ enabled: true, rate: 10, history: 0 });
    expect(demoSettings({ TRAILMARK_DEMO_RATE: 'fast', TRAILMARK_DEMO_HISTORY: '-5' })).toEqual({ enabled: true, rate: 2, history: 3000 });
  });
});
