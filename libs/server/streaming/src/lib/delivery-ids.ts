import { createHash } from 'node:crypto';

/** A UUID-shaped id derived from `parts`: the same parts always give the same id. */
export function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A batch is named by its destination and its first and last position, so a re-sent batch keeps its delivery id. */
export const deliveryIdOf = (destinationId: string, firstPosition: string, lastPosition: string) => derivedId('delivery', destinationId, firstPosition, lastPosition);
