import { once } from 'node:events';
import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ApiZodQuery, WorkspaceReadApi, ZodQueryPipe } from '@trailmark/activity';
import { CurrentRequestContext, RequirePermission } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import type { Response } from 'express';
import { AUDIT_TAG, BAD_QUERY, forbidden, streamNotFound } from '../audit-api';
import { workspaceOfStream } from '../audit-streams';
import { type EvidenceQuery, evidenceQuerySchema } from './evidence-query.schema';
import { EvidenceExporter } from './evidence-exporter';

/** Evidence bundles: what an auditor takes away, verifiable offline with `npm run audit -- verify-bundle`. */
@WorkspaceReadApi(AUDIT_TAG)
@RequirePermission('audit.export')
@Controller('api/workspaces/:ws/audit/evidence')
export class EvidenceController {
  constructor(@Inject(EvidenceExporter) private readonly exporter: EvidenceExporter) {}

  @Get()
  @ApiZodQuery(evidenceQuerySchema)
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description:
      'An NDJSON attachment: the events (stream by stream, with their hash chain), the checkpoint stream, and last a manifest signed with the ' +
      'Ed25519 key (public key included) whose bodySha256 covers every line before it; recorded as EvidenceExported',
  })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiForbiddenResponse({ description: forbidden('audit.export') })
  async export(@Query(new ZodQueryPipe(evidenceQuerySchema)) selection: EvidenceQuery, @CurrentRequestContext() context: RequestContext, @Res() response: Response): Promise<void> {
    if (selection.kind === 'streams') {
      const foreign = selection.streams.find((name) => workspaceOfStream(name) !== context.workspaceId);
      const missing = foreign ?? (await this.exporter.missingStreams(context.workspaceId, selection.streams))[0];
      if (missing !== undefined) throw streamNotFound(missing);
    }
    response.status(200).set({
      'content-type': 'application/x-ndjson',
      'content-disposition': `attachment; filename="evidence-${context.workspaceId.replace(/[^A-Za-z0-9_-]/g, '_')}.ndjson"`,
      'cache-control': 'no-store',
    });
    try {
      await this.exporter.export(selection, context, async (text) => {
        if (!response.write(text)) await once(response, 'drain');
      });
      response.end();
    } catch (error) {
      if (!response.headersSent) {
        for (const header of ['content-type', 'content-disposition', 'cache-control']) response.removeHeader(header);
        throw error;
      }
      // Part of the bundle is out: cut it off so that it cannot pass for a whole one.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
