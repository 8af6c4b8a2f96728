import { parseDevice } from '@trailmark/command-handling';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { IngestResponse } from '@trailmark/contracts';
import { type AppendResult, EVENT_STORE, type EventStore, EventStoreUnavailableError, type StreamAppend } from '@trailmark/event-store';
import { IngestValidationException } from './api-error.filter';
import { groupCommit } from './group-commit';
import { groupByStream, ingestOutcomes, planIngest } from './ingest-plan';
import { parseIngestRequest } from './ingest-request.schema';

export interface IngestCaller {
  workspaceId: string;
  apiKeyId: string;
  correlationId: string;
}

/**
 * Checks a whole request, maps each host event to its domain event and appends
 * them with `any` as the expected revision (streams are not folded), merging
 * concurrent requests into shared writes (see groupCommit).
 */
@Injectable()
export class IngestionService {
  private readonly appendToStreams: (appends: StreamAppend[]) => Promise<AppendResult[]>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.appendToStreams = groupCommit((appends) => store.appendToStreams(appends));
  }

  async ingest(body: unknown, caller: IngestCaller): Promise<IngestResponse> {
    const parsed = parseIngestRequest(body);
    if (!parsed.ok) throw new IngestValidationException(parsed.issues);
    const plan = planIngest(parsed.events, { ...caller, receivedAt: new Date(), newId: randomUUID, device: parseDevice });
    if (!plan.ok) throw new IngestValidationException(plan.issues);
    const appends = groupByStream(plan.events);
    return ingestOutcomes(plan.events, appends, await this.append(appends));
  }

  private async append(appends: StreamAppend[]) {
    try {
      return await this.appendToStreams(appends);
    } catch (error) {
      if (error instanceof EventStoreUnavailableError) throw new ServiceUnavailableException('The event store is unavailable; retry later');
      throw error;
    }
  }
}
