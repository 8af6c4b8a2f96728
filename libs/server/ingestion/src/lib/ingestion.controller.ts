import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type IngestResponse, MAX_EVENTS_PER_REQUEST } from '@trailmark/contracts';
import { ApiErrorFilter } from './api-error.filter';
import { ApiKeyGuard } from './api-key.guard';
import { IngestRateGuard } from './ingest-rate.guard';
import type { IngestionRequest } from './ingestion-request';
import { API_ERROR_SCHEMA, INGEST_REQUEST_SCHEMA, INGEST_RESPONSE_SCHEMA } from './ingestion.openapi';
import { IngestionService } from './ingestion.service';

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('v1/events')
@UseGuards(ApiKeyGuard, IngestRateGuard)
@UseFilters(ApiErrorFilter)
export class IngestionController {
  constructor(private readonly ingestion: IngestionService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Record activity from a host app',
    description: `Up to ${MAX_EVENTS_PER_REQUEST} events per request, all stored or, when one is malformed, none. The API key decides the workspace.`,
  })
  @ApiBody({ schema: INGEST_REQUEST_SCHEMA })
  @ApiAcceptedResponse({ description: 'Stored; one outcome per event (accepted, or duplicate of an earlier one)', schema: INGEST_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({ description: 'Malformed request: nothing was stored', schema: API_ERROR_SCHEMA })
  @ApiUnauthorizedResponse({ description: 'Missing, malformed, unknown or revoked API key', schema: API_ERROR_SCHEMA })
  @ApiForbiddenResponse({ description: "The key's workspace no longer exists", schema: API_ERROR_SCHEMA })
  @ApiPayloadTooLargeResponse({ description: 'Body over the size limit', schema: API_ERROR_SCHEMA })
  @ApiTooManyRequestsResponse({ description: 'Over the rate of this API key; see Retry-After', schema: API_ERROR_SCHEMA })
  ingest(@Body() body: unknown, @Req() request: IngestionRequest): Promise<IngestResponse> {
    const { apiKey, requestId } = request;
    if (!apiKey || !requestId) throw new Error('IngestionController needs ApiKeyGuard and the request id middleware');
    return this.ingestion.ingest(body, { ...apiKey, correlationId: requestId });
  }
}
