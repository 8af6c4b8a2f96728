import type { Browser } from 'playwright-core';

/** One visit: when the page was shown, and within that when its API queries started and the last one ended. */
export interface Visit {
  shown: number;
  queriesStart: number;
  queriesEnd: number;
}

export interface PageTimings {
  /** The first navigation of a new browser profile (empty cache), once the API has answered a few warm-up visits. */
  cold: Visit;
  /** Later navigations, each from a blank page, with the scripts cached as a returning user has them. */
  warm: Visit[];
}

/** True once the Activity Log shows its events, its KPI figures and its volume chart. */
function activityLogShowsData(): number | false {
  const rows = document.querySelectorAll('table.events tbody tr').length;
  const total = document.querySelector('[data-kpi="total"] .kpis__value')?.textContent;
  const chart = document.querySelector('.chart canvas');
  return rows > 0 && total !== undefined && total !== '—' && chart !== null ? performance.now() : false;
}

interface TimingOptions {
  url: string;
  workspaceId: string;
  email: string;
  password: string;
  samples: number;
  /** Untimed visits first, from another profile, as the read benchmark warms the database. */
  warmUp: number;
}

/**
 * Milliseconds from the start of each navigation to the Activity Log showing
 * its data, signed in through the API (the browser keeps the session cookie).
 */
export async function timeActivityLog(browser: Browser, options: TimingOptions): Promise<PageTimings> {
  await visits(browser, options, options.warmUp);
  const [cold, ...warm] = await visits(browser, options, 1 + options.samples);
  return { cold, warm };
}

/** The workspace queries' span in this page's resource timings. */
function queriesSpan(): { queriesStart: number; queriesEnd: number } {
  const queries = performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname.startsWith('/api/workspaces/')) as PerformanceResourceTiming[];
  return { queriesStart: Math.min(...queries.map((entry) => entry.startTime)), queriesEnd: Math.max(...queries.map((entry) => entry.responseEnd)) };
}

/** `count` visits in a new browser profile; the first with an empty cache. */
async function visits(browser: Browser, options: TimingOptions, count: number): Promise<Visit[]> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const login = await context.request.post(`${options.url}/api/auth/login`, { data: { email: options.email, password: options.password } });
    if (!login.ok()) throw new Error(`Sign-in answered ${login.status()}`);
    const page = await context.newPage();
    const timings: Visit[] = [];
    for (let visit = 0; visit < count; visit += 1) {
      await page.goto('about:blank');
      await page.goto(`${options.url}/w/${options.workspaceId}/activity`, { waitUntil: 'commit' });
      const shown = await page.waitForFunction(activityLogShowsData, undefined, { timeout: 30_000, polling: 'raf' });
      timings.push({ shown: (await shown.jsonValue()) as number, ...(await page.evaluate(queriesSpan)) });
    }
    return timings;
  } finally {
    await context.close();
  }
}
