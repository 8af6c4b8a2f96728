export interface AlertMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends one mail; rejects when the server refused it or could not be reached. */
export interface AlertMailer {
  send(mail: AlertMail): Promise<void>;
}
