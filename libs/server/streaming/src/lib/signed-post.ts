import type { Pool } from 'pg';
import { refusedAddress } from './destination-url';
import { postBatch, type SendResult } from './http-sender';
import { signBody, SIGNATURE_HEADER } from './signature';
import { readSecret } from './streaming-secrets';

export interface PostSettings {
  timeoutMs: number;
  allowPrivate: boolean;
}

/**
 * POSTs `body` to the destination, signed with its current secret (read at
 * each attempt, so a rotation applies to the next one), after checking again
 * that its host does not resolve to a private address.
 */
export async function postSigned(
  pool: Pool,
  destination: { destinationId: string; url: string },
  body: string,
  headers: Record<string, string>,
  { timeoutMs, allowPrivate }: PostSettings,
  signal?: AbortSignal,
): Promise<SendResult> {
  const refused = await refusedAddress(destination.url, allowPrivate).catch((error: Error) => `nothing (${error.message})`);
  if (refused) return { statusCode: null, error: `refused: the host resolves to ${refused}`, durationMs: 0 };
  const secret = await readSecret(pool, destination.destinationId);
  if (!secret) return { statusCode: null, error: 'the destination has no secret', durationMs: 0 };
  const signed = { [SIGNATURE_HEADER]: signBody(secret, body, Math.floor(Date.now() / 1000)), 'x-trailmark-destination': destination.destinationId, ...headers };
  return postBatch(destination.url, body, signed, timeoutMs, signal);
}
