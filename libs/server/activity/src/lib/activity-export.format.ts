import type { ActivityAudience } from './activity-filter.sql';
import { CSV_COLUMNS } from './activity-csv-copy';
import type { ActivityFeedReader } from './activity-feed.reader';
import type { ActivityFilter } from './activity-query.schema';
import type { ExportChunk } from './export-writer';

export type ExportFormatName = 'csv' | 'ndjson';

export interface ExportFormat {
  name: ExportFormatName;
  contentType: string;
  /** Written before the first item; empty when the format has none. */
  header: string;
  /** Every matching item, encoded, newest first. */
  chunks(reader: ActivityFeedReader, audience: ActivityAudience, filter: ActivityFilter): AsyncIterable<ExportChunk>;
}

export const EXPORT_FORMATS: Readonly<Record<ExportFormatName, ExportFormat>> = {
  csv: {
    name: 'csv',
    contentType: 'text/csv; charset=utf-8',
    // The names need no quoting; rows end in CRLF, as RFC 4180 asks.
    header: `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`,
    chunks: (reader, audience, filter) => reader.csv(audience, filter),
  },
  ndjson: {
    name: 'ndjson',
    contentType: 'application/x-ndjson; charset=utf-8',
    header: '',
    async *chunks(reader, audience, filter) {
      for await (const items of reader.all(audience, filter)) {
        yield { bytes: Buffer.from(items.map((item) => `${JSON.stringify(item)}\n`).join('')), rows: items.length };
      }
    },
  },
};
