import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { streamCategory } from '@trailmark/contracts';
import type { IntegrityFinding, VerificationScope } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import { auditStreams, workspaceOfStream } from '../audit-streams';
import { allHeads, type Queryable, scanRawEvents, type StreamHeadRow, wholeStream, workspaceHeads } from '../store/stored-events.sql';
import { diagnoseStream } from './chain-diagnosis';
import { ChainWalker, type StreamWalk } from './chain-walker';
import { type CheckpointSummary, foldCheckpoints, type SignedHead, type TrustedKey } from './checkpoint-check';
import { checkSignedHead, checkStoreHead } from './head-checks';
import { LinkChecker } from './link-checker';

export type VerifyTarget = { scope: 'stream'; workspaceId: string; streamName: string } | { scope: 'workspace'; workspaceId: string } | { scope: 'all' };

export interface IntegrityProgress {
  events: number;
  /** Events the store's heads promise; a tampered store may hold fewer. */
  totalEvents: number;
}

export interface IntegrityReport {
  scope: VerificationScope;
  target: string;
  ok: boolean;
  streams: number;
  events: number;
  findings: IntegrityFinding[];
  /** The last valid checkpoint of each workspace verified. */
  checkpoints: Array<CheckpointSummary & { workspaceId: string }>;
  startedAt: string;
  durationMs: number;
  eventsPerSecond: number;
}

const BATCH = 5_000;
/**
 * Below this many events, starting worker threads costs more than it saves:
 * each loads the TypeScript loader (about half a CPU-second measured), while
 * the text path hashes some 60,000 events per CPU-second on this thread.
 */
const PARALLEL_FROM = 500_000;
/** Streams named per query: a workspace's streams are read a slice of names at a time. */
const STREAMS_PER_QUERY = 1_000;

/**
 * Verifies hash chains for a stream, a workspace or the whole store, against
 * the heads the store records and those its signed checkpoints vouch for.
 * Reads the Postgres event store's tables directly, batch after batch in
 * (stream, revision) order, the next batch fetched while this one is hashed,
 * on worker threads when the scan is large.
 */
export class IntegrityVerifier {
  /** `threads`: worker threads hashing on large scans while this one reads and walks; by default one per other core, at least one, up to 3. */
  constructor(
    private readonly db: Queryable,
    private readonly key: TrustedKey,
    private readonly threads = Math.min(Math.max(availableParallelism() - 1, 1), 3),
  ) {}

  async verify(target: VerifyTarget, onProgress: (progress: IntegrityProgress) => void = () => undefined): Promise<IntegrityReport> {
    const startedAt = new Date();
    const started = performance.now();
    const heads = await this.headsOf(target);
    const checkpointed = await this.checkpoints(target, heads);
    const names = target.scope === 'stream' ? [target.streamName] : undefined;
    const walker = new ChainWalker(new Map([...checkpointed.heads].map(([stream, head]) => [stream, [head.revision]])));
    const totalEvents = heads.reduce((sum, head) => sum + head.revision + 1, 0);
    await this.walk(walker, names ?? (target.scope === 'workspace' ? heads.map((head) => head.streamName) : undefined), totalEvents, onProgress);
    const walks = walker.result();
    const findings = [...checkpointed.findings, ...(await this.diagnose(walks)), ...headFindings(heads, checkpointed.heads, walks)];
    const durationMs = Math.round(performance.now() - started);
    return {
      scope: target.scope,
      target: target.scope === 'all' ? 'all' : target.scope === 'stream' ? target.streamName : target.workspaceId,
      ok: findings.length === 0,
      streams: new Set([...heads.map((head) => head.streamName), ...walks.keys()]).size,
      events: walker.checked,
      findings: findings.sort((a, b) => (a.streamName < b.streamName ? -1 : a.streamName > b.streamName ? 1 : (a.revision ?? 0) - (b.revision ?? 0))),
      checkpoints: checkpointed.latest,
      startedAt: startedAt.toISOString(),
      durationMs,
      eventsPerSecond: Math.round(walker.checked / Math.max(durationMs / 1000, 0.001)),
    };
  }

  private async headsOf(target: VerifyTarget): Promise<StreamHeadRow[]> {
    if (target.scope === 'all') return allHeads(this.db);
    const heads = await workspaceHeads(this.db, target.workspaceId);
    return target.scope === 'stream' ? heads.filter((head) => head.streamName === target.streamName) : heads;
  }

  /** The signed heads of the workspaces in scope; for one stream, its own only. */
  private async checkpoints(target: VerifyTarget, heads: StreamHeadRow[]) {
    const streams =
      target.scope === 'all' ? heads.map((head) => head.streamName).filter((name) => streamCategory(name) === 'checkpoint') : [auditStreams.checkpoints(target.workspaceId)];
    const signed = new Map<string, SignedHead>();
    const findings: IntegrityFinding[] = [];
    const latest: IntegrityReport['checkpoints'] = [];
    for (const stream of streams) {
      const folded = foldCheckpoints(await wholeStream(this.db, stream), this.key);
      for (const [name, head] of folded.heads) if (target.scope !== 'stream' || name === target.streamName) signed.set(name, head);
      findings.push(...folded.findings);
      if (folded.latest) latest.push({ workspaceId: workspaceOfStream(stream) ?? stream, ...folded.latest });
    }
    return { heads: signed, findings, latest };
  }

  private async walk(walker: ChainWalker, names: readonly string[] | undefined, totalEvents: number, onProgress: (progress: IntegrityProgress) => void) {
    const checker = await LinkChecker.start(totalEvents >= PARALLEL_FROM ? this.threads : 0);
    try {
      for (const slice of names ? chunk(names, STREAMS_PER_QUERY) : [undefined]) {
        let next = scanRawEvents(this.db, undefined, BATCH, slice);
        for (;;) {
          const rows = await next;
          const last = rows.at(-1);
          if (last && rows.length === BATCH) next = scanRawEvents(this.db, { streamName: last[1], revision: last[2] }, BATCH, slice);
          const facts = await checker.check(rows);
          rows.forEach(([id, streamName, revision, , , , position], i) => walker.add({ id, streamName, revision, position, ...facts[i] }));
          onProgress({ events: walker.checked, totalEvents });
          if (rows.length < BATCH) break;
        }
      }
    } finally {
      await checker.close();
    }
  }

  private async diagnose(walks: ReadonlyMap<string, StreamWalk>): Promise<IntegrityFinding[]> {
    const findings: IntegrityFinding[] = [];
    for (const walk of walks.values()) {
      if (!walk.broken) continue;
      const events: RecordedEvent[] = await wholeStream(this.db, walk.streamName);
      findings.push(
        diagnoseStream(walk.streamName, events) ?? {
          streamName: walk.streamName,
          problem: 'changed',
          revision: walk.broken.revision,
          eventId: walk.broken.eventId,
          message: `Event ${walk.broken.eventId} at revision ${walk.broken.revision} of ${walk.streamName} broke the chain (${walk.broken.reason}) while it was read, but not when read again`,
        },
      );
    }
    return findings;
  }
}

function headFindings(heads: StreamHeadRow[], signed: ReadonlyMap<string, SignedHead>, walks: ReadonlyMap<string, StreamWalk>): IntegrityFinding[] {
  const none = { lastRevision: -1, lastHash: '', hashesAt: new Map<number, string>() };
  const findings = heads.map((head) => checkStoreHead(head, walks.get(head.streamName) ?? none));
  for (const [streamName, head] of signed) findings.push(checkSignedHead(streamName, head, walks.get(streamName)));
  return findings.filter((finding): finding is IntegrityFinding => finding !== undefined);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
