/** One activity feed entry as the HTTP API and the live channel send it. */
export interface ActivityItem {
  /** Store position: the order in which events were committed; opaque, sorts as text. */
  position: string;
  eventId: string;
  streamName: string;
  type: string;
  category: string;
  kind: string;
  label: string;
  actor: { kind: string | null; id: string | null; name: string | null; impersonatorId: string | null };
  result: string | null;
  ip: string | null;
  device: { type: string | null; os: string | null; browser: string | null } | null;
  /** The record the event is about, with its current label (the name it has now) and whether it has been deleted since. */
  record: { type: string; id: string; label: string | null; deleted: boolean } | null;
  url: string | null;
  occurredAt: string;
  recordedAt: string;
  details: unknown;
}
