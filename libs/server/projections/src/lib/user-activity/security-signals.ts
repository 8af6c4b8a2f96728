import type { Part } from './batch-statement';

export const SIGNAL_KINDS = ['account_failure_burst', 'ip_failure_burst', 'new_ip', 'new_device'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** A row of `user_security_signals`. */
export interface SignalRow {
  workspace_id: string;
  kind: SignalKind;
  subject: string;
  first_position: string;
  last_position: string;
  user_id: string | null;
  ip: string | null;
  device_type: string | null;
  device_os: string | null;
  device_browser: string | null;
  failures: number;
  accounts: number;
  started_at: string;
  last_at: string;
}

/** Inserts new signals; one already there (keyed by where it began) is left as it is. */
export function newSignalsPart(signals: SignalRow[]): Part {
  return {
    name: 'new_signals',
    param: signals,
    sql: (param) => `
      INSERT INTO user_security_signals (workspace_id, kind, subject, first_position, last_position, user_id, ip, device_type, device_os, device_browser,
        failures, accounts, started_at, last_at)
      SELECT * FROM json_to_recordset(${param}) AS r(workspace_id text, kind text, subject text, first_position text, last_position text, user_id text,
        ip text, device_type text, device_os text, device_browser text, failures int, accounts int, started_at timestamptz, last_at timestamptz)
      ON CONFLICT DO NOTHING`,
  };
}
