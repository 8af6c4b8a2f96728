import type { RuntimeDatabase } from '@trailmark/database';

/** Facts about this process that the health endpoint reports. */
export interface RuntimeInfo {
  version: string;
  database: RuntimeDatabase['kind'];
}

export const RUNTIME_INFO = Symbol('RUNTIME_INFO');
