import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSigningKey, SIGNING_KEY_VARIABLE, signingKeyFile } from './signing-key';
import { verifyValue } from './signature';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'trailmark-key-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('loadSigningKey', () => {
  it('creates a key file readable by its owner only on first use, and keeps using it', async () => {
    const first = await loadSigningKey({}, dir);
    expect((await stat(signingKeyFile(dir))).mode & 0o777).toBe(0o600);
    const again = await loadSigningKey({}, dir);
    expect(again.keyId).toBe(first.keyId);
    expect(first.keyId).toMatch(/^ed25519:[0-9a-f]{32}$/);
    const payload = { sequence: 1, heads: [] };
    expect(verifyValue(first.publicKeyPem, payload, again.sign(payload))).toBe(true);
    expect(verifyValue(first.publicKeyPem, { ...payload, sequence: 2 }, again.sign(payload))).toBe(false);
  });

  it('prefers the key in the environment, as PEM or as base64 DER, and writes no file', async () => {
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const fromPem = await loadSigningKey({ [SIGNING_KEY_VARIABLE]: pem }, dir);
    expect((await loadSigningKey({ [SIGNING_KEY_VARIABLE]: der }, dir)).keyId).toBe(fromPem.keyId);
    await expect(readFile(signingKeyFile(dir))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a key that is not Ed25519, or not a key, without quoting it', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(loadSigningKey({ [SIGNING_KEY_VARIABLE]: rsa }, dir)).rejects.toThrow('The signing key must be an Ed25519 key, not rsa');
    await expect(loadSigningKey({ [SIGNING_KEY_VARIABLE]: 'c2VjcmV0' }, dir)).rejects.toThrow(
      /^TRAILMARK_SIGNING_KEY does not hold a PKCS#8 private key \(PEM, or DER in base64\)$/,
    );
  });
});
