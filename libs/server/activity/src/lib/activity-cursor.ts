/** Where a page ended: the last item's occurrence time (exact, as Postgres wrote it) and store position. */
export interface ActivityCursor {
  occurredAt: string;
  position: string;
}

/** Opaque to clients: base64url of a small JSON document. */
export function encodeActivityCursor({ occurredAt, position }: ActivityCursor): string {
  return Buffer.from(JSON.stringify({ o: occurredAt, p: position })).toString('base64url');
}

/** The cursor, or undefined when `value` is not one this API handed out. */
export function decodeActivityCursor(value: string): ActivityCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { o, p } = parsed as Record<string, unknown>;
    if (typeof o !== 'string' || typeof p !== 'string' || Number.isNaN(Date.parse(o))) return undefined;
    return { occurredAt: o, position: p };
  } catch {
    return undefined;
  }
}
