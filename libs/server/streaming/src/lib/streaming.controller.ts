import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiZodQuery, ZodQueryPipe } from '@trailmark/activity';
import { apiBodyOf, CurrentRequestContext, RequirePermission, ZodBodyPipe } from '@trailmark/auth';
import type { RequestContext } from '@trailmark/command-handling';
import { PG_POOL } from '@trailmark/database';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { deliveryLogPage } from './delivery-log';
import { allowPrivateDestinations } from './destination-url';
import { DEFAULT_TIMEOUT_MS } from './destination-worker';
import { postSigned } from './signed-post';
import { generateSecret } from './signature';
import { type DestinationStatus, StreamingDestinations } from './streaming-destinations.service';
import { StreamingApi } from './streaming-api.decorator';
import { createDestinationBody, type CreateDestinationBody, deliveriesQuery, type DeliveriesQuery, updateDestinationBody, type UpdateDestinationBody } from './streaming.schemas';
import { deleteSecret, saveSecret } from './streaming-secrets';

const SIGNING =
  'Each POST carries x-trailmark-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> under the destination secret, ' +
  'plus x-trailmark-destination, x-trailmark-delivery and x-trailmark-first-position / x-trailmark-last-position.';
const BAD_BODY = 'The body is not valid; issues lists each problem with its path';

/** Outbound streaming destinations of a workspace: settings, secret, pause/resume, test and the delivery log. */
@StreamingApi()
@Controller('api/workspaces/:ws/streaming/destinations')
export class StreamingController {
  constructor(
    private readonly destinations: StreamingDestinations,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @RequirePermission('streaming.manage')
  @ApiOkResponse({ description: 'Every live destination, oldest first, with its delivery status: checkpoint, events delivered and pending, last success, last error, failing' })
  list(@Param('ws') ws: string): Promise<DestinationStatus[]> {
    return this.destinations.list(ws);
  }

  @Post()
  @RequirePermission('streaming.manage')
  @ApiBody(apiBodyOf(createDestinationBody))
  @ApiCreatedResponse({ description: `The destination and its secret, shown this once. Delivery starts from the beginning of the workspace log. ${SIGNING}` })
  @ApiBadRequestResponse({ description: BAD_BODY })
  async create(@Param('ws') ws: string, @Body(new ZodBodyPipe(createDestinationBody)) body: CreateDestinationBody, @CurrentRequestContext() context: RequestContext) {
    const destinationId = randomUUID();
    const secret = generateSecret();
    await saveSecret(this.pool, ws, destinationId, secret);
    await this.destinations.handle(ws, destinationId, { type: 'CreateStreamingDestination', data: { destinationId, workspaceId: ws, ...body } }, context);
    return { ...(await this.destinations.get(ws, destinationId)), secret };
  }

  @Get(':id')
  @RequirePermission('streaming.manage')
  @ApiOkResponse({ description: 'The destination with its delivery status' })
  get(@Param('ws') ws: string, @Param('id') id: string): Promise<DestinationStatus> {
    return this.destinations.get(ws, id);
  }

  @Patch(':id')
  @RequirePermission('streaming.manage')
  @ApiBody(apiBodyOf(updateDestinationBody))
  @ApiOkResponse({ description: 'The changed destination; its worker restarts from the checkpoint with the new settings' })
  @ApiBadRequestResponse({ description: BAD_BODY })
  async update(@Param('ws') ws: string, @Param('id') id: string, @Body(new ZodBodyPipe(updateDestinationBody)) body: UpdateDestinationBody, @CurrentRequestContext() context: RequestContext) {
    const { name, url, categories, eventTypes, batchSize } = { ...(await this.destinations.get(ws, id)), ...body };
    await this.destinations.handle(ws, id, { type: 'UpdateStreamingDestination', data: { destinationId: id, name, url, categories, eventTypes, batchSize } }, context);
    return this.destinations.get(ws, id);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('streaming.manage')
  @ApiOkResponse({ description: 'Paused: the worker stops; the batch in flight is sent again on resume. 409 when already paused' })
  async pause(@Param('ws') ws: string, @Param('id') id: string, @CurrentRequestContext() context: RequestContext) {
    await this.destinations.get(ws, id);
    await this.destinations.handle(ws, id, { type: 'PauseStreamingDestination', data: { destinationId: id } }, context);
    return this.destinations.get(ws, id);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('streaming.manage')
  @ApiOkResponse({ description: 'Resumed from the checkpoint. 409 when not paused' })
  async resume(@Param('ws') ws: string, @Param('id') id: string, @CurrentRequestContext() context: RequestContext) {
    await this.destinations.get(ws, id);
    await this.destinations.handle(ws, id, { type: 'ResumeStreamingDestination', data: { destinationId: id } }, context);
    return this.destinations.get(ws, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('streaming.manage')
  @ApiOkResponse({ description: 'The new secret, shown this once; the next attempt is signed with it. Recorded as StreamingSecretRotated, without the secret' })
  async rotateSecret(@Param('ws') ws: string, @Param('id') id: string, @CurrentRequestContext() context: RequestContext) {
    await this.destinations.get(ws, id);
    const secret = generateSecret();
    await saveSecret(this.pool, ws, id, secret);
    await this.destinations.handle(ws, id, { type: 'RotateStreamingSecret', data: { destinationId: id } }, context);
    return { destinationId: id, secret };
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission('streaming.manage')
  @ApiNoContentResponse({ description: 'Deleted: the worker stops and the secret is erased; the delivery log stays' })
  async delete(@Param('ws') ws: string, @Param('id') id: string, @CurrentRequestContext() context: RequestContext): Promise<void> {
    await this.destinations.get(ws, id);
    await this.destinations.handle(ws, id, { type: 'DeleteStreamingDestination', data: { destinationId: id } }, context);
    await deleteSecret(this.pool, id);
  }

  @Post(':id/test')
  @HttpCode(HttpStatus.OK)
  @RequirePermission('streaming.manage')
  @ApiOkResponse({ description: `What the destination answered to a signed test POST { destinationId, test: true, events: [] }; recorded as StreamingDestinationTested. ${SIGNING}` })
  async test(@Param('ws') ws: string, @Param('id') id: string, @CurrentRequestContext() context: RequestContext) {
    const destination = await this.destinations.get(ws, id);
    const body = JSON.stringify({ destinationId: id, test: true, events: [] });
    const result = await postSigned(this.pool, destination, body, {}, { timeoutMs: DEFAULT_TIMEOUT_MS, allowPrivate: allowPrivateDestinations() });
    const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const [tested] = await this.destinations.handle(ws, id, { type: 'RecordStreamingTest', data: { destinationId: id, statusCode: result.statusCode, succeeded, error: result.error } }, context);
    return { ...tested.data, durationMs: result.durationMs };
  }

  @Get(':id/deliveries')
  @RequirePermission('streaming.manage')
  @ApiZodQuery(deliveriesQuery)
  @ApiOkResponse({ description: '{ items, nextCursor }: every attempt, newest first (failed attempts with status or error and next retry)' })
  @ApiBadRequestResponse({ description: 'A query parameter is not valid; issues names each one' })
  async deliveries(@Param('ws') ws: string, @Param('id') id: string, @Query(new ZodQueryPipe(deliveriesQuery)) { limit, cursor }: DeliveriesQuery) {
    await this.destinations.get(ws, id);
    const items = await deliveryLogPage(this.pool, ws, id, limit, cursor === undefined ? undefined : Number(cursor));
    return { items, nextCursor: items.length === limit ? String(items[items.length - 1].seq) : null };
  }
}
