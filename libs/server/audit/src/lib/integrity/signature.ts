import { createPublicKey, hash, type KeyObject, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The text a signature covers: the RFC 8785 canonical JSON of the signed value. */
export function signedText(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Only JSON values can be signed');
  return text;
}

/** `ed25519:` and the first 16 bytes of the SHA-256 of the public key's DER, in hex: short, and tied to the key. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return `ed25519:${hash('sha256', key.export({ type: 'spki', format: 'der' }), 'hex').slice(0, 32)}`;
}

export function signValue(privateKey: KeyObject, value: unknown): string {
  return sign(null, Buffer.from(signedText(value)), privateKey).toString('base64');
}

/** False for a bad signature, one not in canonical base64, or a key that is not Ed25519. */
export function verifyValue(publicKeyPem: string, value: unknown, signature: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    const bytes = Buffer.from(signature, 'base64');
    // Base64 decoding forgives stray and padding characters; only the one spelling of the signature counts.
    if (bytes.toString('base64') !== signature) return false;
    return key.asymmetricKeyType === 'ed25519' && verify(null, Buffer.from(signedText(value)), key, bytes);
  } catch {
    return false;
  }
}
