import { createHash } from 'node:crypto';
import { GENESIS_HASH, hashLink } from '@trailmark/event-store';
import { foldCheckpoints } from '../integrity/checkpoint-check';
import { keyIdOf, signedText, verifyValue } from '../integrity/signature';
import { BUNDLE_FORMAT, type BundledEvent, type BundledStream, type BundleManifest, recordedFromBundle } from './evidence-bundle';
import { bundleLineSchema, bundleManifestSchema, describeIssues } from './evidence-bundle.schema';

/** One thing that does not hold, and where: a line of the file (1-based), a stream, an event. */
export interface BundleFailure {
  line?: number;
  streamName?: string;
  eventId?: string;
  message: string;
}

export interface BundleReport {
  ok: boolean;
  exportId: string | null;
  workspaceId: string | null;
  keyId: string | null;
  streams: number;
  events: number;
  checkpoints: number;
  failures: BundleFailure[];
  /** What holds but is worth knowing, e.g. a stream that starts mid-chain. */
  notes: string[];
}

interface Parsed {
  line: number;
  kind: string;
  event: BundledEvent;
}

/**
 * Verifies an evidence bundle with no database: the manifest's canonical form
 * and Ed25519 signature (under the key given, when one is pinned), the body's
 * SHA-256, every event's hash and link, the checkpoints' signatures and chain,
 * and each stream against the heads its checkpoints signed.
 */
export function verifyEvidenceBundle(bytes: Buffer, options: { publicKeyPem?: string } = {}): BundleReport {
  const failures: BundleFailure[] = [];
  const notes: string[] = [];
  const report = (manifest?: Partial<BundleManifest>, counts = { streams: 0, events: 0, checkpoints: 0 }): BundleReport => ({
    ok: failures.length === 0,
    exportId: manifest?.exportId ?? null,
    workspaceId: manifest?.workspaceId ?? null,
    keyId: manifest?.keyId ?? null,
    ...counts,
    failures,
    notes,
  });
  if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) {
    failures.push({ message: 'The file does not end with a newline: it was cut short or edited' });
    return report();
  }
  const start = bytes.lastIndexOf(0x0a, bytes.length - 2) + 1;
  const body = bytes.subarray(0, start);
  const lines = body.length ? body.toString('utf8').slice(0, -1).split('\n') : [];
  const manifestLine = lines.length + 1;
  const manifest = parseManifest(bytes.subarray(start, bytes.length - 1).toString('utf8'), manifestLine, failures);
  if (!manifest) return report();
  checkManifest(manifest, manifestLine, options.publicKeyPem, failures);
  const bodySha256 = createHash('sha256').update(body).digest('hex');
  if (bodySha256 !== manifest.bodySha256) {
    failures.push({ line: manifestLine, message: `Lines 1 to ${lines.length} have SHA-256 ${bodySha256}, but the manifest says ${manifest.bodySha256}: they were changed after the export` });
  }
  const parsed = parseBody(lines, failures);
  const events = parsed.filter((entry) => entry.kind === 'event');
  const checkpoints = parsed.filter((entry) => entry.kind === 'checkpoint');
  const streams = checkChains(events, failures, notes);
  checkChains(checkpoints, failures, notes);
  checkCounts(manifest, streams, events.length, checkpoints.length, manifestLine, failures);
  checkCheckpoints(manifest, streams, events, checkpoints, failures, notes);
  return report(manifest, { streams: streams.length, events: events.length, checkpoints: checkpoints.length });
}

function parseManifest(text: string, line: number, failures: BundleFailure[]): BundleManifest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    failures.push({ line, message: `Line ${line}, the manifest, is not valid JSON` });
    return undefined;
  }
  const parsed = bundleManifestSchema.safeParse(value);
  if (!parsed.success) {
    failures.push({ line, message: `Line ${line} is not a ${BUNDLE_FORMAT} manifest: ${describeIssues(parsed.error)}` });
    return undefined;
  }
  if (signedText(value) !== text) failures.push({ line, message: `Line ${line}, the manifest, is not in its canonical form: it was edited` });
  return parsed.data;
}

function checkManifest(manifest: BundleManifest, line: number, pinned: string | undefined, failures: BundleFailure[]): void {
  const { signature, ...signed } = manifest;
  let keyId: string | undefined;
  try {
    keyId = keyIdOf(manifest.publicKeyPem);
  } catch {
    failures.push({ line, message: 'The manifest\'s public key is not a public key' });
  }
  if (keyId !== undefined && keyId !== manifest.keyId) failures.push({ line, message: `The manifest names key ${manifest.keyId}, but its public key is ${keyId}` });
  if (pinned !== undefined && keyIdOf(pinned) !== keyId) {
    failures.push({ line, message: `The bundle was signed with key ${keyId ?? 'unknown'}, not the trusted key ${keyIdOf(pinned)}` });
  }
  if (!verifyValue(manifest.publicKeyPem, signed, signature)) failures.push({ line, message: 'The manifest does not match its signature: it was altered or forged' });
}

