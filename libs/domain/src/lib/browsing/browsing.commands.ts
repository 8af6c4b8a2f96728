import type { Command } from '../decider';
import type { JsonValue } from '../activity/host-values';

export type ViewPage = Command<'ViewPage', { url: string; title?: string; recordType?: string; recordId?: string }>;
export type ExportData = Command<
  'ExportData',
  { exportId?: string; dataset: string; format?: string; rowCount?: number; filters?: Record<string, JsonValue> }
>;

export type BrowsingCommand = ViewPage | ExportData;
