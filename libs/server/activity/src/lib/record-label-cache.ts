import { RECORD_TYPES } from '@trailmark/contracts';
import type { Pool } from 'pg';
import type { FeedRow } from './activity-item';

interface CurrentLabel {
  label: string | null;
  deleted: boolean | null;
}

/** Labels kept per export; past this the cache starts over, so memory stays bounded whatever the workspace's size. */
const MAX_ENTRIES = 100_000;
const TRACKED = new Set<string>(RECORD_TYPES);

/** The key `record_labels` uses: types Trailmark tracks in lower case, as the record timeline keys them (CURRENT_LABEL_JOIN does the same). */
export function labelKeyOf(recordType: string, recordId: string): [type: string, id: string] {
  const lower = recordType.toLowerCase();
  return [TRACKED.has(lower) ? lower : recordType, recordId];
}

/**
 * The current label of each row's record, for an export that streams a
 * workspace's feed batch after batch. A per-row lookup joined into every
 * batch query was most of an export's database time, and the same records
 * come back batch after batch; here each record is looked up once per export,
 * the missing ones of a batch in one query.
 */
export class RecordLabelCache {
  private readonly labels = new Map<string, CurrentLabel>();

  constructor(
    private readonly pool: Pick<Pool, 'query'>,
    private readonly workspaceId: string,
  ) {}

  async fill(rows: FeedRow[]): Promise<FeedRow[]> {
    await this.load(rows);
    for (const row of rows) {
      const found = row.record_type !== null && row.record_id !== null ? this.labels.get(cacheKey(...labelKeyOf(row.record_type, row.record_id))) : undefined;
      row.current_label = found?.label ?? null;
      row.record_deleted = found?.deleted ?? null;
    }
    return rows;
  }

  private async load(rows: FeedRow[]): Promise<void> {
    const missing = new Map<string, [string, string]>();
    for (const row of rows) {
      if (row.record_type === null || row.record_id === null) continue;
      const key = labelKeyOf(row.record_type, row.record_id);
      const id = cacheKey(...key);
      if (!this.labels.has(id)) missing.set(id, key);
    }
    if (missing.size === 0) return;
    if (this.labels.size + missing.size > MAX_ENTRIES) this.labels.clear();
    const keys = [...missing.values()];
    const { rows: found } = await this.pool.query<{ record_type: string; record_id: string; label: string; deleted: boolean }>(
      `SELECT l.record_type, l.record_id, l.label, l.deleted
       FROM unnest($2::text[], $3::text[]) AS k(record_type, record_id)
       JOIN record_labels l ON l.workspace_id = $1 AND l.record_type = k.record_type AND l.record_id = k.record_id`,
      [this.workspaceId, keys.map(([type]) => type), keys.map(([, id]) => id)],
    );
    for (const id of missing.keys()) this.labels.set(id, { label: null, deleted: null });
    for (const row of found) this.labels.set(cacheKey(row.record_type, row.record_id), { label: row.label, deleted: row.deleted });
  }
}

function cacheKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}
