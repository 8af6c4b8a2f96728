import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { keyIdOf, signValue } from './signature';

/** The key that signs checkpoints and evidence bundles. The private half never leaves this object. */
export interface SigningKey {
  keyId: string;
  publicKeyPem: string;
  sign(value: unknown): string;
}

export const SIGNING_KEY_VARIABLE = 'TRAILMARK_SIGNING_KEY';

/** Where the key is kept when the environment gives none: beside the embedded database, readable by its owner only. */
export const signingKeyFile = (dataDir: string) => join(dataDir, 'audit', 'signing-key.pem');

export class SigningKeyError extends Error {}

export function signingKeyOf(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`The signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (value) => signValue(privateKey, value),
  };
}

/**
 * TRAILMARK_SIGNING_KEY (a PKCS#8 PEM, or its DER in base64) when set, so
 * several processes share one key; otherwise the key file under the data
 * directory, generated on first use. Errors never quote the key.
 */
export async function loadSigningKey(env: Record<string, string | undefined>, dataDir: string): Promise<SigningKey> {
  const given = env[SIGNING_KEY_VARIABLE]?.trim();
  if (given) return signingKeyOf(parsePrivateKey(given, SIGNING_KEY_VARIABLE));
  const file = signingKeyFile(dataDir);
  try {
    return signingKeyOf(parsePrivateKey(await readFile(file, 'utf8'), file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, pem, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process created it first: theirs is the key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return signingKeyOf(parsePrivateKey(await readFile(file, 'utf8'), file));
}

function parsePrivateKey(text: string, source: string): KeyObject {
  try {
    return text.includes('-----BEGIN') ? createPrivateKey(text) : createPrivateKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new SigningKeyError(`${source} does not hold a PKCS#8 private key (PEM, or DER in base64)`);
  }
}
