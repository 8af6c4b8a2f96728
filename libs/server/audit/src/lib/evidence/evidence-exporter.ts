import { randomUUID } from 'node:crypto';
import type { RequestContext } from '@trailmark/command-handling';
import type { EvidenceSelection } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import type { AuditTrail } from '../audit-trail';
import { auditStreams } from '../audit-streams';
import type { SigningKeySource } from '../integrity/signing-key.source';
import { type Queryable, type StreamRange, streamRangesInWindow, streamSlice, wholeStream, workspaceHeads } from '../store/stored-events.sql';
import type { BundleManifest } from './evidence-bundle';
import { writeBundle } from './evidence-writer';

const BATCH = 5_000;

/**
 * Exports a time window or a set of streams of a workspace as an evidence
 * bundle, with the workspace's checkpoint stream and the public key, then
 * records the export (with the digest of what was handed over) by the caller.
 * The manifest comes last: whoever writes the bundle out ends it only after
 * this resolves, so an export that could not be recorded is never complete.
 */
export class EvidenceExporter {
  constructor(
    private readonly db: Queryable,
    private readonly keys: SigningKeySource,
    private readonly trail: AuditTrail,
  ) {}

  /** Streams of the selection the workspace does not have. */
  async missingStreams(workspaceId: string, names: readonly string[]): Promise<string[]> {
    const known = new Set((await workspaceHeads(this.db, workspaceId)).map((head) => head.streamName));
    return names.filter((name) => !known.has(name));
  }

  async export(selection: EvidenceSelection, context: RequestContext, write: (text: string) => Promise<void>): Promise<BundleManifest> {
    const key = await this.keys.get();
    const { workspaceId } = context;
    const checkpointStream = auditStreams.checkpoints(workspaceId);
    const ranges =
      selection.kind === 'window'
        ? await streamRangesInWindow(this.db, workspaceId, new Date(selection.from), new Date(selection.to))
        : selection.streams.map((streamName) => ({ streamName, fromRevision: 0, toRevision: null }));
    const contents = {
      exportId: randomUUID(),
      workspaceId,
      createdAt: new Date(),
      selection,
      events: this.slices(ranges.filter((range) => range.streamName !== checkpointStream)),
      checkpoints: await wholeStream(this.db, checkpointStream),
    };
    const manifest = await writeBundle(contents, key, write);
    await this.trail.record(
      {
        type: 'RecordEvidenceExport',
        data: {
          exportId: manifest.exportId,
          selection,
          streams: manifest.streams.length,
          events: manifest.events,
          checkpoints: manifest.checkpoints,
          sha256: manifest.bodySha256,
          keyId: manifest.keyId,
        },
      },
      context,
    );
    return manifest;
  }

  private async *slices(ranges: Array<Omit<StreamRange, 'toRevision'> & { toRevision: number | null }>): AsyncGenerator<RecordedEvent[]> {
    for (const { streamName, fromRevision, toRevision } of ranges) {
      for (let from = fromRevision; ; ) {
        const batch = await streamSlice(this.db, streamName, from, toRevision, BATCH);
        if (batch.length) yield batch;
        if (batch.length < BATCH) break;
        from = batch[batch.length - 1].revision + 1;
      }
    }
  }
}
