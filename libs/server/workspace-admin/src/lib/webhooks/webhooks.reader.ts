import { Inject, Injectable } from '@nestjs/common';
import { streams } from '@trailmark/contracts';
import type { WebhookCreated } from '@trailmark/domain';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '@trailmark/event-store';

export interface WebhookView {
  webhookId: string;
  url: string;
  eventTypes: string[];
  createdAt: string;
}

const PAGE = 500;

/**
 * Webhooks folded from their own streams: there are few per workspace, so
 * they need no read model of their own yet.
 */
@Injectable()
export class WebhooksReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The live webhooks of the workspace, oldest first. */
  async list(workspaceId: string): Promise<WebhookView[]> {
    const live = new Map<string, WebhookView>();
    const filter = { streamPrefixes: [webhookStreamPrefix(workspaceId)], eventTypes: ['WebhookCreated', 'WebhookDeleted'] };
    for (let after: Position | undefined; ; ) {
      const page = await this.store.readAll({ after, maxCount: PAGE, filter });
      for (const event of page) {
        const { webhookId } = event.data as { webhookId: string };
        if (event.type === 'WebhookDeleted') live.delete(webhookId);
        else live.set(webhookId, viewOf(event));
      }
      if (page.length < PAGE) return [...live.values()];
      after = page[page.length - 1].position;
    }
  }

  /** The webhook, unless it does not exist or was deleted. */
  async live(workspaceId: string, webhookId: string): Promise<WebhookView | undefined> {
    const events = await this.store.readStream(streams.webhook(workspaceId, webhookId));
    const created = events.find((event) => event.type === 'WebhookCreated');
    return created && !events.some((event) => event.type === 'WebhookDeleted') ? viewOf(created) : undefined;
  }
}

/** `webhook-<workspaceId>.`, which every webhook stream of the workspace starts with. */
function webhookStreamPrefix(workspaceId: string): string {
  return streams.webhook(workspaceId, '_').slice(0, -1);
}

function viewOf(event: RecordedEvent): WebhookView {
  const { webhookId, url, eventTypes } = event.data as WebhookCreated['data'];
  return { webhookId, url, eventTypes, createdAt: event.recordedAt.toISOString() };
}
