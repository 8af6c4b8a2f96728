import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-trailmark-signature';

/** A new destination secret: 32 random bytes, hex, shown to the user once. */
export function generateSecret(): string {
  return `tms_${randomBytes(32).toString('hex')}`;
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs its
 * webhooks: the timestamp inside the MAC lets a receiver refuse old replays.
 */
export function signBody(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(secret, `${unixSeconds}.${body}`)}`;
}

/** Whether `header` is a valid signature of `body` under `secret`. */
export function verifySignature(secret: string, body: string, header: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  if (!/^\d+$/.test(parts['t'] ?? '') || !/^[0-9a-f]{64}$/.test(parts['v1'] ?? '')) return false;
  const expected = Buffer.from(hmac(secret, `${parts['t']}.${body}`), 'hex');
  return timingSafeEqual(expected, Buffer.from(parts['v1'], 'hex'));
}

function hmac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}
