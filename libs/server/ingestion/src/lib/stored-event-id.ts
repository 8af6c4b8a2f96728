import { createHash } from 'node:crypto';

/**
 * The id a host event is stored under: a UUID derived from the workspace and
 * the host's id. Retries of one event land on the same id (idempotency), while
 * two workspaces that happen to use the same ids never collide, and no host can
 * make another workspace's event look like a duplicate.
 */
export function storedEventId(workspaceId: string, hostEventId: string): string {
  const bytes = createHash('sha256').update(`${workspaceId}\n${hostEventId}`).digest().subarray(0, 16);
  // RFC 9562 version 8 (custom) and variant bits.
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
