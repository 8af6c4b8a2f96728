import { RECORD_ANNOTATION_EVENT_TYPES, RECORD_LIFECYCLE_EVENT_TYPES } from '@trailmark/contracts';
import type { PoolClient } from 'pg';
import type { Projection } from '../projection';
import { rowSet } from '../row-set';
import { evolveRecordLabel, hostRecordName, type RecordLabelRow } from './record-label';
import { recordTimelineRow, type RecordTimelineRow } from './record-timeline-row';

export const RECORD_TIMELINE_PROJECTION = 'record-timeline';

const TIMELINE_ROWS = rowSet<RecordTimelineRow>(`position text, event_id text, workspace_id text, record_type text, record_id text, event_type text,
  category text, kind text, label text, entry text, actor_kind text, actor_id text, actor_name text,
  occurred_at timestamptz, recorded_at timestamptz, changes jsonb, body text, from_value jsonb, to_value jsonb, url text, details jsonb`);

type RecordKey = Pick<RecordTimelineRow, 'workspace_id' | 'record_type' | 'record_id'>;

const KEY_COLUMNS = 'workspace_id text, record_type text, record_id text';

const RECORD_KEYS = rowSet<RecordKey>(KEY_COLUMNS);

const LABEL_ROWS = rowSet<RecordLabelRow>(`${KEY_COLUMNS}, label text, names jsonb, host_name text, created_at timestamptz, deleted boolean, position text`);

type StoredLabel = Omit<RecordLabelRow, 'created_at'> & { created_at: Date | null };

/** One multi-row INSERT for the whole batch; a replayed event is already there. */
function insertTimeline(client: PoolClient, rows: RecordTimelineRow[]) {
  return client.query(
    `INSERT INTO record_timeline (${TIMELINE_ROWS.names})
     SELECT ${TIMELINE_ROWS.names} FROM ${TIMELINE_ROWS.from('r')}
     ON CONFLICT (position) DO NOTHING`,
    TIMELINE_ROWS.values(rows),
  );
}

/** The stored labels of these records, each key given once. */
async function readLabels(client: PoolClient, keys: RecordKey[]): Promise<Map<string, RecordLabelRow>> {
  const { rows: stored } = await client.query<StoredLabel>(
    `SELECT l.* FROM record_labels l JOIN ${RECORD_KEYS.from('k')} USING (workspace_id, record_type, record_id)`,
    RECORD_KEYS.values(keys),
  );
  return new Map(stored.map((label) => [keyOf(label), { ...label, created_at: label.created_at?.toISOString() ?? null }]));
}

/** Only a label folded from a later event replaces the stored one. */
function saveLabels(client: PoolClient, labels: RecordLabelRow[]) {
  return client.query(
    `INSERT INTO record_labels (${LABEL_ROWS.names})
     SELECT ${LABEL_ROWS.names} FROM ${LABEL_ROWS.from('r')}
     ON CONFLICT (workspace_id, record_type, record_id) DO UPDATE SET
       label = excluded.label, names = excluded.names, host_name = excluded.host_name,
       created_at = excluded.created_at, deleted = excluded.deleted, position = excluded.position
     WHERE record_labels.position < excluded.position`,
    LABEL_ROWS.values(labels),
  );
}

const keyOf = ({ workspace_id, record_type, record_id }: RecordKey) => JSON.stringify([workspace_id, record_type, record_id]);

/**
 * The Activity tab of each record (its changes, comments, replies, status
 * changes, attached files and page views) and the current label of each
 * record, so an entry links to the record by its latest name.
 */
export const recordTimelineProjection: Projection = {
  name: RECORD_TIMELINE_PROJECTION,
  tables: ['record_timeline', 'record_labels'],
  filter: { eventTypes: [...RECORD_LIFECYCLE_EVENT_TYPES, ...RECORD_ANNOTATION_EVENT_TYPES, 'FileAttached', 'PageViewed', 'ActivityRecorded'] },
  async apply(client, events) {
    const entries = events.flatMap((event) => {
      const row = recordTimelineRow(event);
      return row ? [{ row, hostName: hostRecordName(event) }] : [];
    });
    if (entries.length === 0) return;
    const rows = entries.map(({ row }) => row);
    await insertTimeline(client, rows);
    const labels = await readLabels(client, [...new Map(rows.map((row) => [keyOf(row), row])).values()]);
    const changed = new Map<string, RecordLabelRow>();
    for (const { row, hostName } of entries) {
      const key = keyOf(row);
      const before = labels.get(key);
      const after = evolveRecordLabel(before, row, hostName);
      labels.set(key, after);
      if (after !== before) changed.set(key, after);
    }
    if (changed.size > 0) await saveLabels(client, [...changed.values()]);
  },
};
