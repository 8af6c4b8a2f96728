import { createHash } from 'node:crypto';
import type { EvidenceSelection } from '@trailmark/domain';
import type { RecordedEvent } from '@trailmark/event-store';
import type { SigningKey } from '../integrity/signing-key';
import { signedText } from '../integrity/signature';
import { BUNDLE_FORMAT, type BundledStream, type BundleLine, type BundleManifest, bundledEvent } from './evidence-bundle';

export interface BundleContents {
  exportId: string;
  workspaceId: string;
  createdAt: Date;
  selection: EvidenceSelection;
  /** Each stream's events in revision order, stream after stream. */
  events: AsyncIterable<RecordedEvent[]>;
  checkpoints: RecordedEvent[];
}

/**
 * Writes a bundle line by line through `write`, hashing as it goes, and ends
 * with the signed manifest: memory holds one batch of events at a time.
 */
export async function writeBundle(contents: BundleContents, key: SigningKey, write: (text: string) => Promise<void>): Promise<BundleManifest> {
  const body = createHash('sha256');
  const emit = async (line: BundleLine) => {
    const text = `${JSON.stringify(line)}\n`;
    body.update(text);
    await write(text);
  };
  const streams: BundledStream[] = [];
  let events = 0;
  for await (const batch of contents.events) {
    let text = '';
    for (const event of batch) {
      const last = streams.at(-1);
      if (last?.streamName === event.streamName) {
        last.toRevision = event.revision;
        last.events += 1;
      } else streams.push({ streamName: event.streamName, fromRevision: event.revision, toRevision: event.revision, events: 1 });
      text += `${JSON.stringify({ kind: 'event', event: bundledEvent(event) } satisfies BundleLine)}\n`;
    }
    events += batch.length;
    body.update(text);
    await write(text);
  }
  for (const event of contents.checkpoints) await emit({ kind: 'checkpoint', event: bundledEvent(event) });
  const unsigned: Omit<BundleManifest, 'signature'> = {
    kind: 'manifest',
    format: BUNDLE_FORMAT,
    exportId: contents.exportId,
    workspaceId: contents.workspaceId,
    createdAt: contents.createdAt.toISOString(),
    selection: contents.selection,
    streams,
    events,
    checkpoints: contents.checkpoints.length,
    keyId: key.keyId,
    publicKeyPem: key.publicKeyPem,
    bodySha256: body.digest('hex'),
  };
  const manifest: BundleManifest = { ...unsigned, signature: key.sign(unsigned) };
  // Canonical, so that the verifier can insist on these exact bytes.
  await write(`${signedText(manifest)}\n`);
  return manifest;
}
