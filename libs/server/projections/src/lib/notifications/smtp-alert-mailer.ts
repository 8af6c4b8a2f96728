import { createTransport } from 'nodemailer';
import type { AlertMailer } from './alert-mail.port';

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

/** The nodemailer adapter of the alert mail port, one SMTP connection per mail. */
export function smtpAlertMailer({ url, from }: SmtpSettings): AlertMailer & { close(): void } {
  const transport = createTransport(url);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
    close: () => transport.close(),
  };
}
