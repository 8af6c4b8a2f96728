import type { SecuritySignal } from '../api/api-types';
import { deviceText } from './describe';

const KINDS: Record<string, string> = {
  account_failure_burst: 'Burst of failed sign-ins on one account',
  ip_failure_burst: 'Burst of failed sign-ins from one address',
  new_ip: 'Sign-in from an address not seen before',
  new_device: 'Sign-in from a device not seen before',
};

export const signalTitle = (kind: string) => KINDS[kind] ?? kind.replace(/_/g, ' ');

/** "5 failures across 2 accounts from 185.220.101.47" or "Chrome on Windows (desktop) from 10.0.0.1". */
export function signalSummary(signal: SecuritySignal): string {
  const where = signal.ip ? ` from ${signal.ip}` : '';
  if (signal.failures > 0) {
    const accounts = signal.accounts > 1 ? ` across ${signal.accounts} accounts` : '';
    return `${signal.failures} failed sign-ins${accounts}${where}`;
  }
  return `${deviceText(signal.device)}${where}`;
}
