import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Set to `true` to let destinations point at loopback and private networks (tests, on-premise SIEMs). */
export const ALLOW_PRIVATE_ENV = 'TRAILMARK_STREAMING_ALLOW_PRIVATE';

export function allowPrivateDestinations(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[ALLOW_PRIVATE_ENV] === 'true' || env[ALLOW_PRIVATE_ENV] === '1';
}

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

/** Whether an IP literal is loopback, private, link-local, multicast or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  return family === 0 || PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * What is wrong with a destination URL, or undefined. Only http(s), no
 * credentials in the URL, and (unless allowed) no loopback or private host
 * written as an IP or as localhost. Names are resolved again before every
 * delivery (`refusedAddress`), since DNS can change after the check.
 */
export function destinationUrlProblem(value: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host))) {
    return 'must not point at a loopback or private address';
  }
  return undefined;
}

/** A private address the URL's host resolves to, which delivery must refuse; undefined when it may be called. */
export async function refusedAddress(value: string, allowPrivate: boolean): Promise<string | undefined> {
  if (allowPrivate) return undefined;
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
  return addresses.find(({ address }) => isPrivateAddress(address))?.address;
}
