import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { type ApiCallOptions, callApi } from '../testing/api-call';
import { startTestApi, TEST_OWNER, type TestApi } from '../testing/test-api';

const ROOT = resolve(__dirname, '../../../..');
const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let api: TestApi;
let ws: string;
let dir: string;
let owner: { id: string; token: string };
let auditor: { id: string; token: string };
let agent: { token: string };
let viewer: { token: string };

const OTHER_WS = 'wsother';
const call = (path: string, options?: ApiCallOptions) => callApi(api.url, path, options);
const audit = (path: string, token = owner.token, body?: unknown) => call(`/api/workspaces/${ws}/audit/${path}`, { token, body, method: body ? 'POST' : undefined });
const verify = (body: object = {}, token = owner.token) => call(`/api/workspaces/${ws}/audit/verify`, { token, body, method: 'POST' });
const ticket = (n: number) => `ticket-${ws}.T-${n}`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** `npm run audit -- <args>` as a real process on the test database, without a terminal. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', './tools/scripts/register.cjs', join('apps', 'audit-cli', 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: api.postgres.url, LOG_LEVEL: 'warn', TRAILMARK_SIGNING_KEY: SIGNING_KEY },
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

async function member(email: string, role: string) {
  const invited = await call(`/api/workspaces/${ws}/members`, { token: owner.token, body: { email, role } });
  const registered = await call(`/api/workspaces/${ws}/invitations/${invited.body.invitationId}/register`, {
    body: { displayName: email.split('@')[0], password: 'member-password-1' },
  });
  return { id: registered.body.user.id as string, token: registered.body.token as string };
}

