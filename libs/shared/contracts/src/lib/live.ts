import type { ActivityItem } from './activity-item';

/** Socket.IO namespace of the live channel. */
export const LIVE_NAMESPACE = '/live';

/**
 * What a client can follow: the workspace feed (admin and above), its own
 * activity, one record's activity, or stats ticks for the workspace.
 */
export type LiveChannel =
  | { kind: 'workspace'; workspaceId: string }
  | { kind: 'mine'; workspaceId: string }
  | { kind: 'record'; workspaceId: string; recordType: string; recordId: string }
  | { kind: 'stats'; workspaceId: string };

export interface LiveSubscribeRequest {
  channel: LiveChannel;
  /** Last position the client already has (from a page load or before a reconnect): everything after it is sent first. */
  after?: string;
}

export type LiveSubscribeAck = { ok: true; channelKey: string } | { ok: false; status: 400 | 403 | 404; message: string };

/** Client → server events. */
export interface LiveClientEvents {
  subscribe: (request: LiveSubscribeRequest, ack: (result: LiveSubscribeAck) => void) => void;
  unsubscribe: (request: { channelKey: string }, ack: (result: { ok: boolean }) => void) => void;
}

/** A feed item for one subscribed channel, in position order; `position` is the item's. */
export interface LiveFeedItem {
  channelKey: string;
  item: ActivityItem;
}

/** Stats changed for the workspace; bursts are coalesced into one tick. `position` is the latest counted. */
export interface LiveStatsTick {
  channelKey: string;
  workspaceId: string;
  position: string;
}

/** Server → client events. */
export interface LiveServerEvents {
  'feed:item': (message: LiveFeedItem) => void;
  'stats:tick': (message: LiveStatsTick) => void;
  /** Catch-up after `after` is complete for the channel; what follows is live. */
  'live:caught-up': (message: { channelKey: string; position: string | null }) => void;
}
