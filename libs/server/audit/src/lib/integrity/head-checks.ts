import type { IntegrityFinding } from '@trailmark/domain';
import type { StreamHeadRow } from '../store/stored-events.sql';
import type { StreamWalk } from './chain-walker';
import type { SignedHead } from './checkpoint-check';

/** What a stream looks like now: the end of its unbroken chain, and the stored hashes at the signed revisions. */
export type StreamNow = Pick<StreamWalk, 'lastRevision' | 'lastHash' | 'hashesAt' | 'broken'>;

/** A signed head beyond the stream's end is a truncation; a different hash at a signed revision, a rewrite. */
export function checkSignedHead(streamName: string, signed: SignedHead, now: StreamNow | undefined): IntegrityFinding | undefined {
  const lastRevision = now?.lastRevision ?? -1;
  if (lastRevision < signed.revision && !now?.broken) {
    const end = lastRevision < 0 ? 'has no events left' : `ends at revision ${lastRevision}`;
    return {
      streamName,
      problem: 'truncated',
      revision: lastRevision + 1,
      message: `${streamName} ${end}, but checkpoint #${signed.sequence} signed its revision ${signed.revision} (hash ${signed.hash.slice(0, 12)}…): its tail was removed`,
    };
  }
  const hash = now?.hashesAt.get(signed.revision);
  if (hash !== undefined && hash !== signed.hash) {
    return {
      streamName,
      problem: 'changed',
      revision: signed.revision,
      message: `Revision ${signed.revision} of ${streamName} has hash ${hash.slice(0, 12)}…, but checkpoint #${signed.sequence} signed ${signed.hash.slice(0, 12)}…: the stream was rewritten up to there and re-hashed`,
    };
  }
  return undefined;
}

/** es_streams keeps each stream's head beside its events: a head past the events' end, or another hash there, is a tail removed. */
export function checkStoreHead(head: StreamHeadRow, now: StreamNow): IntegrityFinding | undefined {
  if (now.broken || head.revision < now.lastRevision) return undefined;
  if (head.revision > now.lastRevision) {
    const end = now.lastRevision < 0 ? 'no events are left' : `its events end at revision ${now.lastRevision}`;
    return { streamName: head.streamName, problem: 'truncated', revision: now.lastRevision + 1, message: `The store records revision ${head.revision} as the head of ${head.streamName}, but ${end}: its tail was removed` };
  }
  if (head.hash !== now.lastHash) {
    return { streamName: head.streamName, problem: 'changed', revision: head.revision, message: `The last event of ${head.streamName} (revision ${head.revision}) has hash ${now.lastHash.slice(0, 12)}…, but the store recorded ${head.hash.slice(0, 12)}…: it was replaced` };
  }
  return undefined;
}
