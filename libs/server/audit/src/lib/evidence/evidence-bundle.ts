import type { EvidenceSelection } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';

export const BUNDLE_FORMAT = 'trailmark-evidence/1';

/** An event as a bundle carries it: everything its hash covers, and its position. */
export interface BundledEvent {
  id: string;
  streamName: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  position: string;
}

/** Which part of a stream the bundle holds: revisions `fromRevision`..`toRevision`, all of them. */
export interface BundledStream {
  streamName: string;
  fromRevision: number;
  toRevision: number;
  events: number;
}

/**
 * The last line. Its signature (Ed25519, the server's key) covers every other
 * field, and `bodySha256` covers every byte before this line, so no byte of
 * the file can change unnoticed.
 */
export interface BundleManifest {
  kind: 'manifest';
  format: typeof BUNDLE_FORMAT;
  exportId: string;
  workspaceId: string;
  createdAt: string;
  selection: EvidenceSelection;
  streams: BundledStream[];
  events: number;
  checkpoints: number;
  keyId: string;
  publicKeyPem: string;
  bodySha256: string;
  signature: string;
}

/**
 * NDJSON, one object a line: the events (`kind: "event"`) stream by stream in
 * revision order, then the workspace's checkpoint stream whole (`kind:
 * "checkpoint"`), then the manifest.
 */
export type BundleLine = { kind: 'event'; event: BundledEvent } | { kind: 'checkpoint'; event: BundledEvent } | BundleManifest;

export function bundledEvent({ id, streamName, revision, type, data, metadata, position }: RecordedEvent): BundledEvent {
  return { id, streamName, revision, type, data, metadata, position };
}

/** Back to the shape the hash chain and checkpoint checks read. */
export function recordedFromBundle(event: BundledEvent): RecordedEvent {
  return { ...event, position: event.position as RecordedEvent['position'], recordedAt: new Date(String(event.metadata['recordedAt'])) };
}
