import { createPostgresEventStore, type EventStore } from '@trailmark/event-store';
import { startTestPostgres, testPool, type TestPostgres } from '@trailmark/testing';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { inTransaction } from '../projection-runner';
import { alertMailerReactor } from './alert-mailer.reactor';
import { smtpAlertMailer } from './smtp-alert-mailer';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let postgres: TestPostgres;
let pool: Pool;
let store: EventStore;
let smtp: SMTPServer;
let port: number;
const received: Received[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  pool = testPool(postgres.url, 4);
  store = createPostgresEventStore(pool, { pollIntervalMs: 100 });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(address.address.startsWith('bounce') ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map(({ address }) => address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => smtp?.close(resolve));
  await store?.close();
  await pool?.end();
  await postgres?.stop();
});

const alert = (recipientId: string, recipientEmail: string | null, channels: string[]) => ({
  id: randomUUID(),
  type: 'AlertRaised',
  data: { ruleId: 'rule-1', ruleName: 'Failed sign-ins', recipientId, recipientEmail, channels, sourceEventId: 'evt-42', sourceType: 'SignInFailed', label: 'Sign-in failed' },
  metadata: { workspaceId: 'ws-mail', layer: 'workspace', actor: { kind: 'system', id: 'system', name: 'System' }, result: 'success', occurredAt: '2026-03-01T10:00:00.000Z' },
});

async function applyAlerts(crashFirst: boolean): Promise<void> {
  const mailer = smtpAlertMailer({ url: `smtp://127.0.0.1:${port}`, from: 'alerts@trailmark.test' });
  const reactor = alertMailerReactor(store, mailer, { attempts: 2, backoffMs: 10 });
  const events = (await store.readAll()).filter(({ type }) => type === 'AlertRaised');
  if (crashFirst) {
    await inTransaction(pool, async (client) => {
      await reactor.apply(client, events);
      throw new Error('crash before commit');
    }).catch(() => undefined);
  }
  await inTransaction(pool, (client) => reactor.apply(client, events));
  mailer.close();
}

describe('alert mailer over SMTP', () => {
  it('mails each email alert to its recipient and records the outcome once, even after a crash', async () => {
    await store.appendToStream('notification-ws-mail.u-1', [alert('u-1', 'olga@example.test', ['in_app', 'email'])]);
    await store.appendToStream('notification-ws-mail.u-2', [alert('u-2', 'ari@example.test', ['in_app'])]);
    await store.appendToStream('notification-ws-mail.u-3', [alert('u-3', 'bounce@example.test', ['email'])]);
    await applyAlerts(true);

    // Mail is at-least-once: the crashed try had sent it already.
    expect(received.map(({ from, to }) => ({ from, to }))).toEqual([
      { from: 'alerts@trailmark.test', to: ['olga@example.test'] },
      { from: 'alerts@trailmark.test', to: ['olga@example.test'] },
    ]);
    const raw = received[0].raw;
    expect(raw).toContain('Subject: [Trailmark] Sign-in failed');
    expect(raw).toContain('To: olga@example.test');
    expect(raw).toContain(['Sign-in failed', '', 'Rule: Failed sign-ins', 'Workspace: ws-mail', 'Event: SignInFailed (evt-42)', 'At: 2026-03-01T10:00:00.000Z'].join('\r\n'));

    const outcomes = (await store.readAll()).filter(({ type }) => type === 'AlertEmailed' || type === 'AlertEmailFailed');
    expect(outcomes.map(({ type, streamName, data }) => ({ type, streamName, data }))).toEqual([
      { type: 'AlertEmailed', streamName: 'notification-ws-mail.u-1', data: { alertEventId: expect.any(String), recipientId: 'u-1', to: 'olga@example.test', attempts: 1 } },
      {
        type: 'AlertEmailFailed',
        streamName: 'notification-ws-mail.u-3',
        data: { alertEventId: expect.any(String), recipientId: 'u-3', to: 'bounce@example.test', attempts: 2, reason: expect.stringContaining('Mailbox unavailable') },
      },
    ]);
  });
});
