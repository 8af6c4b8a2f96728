import type { EventStore } from '@trailmark/event-store';
import type { Pool } from 'pg';
import type { Projection } from '../projection';
import { runProjection, type RunnerLogger, type RunningProjection } from '../projection-runner';
import type { AlertMailer } from './alert-mail.port';
import { type AlertMailerOptions, alertMailerReactor } from './alert-mailer.reactor';
import { alertRulesReactor } from './alert-rules.reactor';
import { type SecurityAlertOptions, securityAlertsReactor } from './security-alerts.reactor';
import { type SmtpSettings, smtpAlertMailer } from './smtp-alert-mailer';

/** At most this many reactors run beside ALL_PROJECTIONS, for sizing pools. */
export const NOTIFICATION_REACTOR_COUNT = 3;

export interface NotificationReactorsOptions {
  security?: SecurityAlertOptions;
  /** No mailer (no SMTP configured): the email channel is off. */
  mailer?: AlertMailer;
  mail?: AlertMailerOptions;
}

/**
 * The reactors that append events (security alerts, alerts, mail records).
 * They run under `runProjection` like projections (advisory lock, checkpoint),
 * but need the store to append to, so they are built per process.
 */
export function notificationReactors(store: EventStore, pool: Pool, { security, mailer, mail }: NotificationReactorsOptions = {}): Projection[] {
  return [securityAlertsReactor(store, pool, security), alertRulesReactor(store), ...(mailer ? [alertMailerReactor(store, mailer, mail)] : [])];
}

export interface RunningReactors {
  readonly running: readonly RunningProjection[];
  stop(): Promise<void>;
}

/**
 * Runs the reactors where the projections run (the API in embedded mode, the
 * projector in scale-out). Without SMTP settings the email channel is off.
 */
export function startNotificationReactors(store: EventStore, pool: Pool, { smtp, logger }: { smtp?: SmtpSettings; logger?: RunnerLogger } = {}): RunningReactors {
  const mailer = smtp ? smtpAlertMailer(smtp) : undefined;
  if (!mailer) logger?.info('TRAILMARK_SMTP_URL is not set: alert email is off');
  const running = notificationReactors(store, pool, { mailer }).map((reactor) => runProjection(store, pool, reactor, { logger }));
  return {
    running,
    async stop() {
      await Promise.all(running.map((reactor) => reactor.stop()));
      mailer?.close();
    },
  };
}
