/**
 * Outgoing mail as a durable job: `queueMail` writes the message row and its job in the caller's
 * transaction; the handler delivers it. Idempotent: a message already sent is not sent again.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { mailMessages } from '../db/schema.ts';
import { defineJob, type JobHandler } from '../jobs/defineJob.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { MailTransport } from './mailTransport.ts';

export const sendMailJob = defineJob('mail.send', z.object({ messageId: z.uuid() }), {
  retryLimit: 20,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 120,
});

export interface QueuedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  ics?: string | undefined;
  ecosystemId?: string | undefined;
  meetingId?: string | undefined;
}

/** Stores the message and enqueues its delivery, inside `db` (the caller's transaction). */
export async function queueMail(db: Db, queue: Pick<JobQueue, 'enqueue'>, mail: QueuedMail): Promise<string> {
  const id = randomUUID();
  await db.insert(mailMessages).values({
    id,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: mail.html,
    ics: mail.ics ?? null,
    ecosystemId: mail.ecosystemId ?? null,
    meetingId: mail.meetingId ?? null,
  });
  await queue.enqueue(db, sendMailJob, { messageId: id });
  return id;
}

export function sendMailHandler(deps: { db: Db; transport: MailTransport }): JobHandler<{ messageId: string }> {
  return async function sendMail({ messageId }, context) {
    const [message] = await deps.db.select().from(mailMessages).where(eq(mailMessages.id, messageId));
    if (!message || message.status !== 'queued') return;
    await deps.transport.send({ id: message.id, to: message.toAddress, subject: message.subject, text: message.textBody, html: message.htmlBody, ics: message.ics });
    await deps.db
      .update(mailMessages)
      .set({ status: deps.transport.kind === 'smtp' ? 'sent' : 'stored', sentAt: new Date() })
      .where(eq(mailMessages.id, messageId));
    context.log.info({ messageId, transport: deps.transport.kind }, 'mail delivered');
  };
}
