import type { AlertEmailed, AlertEmailFailed, AlertRaised } from '@trailmark/domain';
import type { EventStore, RecordedEvent } from '@trailmark/event-store';
import { BACKGROUND_READ_INTERVAL_MS, type Projection } from '../projection';
import type { AlertMail, AlertMailer } from './alert-mail.port';
import { appendReactions, notificationStream, occurredAt, type Reaction, reactionId, reactionMetadata, workspaceOf } from './reactions';

export const ALERT_MAILER_REACTOR = 'alert-mailer';

export interface AlertMailerOptions {
  /** Tries per mail, waiting `backoffMs`, then twice that, and so on, between them. */
  attempts?: number;
  backoffMs?: number;
  /** Alerts older than this when first seen (a mailer switched on later) are recorded as not sent, not mailed. */
  maxAgeMs?: number;
  now?: () => Date;
}

type Outcome = { sent: true; attempts: number } | { sent: false; attempts: number; reason: string };

/**
 * Mails each AlertRaised that has the email channel, then records
 * AlertEmailed or AlertEmailFailed with an id derived from the alert. A crash
 * between sending and committing sends that mail again on replay: mail is
 * at-least-once, its record exactly-once.
 */
export function alertMailerReactor(store: EventStore, mailer: AlertMailer, options: AlertMailerOptions = {}): Projection {
  const { attempts = 3, backoffMs = 500, maxAgeMs = 60 * 60_000, now = () => new Date() } = options;
  return {
    name: ALERT_MAILER_REACTOR,
    readIntervalMs: BACKGROUND_READ_INTERVAL_MS,
    filter: { eventTypes: ['AlertRaised'] },
    async apply(_client, events) {
      const reactions: Reaction[] = [];
      for (const event of events) {
        const data = event.data as AlertRaised['data'];
        const workspaceId = workspaceOf(event);
        if (workspaceId === null || !data.channels.includes('email')) continue;
        const outcome = await deliver(event, data, workspaceId);
        reactions.push(recordOf(event, data, workspaceId, outcome));
      }
      await appendReactions(store, reactions);
    },
  };

  async function deliver(event: RecordedEvent, data: AlertRaised['data'], workspaceId: string): Promise<Outcome> {
    if (data.recipientEmail === null) return { sent: false, attempts: 0, reason: 'The recipient has no email address' };
    if (now().getTime() - event.recordedAt.getTime() > maxAgeMs) {
      return { sent: false, attempts: 0, reason: `Not sent: the alert was raised more than ${Math.round(maxAgeMs / 60_000)} minutes before the mailer saw it` };
    }
    const mail = alertMail(data.recipientEmail, data, workspaceId, occurredAt(event));
    let reason = '';
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await mailer.send(mail);
        return { sent: true, attempts: attempt };
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
      }
    }
    return { sent: false, attempts, reason };
  }
}

export function alertMail(to: string, { label, ruleName, sourceType, sourceEventId }: AlertRaised['data'], workspaceId: string, at: string): AlertMail {
  return {
    to,
    subject: `[Trailmark] ${label}`,
    text: [`${label}`, '', `Rule: ${ruleName}`, `Workspace: ${workspaceId}`, `Event: ${sourceType} (${sourceEventId})`, `At: ${at}`].join('\n'),
  };
}

function recordOf(event: RecordedEvent, data: AlertRaised['data'], workspaceId: string, outcome: Outcome): Reaction {
  const base = { alertEventId: event.id, recipientId: data.recipientId, to: data.recipientEmail ?? '', attempts: outcome.attempts };
  const recorded: AlertEmailed | AlertEmailFailed = outcome.sent
    ? { type: 'AlertEmailed', data: base }
    : { type: 'AlertEmailFailed', data: { ...base, reason: outcome.reason } };
  return {
    streamName: notificationStream(workspaceId, data.recipientId),
    event: {
      id: reactionId('alert-mail', event.id),
      type: recorded.type,
      data: recorded.data,
      metadata: reactionMetadata(event, workspaceId, outcome.sent ? 'success' : 'failure'),
    },
  };
}
