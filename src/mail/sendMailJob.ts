/**
 * Outgoing mail as a durable job: `queueMail` writes the message row and its job in the caller's
 * transaction; the handler delivers it. Idempotent: a message already sent is not sent again.
 * Every message carries a pass from the mail gate (src/mail/mailGate.ts), the one place mail is
 * counted and limited. Once a message is sent over SMTP, its stored copy loses the one-time
 * tokens of its links (docs/product.md §2: no stored mail keeps a live one-time token after delivery).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql, type AnyColumn } from '../db/orm.ts';
import { z } from 'zod';
import type { Queries, Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { mailMessages } from '../db/schema.ts';
import { defineJob, type BatchJobHandler, type JobHandler } from '../jobs/defineJob.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { MailTransport } from './mailTransport.ts';
import type { MailPass } from './mailGate.ts';

export const sendMailJob = defineJob('mail.send', z.object({ messageId: z.uuid() }), {
  retryLimit: 20,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 120,
  batchSize: 20,
});

export interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  ics?: string | undefined;
  ecosystemId?: string | undefined;
  meetingId?: string | undefined;
  /** The mail gate's pass: counted, counted with its action, or a system notice. */
  pass: MailPass;
}

const insertMessage = statement(
  'insert_mail_message',
  `insert into mail_messages (id, to_address, subject, text_body, html_body, ics, ecosystem_id, meeting_id)
   values ($1::uuid, $2, $3, $4, $5, $6, $7::uuid, $8::uuid)`,
);

/**
 * The one-time links the app mails (sign-up confirmation, password reset, a record's personal
 * links), up to their token: a delivered message's stored copy keeps the link without it.
 */
const ONE_TIME_LINK_TOKEN = String.raw`(/(signup/confirm\?token=|password-reset\?token=|respond/))[A-Za-z0-9_-]+`;
const withoutOneTimeTokens = (column: AnyColumn) =>
  sql`regexp_replace(${column}, ${ONE_TIME_LINK_TOKEN}, ${String.raw`\1sent-by-mail`}, 'g')`;

/**
 * Stores the message and enqueues its delivery, inside `tx` (the caller's transaction). Nothing
 * in a transaction depends on them, so they are checked with its COMMIT: on PostgreSQL the
 * message, its job and the COMMIT go in one round trip. Status and creation time take their
 * defaults.
 */
export async function queueMail(tx: Tx, queue: Pick<JobQueue, 'enqueue'>, mail: QueuedMail): Promise<string> {
  const id = randomUUID();
  const stored = tx.run(insertMessage, [
    id,
    mail.to,
    mail.subject,
    mail.text,
    mail.html,
    mail.ics ?? null,
    mail.ecosystemId ?? null,
    mail.meetingId ?? null,
  ]);
  tx.atCommit(stored, queue.enqueue(tx, sendMailJob, { messageId: id }));
  return id;
}

/**
 * Delivers a fetched batch: one read for all its messages, the deliveries side by side, one write
 * marking those delivered. A message that could not be delivered fails its own job only.
 */
export function sendMailBatchHandler(deps: {
  db: Queries;
  transport: MailTransport;
}): BatchJobHandler<{ messageId: string }> {
  return async function sendMails(items) {
    const failures = new Map<number, unknown>();
    const ids = items.map((item) => item.data.messageId);
    const queued = await deps.db
      .select()
      .from(mailMessages)
      .where(and(inArray(mailMessages.id, ids), eq(mailMessages.status, 'queued')));
    const byId = new Map(queued.map((message) => [message.id, message]));
    const delivered: string[] = [];
    await Promise.all(
      items.map(async (item, i) => {
        const message = byId.get(item.data.messageId);
        // Sent already (a job run twice), or gone: nothing to do.
        if (!message) return;
        byId.delete(message.id);
        try {
          await deps.transport.send({
            id: message.id,
            to: message.toAddress,
            subject: message.subject,
            text: message.textBody,
            html: message.htmlBody,
            ics: message.ics,
          });
          delivered.push(message.id);
          item.context.log.info({ messageId: message.id, transport: deps.transport.kind }, 'mail delivered');
        } catch (error) {
          failures.set(i, error);
        }
      }),
    );
    if (delivered.length > 0) {
      const smtp = deps.transport.kind === 'smtp';
      await deps.db
        .update(mailMessages)
        .set({
          status: smtp ? 'sent' : 'stored',
          sentAt: new Date(),
          // The local mailbox (emulator mode) is where stored mail is read, links and all.
          ...(smtp
            ? {
                textBody: withoutOneTimeTokens(mailMessages.textBody),
                htmlBody: withoutOneTimeTokens(mailMessages.htmlBody),
              }
            : {}),
        })
        .where(inArray(mailMessages.id, delivered));
    }
    return failures;
  };
}

/** One message at a time (a batch of one). */
export function sendMailHandler(deps: { db: Queries; transport: MailTransport }): JobHandler<{ messageId: string }> {
  const batch = sendMailBatchHandler(deps);
  return async (data, context) => {
    const failures = await batch([{ data, context }]);
    if (failures.size > 0) throw failures.get(0);
  };
}
