export interface LiveSettings {
  /** How often every socket's session and memberships are checked again (also on each subscribe). */
  sessionCheckMs: number;
  /** A socket with more than this many bytes queued (beyond the kernel's buffers) is disconnected; it resumes with `after`. */
  maxBufferedBytes: number;
  /** Stats ticks per channel at most once per this. */
  statsTickMs: number;
  /** The publisher's empty batch after this long without one. */
  heartbeatMs: number;
}

export const DEFAULT_LIVE_SETTINGS: LiveSettings = { sessionCheckMs: 30_000, maxBufferedBytes: 2 * 1024 * 1024, statsTickMs: 250, heartbeatMs: 1000 };

const VARIABLES = { sessionCheckMs: 'TRAILMARK_LIVE_SESSION_CHECK_MS', maxBufferedBytes: 'TRAILMARK_LIVE_MAX_BUFFERED_BYTES' } as const;

/** TRAILMARK_LIVE_SESSION_CHECK_MS and TRAILMARK_LIVE_MAX_BUFFERED_BYTES (whole numbers, at least 100); unset keeps the defaults. */
export function liveSettings(env: NodeJS.ProcessEnv): LiveSettings {
  const settings = { ...DEFAULT_LIVE_SETTINGS };
  for (const [setting, variable] of Object.entries(VARIABLES) as Array<[keyof typeof VARIABLES, string]>) {
    const value = env[variable]?.trim();
    if (!value) continue;
    if (!/^\d{3,10}$/.test(value)) throw new Error(`${variable} must be a whole number of at least 100 (got "${value}")`);
    settings[setting] = Number(value);
  }
  return settings;
}
