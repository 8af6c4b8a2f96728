/** Who did it. "System" when nobody is signed in. */
export type ActorKind = 'user' | 'system' | 'api_key' | 'platform_admin' | 'host_actor';

export interface Actor {
  kind: ActorKind;
  id: string;
  name: string;
  /** Set on every event recorded while a platform admin impersonates someone. */
  impersonatorId?: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system', name: 'System' };

export type EventResult = 'success' | 'warning' | 'failure';
export type EventLayer = 'workspace' | 'platform';

export interface Device {
  type: string;
  os: string;
  browser: string;
}

/** Metadata carried by every Trailmark event (ARCHITECTURE.md, "Event envelope"). */
export interface EventMetadata {
  workspaceId: string;
  layer: EventLayer;
  actor: Actor;
  ip?: string;
  userAgent?: string;
  device?: Device;
  result: EventResult;
  /** When the source says it happened (ISO 8601). */
  occurredAt: string;
  correlationId?: string;
  causationId?: string;
  [extra: string]: unknown;
}

/** Written by the event store at append; never supplied by callers. */
export interface StoredMetadata {
  recordedAt: string;
  prevHash: string;
  hash: string;
}
