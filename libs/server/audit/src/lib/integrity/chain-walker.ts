import { GENESIS_HASH } from '@trailmark/event-store';
import type { LinkFacts } from './link-facts';

/** How a stream's chain first broke, as the walk saw it; `diagnoseStream` says what happened. */
export type LinkBreak = 'revision_gap' | 'out_of_order' | 'prev_hash_mismatch' | 'hash_mismatch';

/** An event as the walk sees it: where it sits, and its link facts. */
export interface WalkedEvent extends LinkFacts {
  id: string;
  streamName: string;
  revision: number;
  position: string;
}

export interface StreamWalk {
  streamName: string;
  events: number;
  /** -1 when the stream had no events. */
  lastRevision: number;
  lastHash: string;
  broken?: { revision: number; eventId: string; reason: LinkBreak };
  /** Stored hashes at the revisions asked for (the checkpointed ones), while the chain held. */
  hashesAt: Map<number, string>;
}

/**
 * Follows hash chains in one pass over events given stream by stream, each
 * in revision order, keeping only the current stream's last link. After the
 * first break a stream is only counted: its events are read again, whole, to
 * say what happened.
 */
export class ChainWalker {
  private readonly walks = new Map<string, StreamWalk>();
  private current?: StreamWalk & { position: string };
  checked = 0;

  /** `watch`: per stream, revisions whose stored hash to keep. */
  constructor(private readonly watch: ReadonlyMap<string, readonly number[]> = new Map()) {}

  add(event: WalkedEvent): void {
    this.checked += 1;
    let walk = this.current;
    if (walk?.streamName !== event.streamName) {
      walk = this.current = { streamName: event.streamName, events: 0, lastRevision: -1, lastHash: GENESIS_HASH, hashesAt: new Map(), position: '' };
      this.walks.set(event.streamName, walk);
    }
    walk.events += 1;
    if (walk.broken) return;
    const reason = breakOf(walk, event);
    if (reason) {
      walk.broken = { revision: event.revision, eventId: event.id, reason };
      return;
    }
    walk.lastRevision = event.revision;
    walk.lastHash = event.hash as string;
    walk.position = event.position;
    if (this.watch.get(event.streamName)?.includes(event.revision)) walk.hashesAt.set(event.revision, event.hash as string);
  }

  /** Every stream seen, by name. */
  result(): ReadonlyMap<string, StreamWalk> {
    return this.walks;
  }
}

function breakOf(walk: { lastRevision: number; lastHash: string; position: string }, event: WalkedEvent): LinkBreak | undefined {
  if (event.revision !== walk.lastRevision + 1) return 'revision_gap';
  if (event.position < walk.position) return 'out_of_order';
  if (event.prevHash !== walk.lastHash) return 'prev_hash_mismatch';
  return event.intact ? undefined : 'hash_mismatch';
}
