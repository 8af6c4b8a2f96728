export interface Latency {
  status: number;
  samples: number;
  p50: number;
  p95: number;
  /** Total of the last answer, where the endpoint reports one. */
  total?: number;
}

export interface ApiClient {
  url: string;
  token: string;
}

/** Signs in through the API as a person would and returns the session token. */
export async function signIn(url: string, email: string, password: string): Promise<ApiClient> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`Sign-in as ${email} answered ${response.status}: ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return { url, token };
}

export async function getJson(client: ApiClient, path: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${client.url}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  const text = await response.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, ms };
}

/**
 * Sequential GETs of one path: `warmUp` unmeasured, then `samples` timed (the
 * whole answer read). Stops at the first answer that is not 200 and returns its status.
 */
export async function measureLatency(client: ApiClient, path: string, { warmUp, samples }: { warmUp: number; samples: number }): Promise<Latency> {
  const times: number[] = [];
  let total: number | undefined;
  for (let i = 0; i < warmUp + samples; i += 1) {
    const { status, body, ms } = await getJson(client, path);
    if (status !== 200) return { status, samples: times.length, p50: Number.NaN, p95: Number.NaN };
    if (i >= warmUp) times.push(ms);
    total = (body as { total?: number } | undefined)?.total ?? total;
  }
  return { status: 200, samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95), total };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
