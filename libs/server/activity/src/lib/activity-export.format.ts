import type { ActivityItem } from './activity-item';
import { csvRow } from './csv-cell';

export type ExportFormatName = 'csv' | 'ndjson';

export interface ExportFormat {
  name: ExportFormatName;
  contentType: string;
  /** Written before the first item; empty when the format has none. */
  header: string;
  line(item: ActivityItem): string;
}

/** The CSV columns: every field of a list item, flattened; details as JSON. */
export const CSV_COLUMNS: ReadonlyArray<readonly [string, (item: ActivityItem) => string | null]> = [
  ['occurredAt', (item) => item.occurredAt],
  ['recordedAt', (item) => item.recordedAt],
  ['eventId', (item) => item.eventId],
  ['type', (item) => item.type],
  ['category', (item) => item.category],
  ['kind', (item) => item.kind],
  ['label', (item) => item.label],
  ['actorKind', (item) => item.actor.kind],
  ['actorId', (item) => item.actor.id],
  ['actorName', (item) => item.actor.name],
  ['impersonatorId', (item) => item.actor.impersonatorId],
  ['result', (item) => item.result],
  ['ip', (item) => item.ip],
  ['deviceType', (item) => item.device?.type ?? null],
  ['deviceOs', (item) => item.device?.os ?? null],
  ['deviceBrowser', (item) => item.device?.browser ?? null],
  ['recordType', (item) => item.record?.type ?? null],
  ['recordId', (item) => item.record?.id ?? null],
  ['recordLabel', (item) => item.record?.label ?? null],
  ['url', (item) => item.url],
  ['streamName', (item) => item.streamName],
  ['position', (item) => item.position],
  ['details', (item) => JSON.stringify(item.details)],
];

export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = {
  csv: {
    name: 'csv',
    contentType: 'text/csv; charset=utf-8',
    header: csvRow(CSV_COLUMNS.map(([name]) => name)),
    line: (item) => csvRow(CSV_COLUMNS.map(([, value]) => value(item))),
  },
  ndjson: {
    name: 'ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    header: '',
    line: (item) => `${JSON.stringify(item)}\n`,
  },
};
