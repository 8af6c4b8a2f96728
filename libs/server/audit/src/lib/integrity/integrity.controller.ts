import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiForbiddenResponse, ApiOkResponse } from '@nestjs/swagger';
import { WorkspaceReadApi } from '@trailmark/activity';
import { apiBodyOf, CurrentRequestContext, RequirePermission, ZodBodyPipe } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { isRecordType, streams } from '@trailmark/contracts';
import type { IntegrityCheckpointSigned } from '@trailmark/domain';
import { AUDIT_TAG, forbidden, streamNotFound } from '../audit-api';
import { workspaceOfStream } from '../audit-streams';
import type { IntegrityReport, VerifyTarget } from './integrity-verifier';
import { IntegrityService, type PublicKeyAnswer } from './integrity.service';
import { type VerifyRequest, verifyRequestSchema } from './verify-request.schema';

const REPORT =
  '{ verificationId, scope, target, ok, streams, events, findings: [{ streamName, problem: changed|removed|reordered|truncated|checkpoint_invalid, revision, eventId, message }], ' +
  'checkpoints: [{ workspaceId, sequence, signedAt, keyId }], startedAt, durationMs, eventsPerSecond }';

/** Hash chain verification, signed checkpoints over the stream heads, and the key that signs them. */
@WorkspaceReadApi(AUDIT_TAG)
@RequirePermission('audit.verify')
@ApiForbiddenResponse({ description: forbidden('audit.verify') })
@Controller('api/workspaces/:ws/audit')
export class IntegrityController {
  constructor(@Inject(IntegrityService) private readonly integrity: IntegrityService) {}

  @Post('verify')
  @HttpCode(200)
  @ApiBody(apiBodyOf(verifyRequestSchema))
  @ApiOkResponse({ description: `${REPORT}; recorded as IntegrityVerified (result failure when something was found)` })
  @ApiBadRequestResponse({ description: 'The body is not valid; issues names each field' })
  async verify(@Body(new ZodBodyPipe(verifyRequestSchema)) body: VerifyRequest, @CurrentRequestContext() context: RequestContext): Promise<IntegrityReport> {
    const target = targetOf(body, context.workspaceId);
    const report = await this.integrity.verify(target, context);
    if (target.scope === 'stream' && report.streams === 0 && report.ok) throw streamNotFound(target.streamName);
    return report;
  }

  @Post('checkpoints')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ checkpoint }: the IntegrityCheckpointSigned data (sequence, heads that moved, contradictions, signature), or null when no head moved' })
  async checkpoint(@CurrentRequestContext() context: RequestContext): Promise<{ checkpoint: IntegrityCheckpointSigned['data'] | null }> {
    return { checkpoint: await this.integrity.signCheckpoint(context.workspaceId, context) };
  }

  @Get('public-key')
  @ApiOkResponse({ description: '{ algorithm: "Ed25519", keyId, publicKeyPem }: verifies checkpoints and evidence bundles' })
  publicKey(): Promise<PublicKeyAnswer> {
    return this.integrity.publicKey();
  }
}

function targetOf({ stream, recordType, recordId }: VerifyRequest, workspaceId: string): VerifyTarget {
  if (recordType !== undefined && recordId !== undefined) {
    const type = recordType.toLowerCase();
    if (!isRecordType(type)) throw streamNotFound(`${recordType}-${workspaceId}.${recordId}`);
    return { scope: 'stream', workspaceId, streamName: streams.record(workspaceId, type, recordId) };
  }
  if (stream === undefined) return { scope: 'workspace', workspaceId };
  if (workspaceOfStream(stream) !== workspaceId) throw streamNotFound(stream);
  return { scope: 'stream', workspaceId, streamName: stream };
}
