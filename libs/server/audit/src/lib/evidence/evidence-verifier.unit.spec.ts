import { generateKeyPairSync } from 'node:crypto';
import { chainEvents, GENESIS_HASH, type RecordedEvent } from '@trailmark/event-store';
import { signingKeyOf } from '../integrity/signing-key';
import { writeBundle } from './evidence-writer';
import { verifyEvidenceBundle } from './evidence-verifier';

const key = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
const AT = new Date('2026-02-01T10:00:00.000Z');

function stream(streamName: string, count: number, offset: number): RecordedEvent[] {
  const events = Array.from({ length: count }, (_, n) => ({ id: `${streamName}-${n}`, type: 'NoteAdded', data: { n, body: `note ${n}` }, metadata: { workspaceId: 'ws1' } }));
  return chainEvents(streamName, { revision: -1, hash: GENESIS_HASH }, events, AT).map((link, n) => ({
    ...link,
    position: `${String(offset + n).padStart(20, '0')}:${'1'.padStart(20, '0')}` as RecordedEvent['position'],
    recordedAt: AT,
  }));
}

async function bundle(events: RecordedEvent[], checkpoints: RecordedEvent[] = []): Promise<Buffer> {
  let text = '';
  async function* batches() {
    yield events;
  }
  const selection = { kind: 'streams' as const, streams: [...new Set(events.map((event) => event.streamName))] };
  await writeBundle({ exportId: 'x-1', workspaceId: 'ws1', createdAt: AT, selection, events: batches(), checkpoints }, key, async (chunk) => void (text += chunk));
  return Buffer.from(text);
}

describe('verifyEvidenceBundle', () => {
  const events = [...stream('note-ws1.a', 3, 1), ...stream('note-ws1.b', 2, 10)];

  it('passes a bundle as written, pinned to its key, with what it holds', async () => {
    expect(verifyEvidenceBundle(await bundle(events), { publicKeyPem: key.publicKeyPem })).toEqual({
      ok: true,
      exportId: 'x-1',
      workspaceId: 'ws1',
      keyId: key.keyId,
      streams: 2,
      events: 5,
      checkpoints: 0,
      failures: [],
      notes: ['No checkpoint in the bundle signed note-ws1.a', 'No checkpoint in the bundle signed note-ws1.b'],
    });
  });

  it('fails whichever single byte is changed', async () => {
    const original = await bundle(events);
    const passed: number[] = [];
    for (let i = 0; i < original.length; i += 1) {
      const changed = Buffer.from(original);
      changed[i] = (changed[i] + 1) % 256;
      if (verifyEvidenceBundle(changed).ok) passed.push(i);
    }
    expect(passed).toEqual([]);
  });

  it('names an event left out, with its line, and a bundle cut short', async () => {
    const lines = (await bundle(events)).toString('utf8').split('\n');
    const withoutSecond = Buffer.from([lines[0], ...lines.slice(2)].join('\n'));
    expect(verifyEvidenceBundle(withoutSecond).failures.map((failure) => failure.message)).toEqual([
      expect.stringMatching(/^Lines 1 to 4 have SHA-256 \w+, but the manifest says \w+: they were changed after the export$/),
      'Line 2: event note-ws1.a-2 at revision 2 of note-ws1.a follows revision 0: an event is missing or out of order',
      expect.stringMatching(/^The manifest lists the streams .+, the body holds .+$/),
      'The manifest counts 5 events, the body holds 4',
    ]);
    expect(verifyEvidenceBundle(Buffer.from(lines.slice(0, 3).join('\n'))).failures).toEqual([
      { message: 'The file does not end with a newline: it was cut short or edited' },
    ]);
  });

  it('refuses a bundle signed by another key than the one pinned', async () => {
    const other = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
    expect(verifyEvidenceBundle(await bundle(events), { publicKeyPem: other.publicKeyPem }).failures).toEqual([
      { line: 6, message: `The bundle was signed with key ${key.keyId}, not the trusted key ${other.keyId}` },
    ]);
  });
});
