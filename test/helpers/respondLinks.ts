/** Reading a person's personal link (docs/product.md §13.2) out of the mails they were sent. */
import assert from 'node:assert/strict';
import type { Queries } from '../../src/db/client.ts';
import { and, asc, eq, like } from '../../src/db/orm.ts';
import { mailMessages } from '../../src/db/schema.ts';

/** The token of the personal link in the first mail to `email` about `meetingId` that has one. */
export async function respondTokenIn(db: Queries, meetingId: string, email: string): Promise<string> {
  const [mail] = await db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.meetingId, meetingId),
        eq(mailMessages.toAddress, email),
        like(mailMessages.textBody, '%/respond/%'),
      ),
    )
    .orderBy(asc(mailMessages.createdAt));
  const token = /\/respond\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(token, `a personal link to ${email}`);
  return token;
}
