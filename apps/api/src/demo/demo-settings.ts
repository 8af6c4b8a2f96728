/** The demo's fixed sign-in: a known password is the point of a demo, and TRAILMARK_DEMO=off turns it all off. */
export const DEMO_ADMIN = { email: 'demo@trailmark.local', password: 'trailmark-demo', displayName: 'Demo Admin' };
export const DEMO_AGENT = { email: 'agent@trailmark.local', password: 'trailmark-agent', displayName: 'Demo Agent' };
export const DEMO_WORKSPACE_NAME = 'Demo workspace';
export const DEMO_KEY_NAME = 'Demo simulator';

export interface DemoSettings {
  enabled: boolean;
  /** Live simulator events per second. */
  rate: number;
  /** Events backfilled over the past week on the first run, so the charts have a history. */
  history: number;
}

const OFF = new Set(['off', 'false', '0', 'no']);

/** TRAILMARK_DEMO (on unless off/false/0/no), TRAILMARK_DEMO_RATE (2/s) and TRAILMARK_DEMO_HISTORY (3000). */
export function demoSettings(env: NodeJS.ProcessEnv): DemoSettings {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    enabled: !OFF.has((env['TRAILMARK_DEMO'] ?? 'on').trim().toLowerCase()),
    rate: number('TRAILMARK_DEMO_RATE', 2),
    history: Math.floor(number('TRAILMARK_DEMO_HISTORY', 3000)),
  };
}