async function download(path: string, token = owner.token): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(`${api.url}/api/workspaces/${ws}/audit/${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

const recordedAudit = async (type: string) =>
  (
    await api.pool.query<{ data: Record<string, unknown>; metadata: { actor: { id: string }; result: string } }>(
      `SELECT data, metadata FROM es_events WHERE stream_name LIKE $1 AND event_type = $2 ORDER BY tx_id, position`,
      [`%-${ws}.%`, type],
    )
  ).rows;

async function asSuperuser(statements: Array<[string, unknown[]]>): Promise<void> {
  const client = new Client({ connectionString: api.postgres.url });
  await client.connect();
  try {
    await client.query('ALTER TABLE es_events DISABLE TRIGGER es_events_immutable');
    for (const [sql, params] of statements) await client.query(sql, params);
    await client.query('ALTER TABLE es_events ENABLE TRIGGER es_events_immutable');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  process.env['TRAILMARK_SIGNING_KEY'] = SIGNING_KEY;
  dir = await mkdtemp(join(tmpdir(), 'trailmark-audit-'));
  api = await startTestApi();
  ws = api.workspaceId;
  const login = await call('/api/auth/login', { body: TEST_OWNER });
  owner = { id: login.body.user.id, token: login.body.token };
  auditor = await member('auditor@example.com', 'auditor');
  agent = await member('agent@example.com', 'agent');
  viewer = await member('viewer@example.com', 'viewer');
  const key = (await call(`/api/workspaces/${ws}/api-keys`, { token: owner.token, body: { name: 'helpdesk' } })).body.key;
  const events = [1, 2, 3].flatMap((n) => [
    { id: `created-${n}`, action: 'ticket.created', occurredAt: minutesAgo(30), actor: { id: 'agent-7', name: 'Grace' }, target: { type: 'ticket', id: `T-${n}` }, details: { fields: { title: `T${n}` } } },
    { id: `updated-${n}`, action: 'ticket.updated', occurredAt: minutesAgo(20), actor: { id: 'agent-7', name: 'Grace' }, target: { type: 'ticket', id: `T-${n}` }, changes: [{ field: 'title', to: `Ticket ${n}` }] },
    { id: `status-${n}`, action: 'ticket.status_changed', occurredAt: minutesAgo(10), actor: { id: 'agent-7', name: 'Grace' }, target: { type: 'ticket', id: `T-${n}` }, changes: [{ field: 'status', to: 'open' }] },
  ]);
  expect((await call('/v1/events', { token: key, body: { events } })).body).toMatchObject({ accepted: 9 });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoints and the public key', () => {
  it('signs the heads of every stream of the workspace, then nothing until a head moves', async () => {
    const streams = Number((await api.pool.query('SELECT count(*) AS n FROM es_streams WHERE stream_name LIKE $1', [`%-${ws}.%`])).rows[0].n);
    const first = await audit('checkpoints', auditor.token, {});
    expect(first.status).toBe(200);
    expect(first.body.checkpoint).toMatchObject({ workspaceId: ws, sequence: 1, previousSignature: null, streams, contradictions: [], signature: expect.any(String) });
    expect(first.body.checkpoint.heads).toHaveLength(streams);
    expect(first.body.checkpoint.heads.filter((head: { streamName: string }) => head.streamName.startsWith('ticket-'))).toEqual(
      [1, 2, 3].map((n) => ({ streamName: ticket(n), revision: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })),
    );
    expect((await audit('checkpoints', auditor.token, {})).body).toEqual({ checkpoint: null });

    const key = await audit('public-key');
    expect(key.body).toEqual({ algorithm: 'Ed25519', keyId: first.body.checkpoint.keyId, publicKeyPem: expect.stringContaining('-----BEGIN PUBLIC KEY-----') });
    const [signed] = await recordedAudit('IntegrityCheckpointSigned');
    expect(signed.metadata.actor.id).toBe(auditor.id);
  });
});

describe('evidence bundles', () => {
  let bundle: string;

  beforeAll(async () => {
    const response = await download(`evidence?stream=${ticket(1)}&stream=${ticket(2)}`, auditor.token);
    expect(response.status).toBe(200);
    expect(response.type).toContain('application/x-ndjson');
    bundle = join(dir, 'streams.ndjson');
    await writeFile(bundle, response.bytes);
    await writeFile(join(dir, 'trusted.pem'), (await audit('public-key')).body.publicKeyPem);
    await writeFile(join(dir, 'other.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
  });

  it('verifies offline with the CLI, pinned to the trusted key, and is recorded with its digest', async () => {
    const lines = (await readFile(bundle, 'utf8')).trimEnd().split('\n');
    const manifest = JSON.parse(lines.at(-1)!);
    expect(manifest).toMatchObject({ kind: 'manifest', workspaceId: ws, events: 6, checkpoints: 1, selection: { kind: 'streams', streams: [ticket(1), ticket(2)] } });
    expect(lines).toHaveLength(8);

    const checked = await cli(['verify-bundle', bundle, '--public-key', join(dir, 'trusted.pem')]);
    expect(checked.stdout).toBe(
      `Bundle ${manifest.exportId} of workspace ${ws}, signed with ${manifest.keyId}: 6 events in 2 streams, 1 checkpoints\nOK: the bundle verifies\n`,
    );
    expect(checked.code).toBe(0);

    const [exported] = await recordedAudit('EvidenceExported');
    expect(exported.data).toMatchObject({ exportId: manifest.exportId, events: 6, streams: 2, checkpoints: 1, sha256: manifest.bodySha256, keyId: manifest.keyId });
    expect(exported.metadata.actor.id).toBe(auditor.id);
  }, 30_000);

  it('fails, saying exactly what, when one byte of an event changes, and under another key', async () => {
    const bytes = await readFile(bundle);
    const at = bytes.indexOf('"to":"Ticket 1"') + '"to":"Ticket '.length;
    bytes[at] = '7'.charCodeAt(0);
    await writeFile(join(dir, 'changed.ndjson'), bytes);
    const lines = bytes.toString('utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('"to":"Ticket 7"')) + 1;
    const event = JSON.parse(lines[line - 1]).event;

    const changed = await cli(['verify-bundle', join(dir, 'changed.ndjson')]);
    expect(changed.code).toBe(1);
    expect(changed.stdout.split('\n').slice(1, 4)).toEqual([
      'FAILED: 2 problem(s)',
      expect.stringMatching(/^ {2}Lines 1 to 7 have SHA-256 [0-9a-f]{64}, but the manifest says [0-9a-f]{64}: they were changed after the export$/),
      `  Line ${line}: event ${event.id} at revision 1 of ${ticket(1)} was altered: its content no longer matches its hash`,
    ]);

    const untrusted = await cli(['verify-bundle', bundle, '--public-key', join(dir, 'other.pem')]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toContain('FAILED: 1 problem(s)\n  The bundle was signed with key ');
  }, 30_000);

  it('fails when one byte of the manifest changes', async () => {
    const bytes = await readFile(bundle);
    const at = bytes.lastIndexOf('"events":6');
    bytes[at + '"events":'.length] = '5'.charCodeAt(0);
    await writeFile(join(dir, 'manifest.ndjson'), bytes);
    const changed = await cli(['verify-bundle', join(dir, 'manifest.ndjson')]);
    expect(changed.code).toBe(1);
    expect(changed.stdout.split('\n').slice(1)).toEqual(['FAILED: 2 problem(s)', '  The manifest does not match its signature: it was altered or forged', '  The manifest counts 5 events, the body holds 6', '']);
  }, 30_000);

  it('exports a time window from the CLI, recorded by the CLI, that verifies too', async () => {
    const out = join(dir, 'window.ndjson');
    const exported = await cli(['export', '--workspace', ws, '--from', minutesAgo(60), '--to', new Date(Date.now() + 60_000).toISOString(), '--out', out]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(new RegExp(`^Wrote ${out}: \\d+ events in \\d+ streams and 1 checkpoints, body SHA-256 [0-9a-f]{64}, signed with ed25519:`));
    expect((await cli(['verify-bundle', out])).stdout).toContain('OK: the bundle verifies');
    expect((await recordedAudit('EvidenceExported')).at(-1)?.metadata.actor).toMatchObject({ kind: 'system', id: 'audit-cli' });
  }, 30_000);
});

describe('replay from the CLI', () => {
  it('prints a stream and a window as one JSON event a line, and records each page by the CLI', async () => {
    const stream = await cli(['replay', '--workspace', ws, '--stream', ticket(2), '--from-revision', '1']);
    expect(stream.code).toBe(0);
    const events = stream.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events.map((event) => `${event.revision} ${event.type} ${event.label}`)).toEqual(['1 TicketUpdated Updated ticket', '2 TicketStatusChanged Changed ticket status']);
    expect(events[1].metadata.prevHash).toBe(events[0].metadata.hash);

    const window = await cli(['replay', '--workspace', ws, '--from', minutesAgo(60), '--limit', '4']);
    expect(window.stdout.trimEnd().split('\n').map((line) => JSON.parse(line).streamName.includes(`-${ws}.`))).toEqual([true, true, true, true]);
    const replayed = [...(await recordedAudit('StreamReplayed')), ...(await recordedAudit('TimeWindowReplayed'))];
    expect(replayed.map(({ data, metadata }) => [data['events'], metadata.actor.id])).toEqual([
      [2, 'audit-cli'],
      [4, 'audit-cli'],
    ]);
  }, 30_000);
});

describe('verification', () => {
  it('finds nothing wrong in an untouched workspace, and verifies one record', async () => {
    const events = Number((await api.pool.query('SELECT count(*) AS n FROM es_events WHERE stream_name LIKE $1', [`%-${ws}.%`])).rows[0].n);
    const workspace = await verify({}, auditor.token);
    expect(workspace.status).toBe(200);
    expect(workspace.body).toMatchObject({ scope: 'workspace', target: ws, ok: true, events, findings: [], checkpoints: [{ workspaceId: ws, sequence: 1 }] });
    const record = await verify({ recordType: 'ticket', recordId: 'T-2' });
    expect(record.body).toMatchObject({ scope: 'stream', target: ticket(2), ok: true, streams: 1, events: 3 });
  });

  it('names a changed row, a deleted row and a truncated tail, from the API and from the CLI', async () => {
    const [one, two, three] = await Promise.all([1, 2, 3].map((n) => api.store.readStream(ticket(n))));
    await asSuperuser([
      ['UPDATE es_events SET data = $2 WHERE event_id = $1', [one[1].id, JSON.stringify({ ...(one[1].data as object), changes: [{ field: 'title', from: null, to: 'Forged' }] })]],
      ['DELETE FROM es_events WHERE event_id = $1', [two[1].id]],
      ['DELETE FROM es_events WHERE event_id = $1', [three[2].id]],
      ['UPDATE es_streams SET revision = 1, head_hash = $2 WHERE stream_name = $1', [ticket(3), three[1].metadata['hash']]],
    ]);

    const report = await verify({}, auditor.token);
    expect(report.body.ok).toBe(false);
    expect(report.body.findings.map(({ streamName, problem, revision, eventId }: Record<string, unknown>) => ({ streamName, problem, revision, eventId }))).toEqual([
      { streamName: ticket(1), problem: 'changed', revision: 1, eventId: one[1].id },
      { streamName: ticket(2), problem: 'removed', revision: 1, eventId: two[2].id },
      { streamName: ticket(3), problem: 'truncated', revision: 2, eventId: undefined },
    ]);

    const fromCli = await cli(['verify', '--workspace', ws]);
    expect(fromCli.code).toBe(1);
    // The deleted middle row is still counted in its stream's head, so the bar ends one short of its total.
    expect(fromCli.stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^verify \\[[█░]+\\] \\d+% \\| ${report.body.events + 1}/${report.body.events + 2} events \\| \\d+ ev/s`));
    expect(fromCli.stdout.split('\n').slice(2, 6)).toEqual([
      'FAILED: 3 problem(s)',
      `  changed ${ticket(1)} revision 1: ${report.body.findings[0].message}`,
      `  removed ${ticket(2)} revision 1: ${report.body.findings[1].message}`,
      `  truncated ${ticket(3)} revision 2: ${report.body.findings[2].message}`,
    ]);

    const recorded = await recordedAudit('IntegrityVerified');
    expect(recorded.map(({ data, metadata }) => [data['scope'], data['ok'], data['findingsTotal'], metadata.result, metadata.actor.id])).toEqual([
      ['workspace', true, 0, 'success', auditor.id],
      ['stream', true, 0, 'success', owner.id],
      ['workspace', false, 3, 'failure', auditor.id],
      ['workspace', false, 3, 'failure', 'audit-cli'],
    ]);
  }, 30_000);

  it('refuses agents and viewers (403), hides other workspaces (404) and names bad input (400)', async () => {
    for (const token of [agent.token, viewer.token]) {
      expect((await verify({}, token)).status).toBe(403);
      expect((await audit('checkpoints', token, {})).status).toBe(403);
      expect((await audit('public-key', token)).status).toBe(403);
      expect((await download(`evidence?stream=${ticket(1)}`, token)).status).toBe(403);
    }
    expect((await call(`/api/workspaces/${OTHER_WS}/audit/verify`, { token: owner.token, body: {}, method: 'POST' })).status).toBe(404);
    expect((await verify({ stream: `ticket-${OTHER_WS}.T-1` })).status).toBe(404);
    expect((await download(`evidence?stream=ticket-${OTHER_WS}.T-1`)).status).toBe(404);
    const bad = await verify({ stream: ticket(1), recordType: 'ticket' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([
      { path: 'recordId', message: 'recordType and recordId go together' },
      { path: 'stream', message: 'Give either stream or recordType and recordId' },
    ]);
    expect((await download('evidence?from=2026-01-02&to=2026-01-01')).status).toBe(400);
  });
});
