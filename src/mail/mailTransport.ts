/**
 * Where mail goes: SMTP (nodemailer) when SMTP_URL is set; otherwise it stays in the database,
 * marked `stored`, and is read at /dev/mailbox (embedded mode).
 */
import type { Transporter } from 'nodemailer';

export const DEFAULT_FROM = 'Ekosistem App <no-reply@ekosistem.app>';

export interface OutgoingMail {
  /**
   * The mail_messages row id. It becomes the Message-ID, the same on every delivery attempt, so a
   * message delivered twice (a crash between the server's acceptance and marking it sent) is
   * recognisably one message to receivers and to the chaos soak.
   */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  ics: string | null;
}

export interface MailTransport {
  kind: 'smtp' | 'store';
  /** Delivers the message; resolves when the server accepted it. Throws to have the job retried. */
  send(mail: OutgoingMail): Promise<void>;
  /** Closes pooled connections (at shutdown). */
  close(): void;
}

/** The Message-ID header of the mail_messages row `id`. */
export const messageIdFor = (id: string) => `<${id}@ekosistem.app>`;

export function createMailTransport(options: { smtpUrl: string | undefined; from?: string }): MailTransport {
  if (!options.smtpUrl) return { kind: 'store', send: async () => {}, close: () => {} };
  // Pooled: a few connections kept open and reused, not a new connection and handshake per message.
  const url = new URL(options.smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  // nodemailer is loaded with the first message, not at start-up: an idle instance does not keep
  // its few MB of heap (idle memory: see docs/performance.md).
  let transporter: Promise<Transporter> | undefined;
  const connect = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(url.toString()),
    ));
  const from = options.from ?? DEFAULT_FROM;
  return {
    kind: 'smtp',
    close: () => void transporter?.then((t) => t.close()),
    async send(mail) {
      const method = mail.ics ? (/^METHOD:(\w+)/m.exec(mail.ics)?.[1] ?? 'REQUEST') : undefined;
      await (await connect()).sendMail({
        messageId: messageIdFor(mail.id),
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // The invite as a calendar alternative (shown inline by mail clients) and as a file.
        ...(mail.ics
          ? {
              icalEvent: { method, content: mail.ics, filename: 'invite.ics' },
            }
          : {}),
      });
    },
  };
}
