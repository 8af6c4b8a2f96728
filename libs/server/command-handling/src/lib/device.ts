import { UAParser } from 'ua-parser-js';
import type { Device } from '@trailmark/contracts';

const CACHE_SIZE = 1000;
const cache = new Map<string, Device>();

/**
 * Device type, OS and browser from a user agent; "desktop" when the parser
 * names no device type. Parsing takes about half a millisecond and a workspace
 * sees few distinct agents, so recent results are kept.
 */
export function parseDevice(userAgent: string | undefined): Device | undefined {
  if (!userAgent) return undefined;
  const cached = cache.get(userAgent);
  if (cached) return cached;
  const device = parse(userAgent);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(userAgent, device);
  return device;
}

function parse(userAgent: string): Device {
  const { device, os, browser } = UAParser(userAgent);
  return {
    type: device.type ?? (os.name || browser.name ? 'desktop' : 'unknown'),
    os: [os.name, os.version].filter(Boolean).join(' ') || 'Unknown',
    browser: [browser.name, browser.major].filter(Boolean).join(' ') || 'Unknown',
  };
}
