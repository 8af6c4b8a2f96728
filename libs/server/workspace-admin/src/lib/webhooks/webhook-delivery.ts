export interface DeliveryOutcome {
  /** Null when no response came back (refused, timed out, not resolvable). */
  statusCode: number | null;
  succeeded: boolean;
}

export const DELIVERY_TIMEOUT_MS = 5000;

/**
 * POSTs `payload` as JSON and reports what came back. Redirects are not
 * followed: the receiver registered one URL, and a 3xx is its answer.
 */
export async function deliver(url: string, payload: unknown, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<DeliveryOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Trailmark-Webhooks/1' },
      body: JSON.stringify(payload),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { statusCode: response.status, succeeded: response.ok };
  } catch {
    return { statusCode: null, succeeded: false };
  }
}
