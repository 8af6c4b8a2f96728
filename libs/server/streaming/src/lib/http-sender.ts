export interface SendResult {
  /** Null when no response came back (refused, reset, timed out). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs `body` and reports what came back. Redirects are not followed: the
 * destination registered one URL, and a 3xx is its answer (and not a success).
 */
export async function postBatch(url: string, body: string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Trailmark-Streaming/1', ...headers },
      body,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}`, durationMs: elapsed() };
  } catch (error) {
    return { statusCode: null, error: describeFailure(error, timeoutMs), durationMs: elapsed() };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