function parseBody(lines: string[], failures: BundleFailure[]): Parsed[] {
  const parsed: Parsed[] = [];
  for (const [i, text] of lines.entries()) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      failures.push({ line: i + 1, message: `Line ${i + 1} is not valid JSON` });
      continue;
    }
    const line = bundleLineSchema.safeParse(value);
    if (line.success) parsed.push({ line: i + 1, ...line.data });
    else failures.push({ line: i + 1, message: `Line ${i + 1} is neither an event nor a checkpoint: ${describeIssues(line.error)}` });
  }
  return parsed;
}

/** Each stream's events are consecutive revisions whose hashes hold and link; returns the streams as found. */
function checkChains(entries: Parsed[], failures: BundleFailure[], notes: string[]): BundledStream[] {
  const streams: BundledStream[] = [];
  let prevHash = '';
  for (const { line, event } of entries) {
    const fail = (message: string) => failures.push({ line, streamName: event.streamName, eventId: event.id, message: `Line ${line}: event ${event.id} at revision ${event.revision} of ${event.streamName} ${message}` });
    const last = streams.at(-1);
    const { hash, ...metadata } = event.metadata;
    if (last?.streamName === event.streamName) {
      if (event.revision !== last.toRevision + 1) fail(`follows revision ${last.toRevision}: an event is missing or out of order`);
      else if (metadata['prevHash'] !== prevHash) fail('does not link to the event before it');
      last.toRevision = event.revision;
      last.events += 1;
    } else {
      if (streams.some((stream) => stream.streamName === event.streamName)) fail('appears apart from the rest of its stream');
      if (event.revision === 0 && metadata['prevHash'] !== GENESIS_HASH) fail('starts the stream but does not link to the genesis hash');
      if (event.revision > 0) notes.push(`${event.streamName} starts at revision ${event.revision}, linked to the hash ${String(metadata['prevHash']).slice(0, 12)}… before it`);
      streams.push({ streamName: event.streamName, fromRevision: event.revision, toRevision: event.revision, events: 1 });
    }
    const actual = hashLink({ streamName: event.streamName, revision: event.revision, id: event.id, type: event.type, data: event.data, metadata });
    if (actual !== hash) fail('was altered: its content no longer matches its hash');
    prevHash = String(hash);
  }
  return streams;
}

function checkCounts(manifest: BundleManifest, streams: BundledStream[], events: number, checkpoints: number, line: number, failures: BundleFailure[]): void {
  const [listed, found] = [signedText(manifest.streams), signedText(streams)];
  if (listed !== found) failures.push({ line, message: `The manifest lists the streams ${listed}, the body holds ${found}` });
  if (manifest.events !== events) failures.push({ line, message: `The manifest counts ${manifest.events} events, the body holds ${events}` });
  if (manifest.checkpoints !== checkpoints) failures.push({ line, message: `The manifest counts ${manifest.checkpoints} checkpoints, the body holds ${checkpoints}` });
}

/**
 * Checkpoints must be signed by the bundle's key. A signed head inside a
 * stream's range must have the hash signed; past the end of a stream exported
 * whole, its tail was removed before the export.
 */
function checkCheckpoints(manifest: BundleManifest, streams: BundledStream[], events: Parsed[], checkpoints: Parsed[], failures: BundleFailure[], notes: string[]): void {
  const folded = foldCheckpoints(checkpoints.map(({ event }) => recordedFromBundle(event)), { keyId: manifest.keyId, publicKeyPem: manifest.publicKeyPem });
  const lineOf = new Map(checkpoints.map(({ event, line }) => [event.id, line]));
  failures.push(...folded.findings.map(({ eventId, streamName, message }) => ({ line: lineOf.get(eventId ?? ''), streamName, eventId, message })));
  const at = new Map(events.map(({ event, line }) => [`${event.streamName} ${event.revision}`, { event, line }]));
  for (const stream of streams) {
    const signed = folded.heads.get(stream.streamName);
    if (!signed) {
      notes.push(`No checkpoint in the bundle signed ${stream.streamName}`);
    } else if (signed.revision > stream.toRevision) {
      const message = `${stream.streamName} ends at revision ${stream.toRevision}, but checkpoint #${signed.sequence} signed its revision ${signed.revision}`;
      if (manifest.selection.kind === 'streams') failures.push({ streamName: stream.streamName, message: `${message}: its tail was removed before the export` });
      else notes.push(`${message}, after the window`);
    } else if (signed.revision >= stream.fromRevision) {
      const found = at.get(`${stream.streamName} ${signed.revision}`);
      if (found && found.event.metadata['hash'] !== signed.hash) {
        failures.push({
          line: found.line,
          streamName: stream.streamName,
          eventId: found.event.id,
          message: `Line ${found.line}: revision ${signed.revision} of ${stream.streamName} has hash ${String(found.event.metadata['hash']).slice(0, 12)}…, but checkpoint #${signed.sequence} signed ${signed.hash.slice(0, 12)}…: the stream was rewritten`,
        });
      }
    }
  }
}
