import { UAParser } from 'ua-parser-js';
import type { Device } from '@trailmark/contracts';

/** Device type, OS and browser from a user agent; "desktop" when the parser names no device type. */
export function parseDevice(userAgent: string | undefined): Device | undefined {
  if (!userAgent) return undefined;
  const { device, os, browser } = UAParser(userAgent);
  return {
    type: device.type ?? (os.name || browser.name ? 'desktop' : 'unknown'),
    os: [os.name, os.version].filter(Boolean).join(' ') || 'Unknown',
    browser: [browser.name, browser.major].filter(Boolean).join(' ') || 'Unknown',
  };
}
