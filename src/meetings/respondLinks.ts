/**
 * Personal links (docs/product.md §13.2): every mail to someone on a record carries a link of
 * their own, `{APP_BASE_URL}/respond/{token}`, that lets them take one action on that record
 * without signing in — an attendee declines, the person who booked cancels, a registrant
 * unregisters. The token is random; only its SHA-256 is stored. A link works until the record
 * ends or its holder has acted. What an answer does is in respondAnswers.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import type { RespondAction } from '../db/schema.ts';

const insertLink = statement(
  'insert_respond_link',
  `insert into respond_links (token_hash, meeting_id, ecosystem_id, email, action, expires_at)
   values ($1, $2::uuid, $3::uuid, $4, $5, $6::timestamptz)`,
);

export interface RespondLink {
  meetingId: string;
  ecosystemId: string;
  email: string;
  action: RespondAction;
  expiresAt: Date;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The stored hash of a link's token, or undefined for a value that cannot be one. */
export function respondTokenHash(token: string): string | undefined {
  return /^[A-Za-z0-9_-]{40,50}$/.test(token) ? hashOf(token) : undefined;
}

/**
 * Makes a link inside `tx` (the mail that carries it commits with it) and answers its URL. The
 * row is checked with the transaction's COMMIT, like the mail.
 */
export function issueRespondLink(tx: Tx, appBaseUrl: string, link: RespondLink): string {
  const token = randomBytes(32).toString('base64url');
  tx.atCommit(
    tx.run(insertLink, [hashOf(token), link.meetingId, link.ecosystemId, link.email, link.action, link.expiresAt]),
  );
  return `${appBaseUrl}/respond/${token}`;
}
