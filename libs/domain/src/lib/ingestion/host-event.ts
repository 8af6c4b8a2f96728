import type { EventResult } from '@trailmark/contracts';
import type { JsonValue } from '../activity/host-values';
import type { ActivityRecorded } from '../activity/activity.events';
import type { BrowsingEvent } from '../browsing/browsing.events';
import type { FileEvent } from '../files/file.events';
import type { SignedIn, SignedOut, SignInFailed } from '../identity/user-account.events';
import type { RecordEvent } from '../records/record.events';

export interface HostChange {
  field: string;
  from?: JsonValue;
  to?: JsonValue;
}

export interface HostTarget {
  type: string;
  id: string;
  name?: string;
  url?: string;
}

/** One activity reported by a host app, its shape already checked by the API. */
export interface HostEvent {
  action: string;
  actor: { id: string; name: string; type?: string };
  target?: HostTarget;
  changes?: HostChange[];
  context?: { ip?: string; userAgent?: string };
  result?: EventResult;
  details?: Record<string, JsonValue>;
}

export interface HostEventInput {
  /** The workspace of the API key that sent the event. */
  workspaceId: string;
  /** The id the event is stored under; the default for ids the host left out (a comment id, a session id). */
  eventId: string;
  event: HostEvent;
}

/** Every domain event a host action can become. */
export type IngestedEvent = RecordEvent | FileEvent | BrowsingEvent | SignedIn | SignInFailed | SignedOut | ActivityRecorded;

/** What the host said that the event's data has no field for: kept beside it, in the metadata. */
export interface HostExtras {
  /** The host's action string, verbatim. */
  action: string;
  /** The parts of the target the data does not carry (its name and URL on a record event). */
  target?: Partial<HostTarget>;
  /** Changes the event does not carry (an assignment with other changed fields). */
  changes?: HostChange[];
  /** Details the event does not carry. */
  details?: Record<string, JsonValue>;
}

export interface MappedHostEvent {
  streamName: string;
  event: IngestedEvent;
  extras: HostExtras;
}

/** A malformed value, by its path inside the host event (`details.until`). */
export interface MappingIssue {
  path: string;
  message: string;
}

export type HostEventMapping = { ok: true; mapped: MappedHostEvent } | { ok: false; issues: MappingIssue[] };
