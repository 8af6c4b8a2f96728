import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { eventMetadata, handleCommand, type RequestContext } from '@trailmark/command-handling';
import { streams } from '@trailmark/contracts';
import { browsingDecider, type ExportData, type JsonValue } from '@trailmark/domain';
import { EVENT_STORE, type EventStore } from '@trailmark/event-store';
import type { Response } from 'express';
import type { ActivityAudience } from './activity-filter.sql';
import { EXPORT_FORMATS, type ExportFormatName } from './activity-export.format';
import { ActivityFeedReader } from './activity-feed.reader';
import type { ActivityFilter } from './activity-query.schema';
import { ExportFailedError, writeExport } from './export-writer';

export interface ExportRequest {
  audience: ActivityAudience;
  filter: ActivityFilter;
  format: ExportFormatName;
  /** The filters as the caller gave them, recorded on the DataExported event. */
  filters: Record<string, JsonValue>;
  context: RequestContext;
}

/**
 * Streams the feed under the caller's filters as a download, then records it
 * as a `DataExported` event by the caller. The event is appended before the
 * response ends, so a download that completed is always on the record; if it
 * cannot be, the response is cut off instead.
 */
@Injectable()
export class ActivityExporter {
  private readonly logger = new Logger(ActivityExporter.name);

  constructor(
    private readonly reader: ActivityFeedReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async export(response: Response, request: ExportRequest): Promise<void> {
    const exportId = randomUUID();
    const { rows, failure: streamFailure } = await this.stream(response, request);
    // Rows already sent are out of the workspace, so even a cut-short export is recorded.
    const failure = (await this.record(exportId, request, rows)) ?? streamFailure;
    if (failure === undefined) {
      response.end();
      return;
    }
    this.logger.error(`Export ${exportId} of workspace ${request.audience.workspaceId} failed after ${rows} rows: ${String(failure)}`);
    response.destroy(failure instanceof Error ? failure : new Error(String(failure)));
  }

  /** Throws only while nothing has been sent, so the caller still gets an ordinary error answer. */
  private async stream(response: Response, { audience, filter, format }: ExportRequest): Promise<{ rows: number; failure?: unknown }> {
    response.status(200).set({
      'content-type': EXPORT_FORMATS[format].contentType,
      'content-disposition': `attachment; filename="${fileName(audience.workspaceId, format)}"`,
      'cache-control': 'no-store',
    });
    try {
      const { header, chunks } = EXPORT_FORMATS[format];
      return await writeExport(response, header, chunks(this.reader, audience, filter));
    } catch (error) {
      if (response.headersSent) return { rows: error instanceof ExportFailedError ? error.rows : 0, failure: error };
      for (const header of ['content-type', 'content-disposition', 'cache-control']) response.removeHeader(header);
      throw error;
    }
  }

  /** The error when the export could not be recorded. */
  private async record(exportId: string, { audience, format, filters, context }: ExportRequest, rowCount: number): Promise<unknown> {
    const command: ExportData = { type: 'ExportData', data: { exportId, dataset: 'activity', format, rowCount, filters } };
    try {
      await handleCommand(this.store, streams.dataExport(audience.workspaceId, exportId), browsingDecider, command, {
        metadata: () => eventMetadata(context),
      });
      return undefined;
    } catch (error) {
      return error;
    }
  }
}

/** `activity-<workspace>-<UTC time>.<format>`, with nothing in it a header or a file system could trip on. */
function fileName(workspaceId: string, format: ExportFormatName): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `activity-${workspaceId.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}.${format}`;
}
