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
  | {
      kind: 'stats';
      workspaceId: string;
      /** `workspace` (the default: everyone's activity, admin and above) or `mine` (ticks for your own activity only). */
      scope?: 'workspace' | 'mine';
    }
  /** Your own notification stream: `feed:items` carrying each alert raised for you (AlertRaised) and each time you mark some read (NotificationsRead). */
  | { kind: 'notifications'; workspaceId: string };

/**
 * The handshake's `auth` where no session cookie is sent (scripts, other origins): the session token.
 * `Authorization: Bearer <token>` works as well.
 */
export interface LiveHandshakeAuth {
  token?: string;
}

export interface LiveSubscribeRequest {
  channel: LiveChannel;
  /**
   * Last position the client already has (the greatest position among the items it holds, from a page load
   * or before a reconnect): everything after it is sent first. Without it the channel starts from now.
   */
  after?: string;
}

/**
 * 400: the request is not valid (`issues` names each field); 401: the session has ended (the socket is then
 * disconnected); 403: your role does not allow the channel; 404: no such workspace for you; 503: try again later.
 */
export type LiveSubscribeAck =
  | { ok: true; channelKey: string }
  | { ok: false; status: 400 | 401 | 403 | 404 | 503; message: string; issues?: Array<{ path: string; message: string }> };

/** Client → server events. */
export interface LiveClientEvents {
  subscribe: (request: LiveSubscribeRequest, ack: (result: LiveSubscribeAck) => void) => void;
  unsubscribe: (request: { channelKey: string }, ack: (result: { ok: boolean }) => void) => void;
}

/**
 * New feed items for one subscribed channel, in position order, as many as
 * arrived together (a committed batch, or a page of a catch-up): a burst is
 * one message, not one per item.
 */
export interface LiveFeedItems {
  channelKey: string;
  items: ActivityItem[];
}

/** Stats changed for the workspace; bursts are coalesced into one tick. `position` is the latest counted. */
export interface LiveStatsTick {
  channelKey: string;
  workspaceId: string;
  position: string;
}

/** Server → client events. */
export interface LiveServerEvents {
  'feed:items': (message: LiveFeedItems) => void;
  'stats:tick': (message: LiveStatsTick) => void;
  /** Catch-up after `after` is complete for the channel; what follows is live. */
  'live:caught-up': (message: { channelKey: string; position: string | null }) => void;
}
