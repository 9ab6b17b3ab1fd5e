/**
 * Sign-up by confirmed email (docs/product.md §2). A sign-up creates no account and answers the same
 * whether or not the email has one, so sign-up cannot be used to learn who has an account:
 * - new email: a one-time confirmation (this attempt's name and password hash, the SHA-256 of a
 *   random token, 24 h to live) is stored and its link `{APP_BASE_URL}/signup/confirm?token=…` mailed;
 * - taken email: the account's owner is told someone tried to sign up with their address; that
 *   mail carries no link that grants anything.
 * The password is hashed in both branches, so response time does not tell them apart either, and
 * sign-up mails per address are capped (MAX_MAILS_PER_WINDOW an hour) so nobody's mailbox can be
 * flooded through the form; past the cap sign-up still answers the same and sends nothing.
 *
 * The account is created when the link's token comes back (`confirmSignup`), from the name and
 * password hash of *that* attempt: someone else signing up later for the same unconfirmed email
 * makes a separate confirmation that only the mailbox owner receives, so they cannot change which
 * password the owner's link activates.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from '../db/orm.ts';
import type { Db, Tx } from '../db/client.ts';
import { signupConfirmations, users } from '../db/schema.ts';
import { countAttempt } from './loginThrottle.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { renderNotice, type RenderedMail } from '../mail/renderMeetingMail.ts';
import { queueMail } from '../mail/sendMailJob.ts';
import { insertUser, normalizeEmail } from './accounts.ts';
import { hashPassword } from './passwordHashing.ts';
import type { SessionUser } from './sessions.ts';

export const CONFIRMATION_TTL_MS = 24 * 3600 * 1000;
export const MAIL_WINDOW_MS = 3600 * 1000;
export const MAX_MAILS_PER_WINDOW = 3;

export interface SignupDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  appBaseUrl: string;
  now?: (() => Date) | undefined;
}

/** What `requestSignup` did; never shown to the caller (every outcome answers alike). */
export type SignupOutcome = 'confirmation_mailed' | 'owner_notified' | 'mail_capped';

/** The one answer every sign-up gets, whatever the email (the API's 202 body). */
export const SIGNUP_ACCEPTED = {
  status: 'confirmation_sent',
  message:
    'Check your email: we sent a link to confirm your address and finish signing up. The link works for 24 hours.',
} as const;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes in base64url, as minted below; anything else is not worth a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const confirmationUrl = (appBaseUrl: string, token: string) =>
  `${appBaseUrl.replace(/\/$/, '')}/signup/confirm?token=${encodeURIComponent(token)}`;

export function renderConfirmationMail(input: { name: string; url: string }): RenderedMail {
  return renderNotice({
    subject: 'Confirm your email for Ekosistem App',
    paragraphs: [
      `Hi ${input.name}, someone (we hope you) signed up for Ekosistem App with this email address.`,
      'Open the link below and press “Confirm and sign in” to create your account. The link works once, for 24 hours.',
      'If you did not sign up, ignore this email: no account is created without the link.',
    ],
    actionUrl: input.url,
    actionLabel: 'Confirm your email',
  });
}

/** To the owner of a taken email: nothing in it signs anyone in or changes the account. */
export function renderSignupAttemptNotice(input: { appBaseUrl: string }): RenderedMail {
  return renderNotice({
    subject: 'Someone tried to sign up with your email',
    paragraphs: [
      'Someone tried to create a new Ekosistem App account with this email address, which already has an account. No new account was created and your account is unchanged.',
      'If it was you, sign in with your existing password instead. Otherwise you can ignore this email.',
    ],
    actionUrl: `${input.appBaseUrl.replace(/\/$/, '')}/signin`,
    actionLabel: 'Sign in',
  });
}

/**
 * Handles `POST /api/auth/signup` (see the module comment). The caller answers SIGNUP_ACCEPTED
 * whatever this returns; the outcome is for logs and tests only.
 */
export async function requestSignup(
  deps: SignupDeps,
  input: { name: string; email: string; password: string },
): Promise<SignupOutcome> {
  const now = (deps.now ?? (() => new Date()))();
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  // Before looking at the email, so a taken and a new one cost the same scrypt.
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    if (!(await takeMailSlot(tx, email, now))) return 'mail_capped';
    const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (account) {
      await queueMail(tx, deps.queue, { to: email, ...renderSignupAttemptNotice({ appBaseUrl: deps.appBaseUrl }) });
      return 'owner_notified';
    }
    // Expired attempts are removed here rather than by a sweeper.
    await tx.delete(signupConfirmations).where(lt(signupConfirmations.expiresAt, now));
    const token = randomBytes(32).toString('base64url');
    await tx.insert(signupConfirmations).values({
      tokenHash: hashToken(token),
      email,
      name,
      passwordHash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS),
    });
    await queueMail(tx, deps.queue, {
      to: email,
      ...renderConfirmationMail({ name, url: confirmationUrl(deps.appBaseUrl, token) }),
    });
    return 'confirmation_mailed';
  });
}

/** The counter key of sign-up mails to one address (kept with the sign-in counters). */
export const signupMailKey = (email: string) => `signup-mail:${email}`;

/**
 * Counts one sign-up mail to `email` in its one-hour window; false once MAX_MAILS_PER_WINDOW were
 * counted. One upsert, so concurrent sign-ups for one address serialize on its row.
 */
async function takeMailSlot(tx: Tx, email: string, now: Date): Promise<boolean> {
  const { attempts } = await countAttempt(tx, signupMailKey(email), now, MAIL_WINDOW_MS);
  return attempts <= MAX_MAILS_PER_WINDOW;
}

export const invalidConfirmation = () =>
  new ValidationError(
    'This confirmation link is invalid, has expired or was already used. Sign up again to get a new one.',
    {
      code: 'invalid_confirmation',
      field: 'token',
    },
  );

/**
 * The email a live (unexpired, unused) token would confirm, without using it up: for the page a
 * mailed link opens. Mail scanners fetch links, so opening one must change nothing.
 */
export async function peekSignupConfirmation(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ email: string } | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await db
    .select({ email: signupConfirmations.email })
    .from(signupConfirmations)
    .where(and(eq(signupConfirmations.tokenHash, hashToken(token)), gt(signupConfirmations.expiresAt, now)));
  return row;
}

/**
 * Uses up a confirmation token and creates its account (docs/product.md §2). The token is deleted in the same
 * statement that reads it, so it works once even when two requests race. Throws 400
 * `invalid_confirmation` for a token that is unknown, expired or used, and 409 `account_exists`
 * (the token is then used up too, and nothing is created) when the email got an account meanwhile.
 * The caller starts the session.
 */
export async function confirmSignup(db: Db, token: string, now = new Date()): Promise<SessionUser> {
  if (!TOKEN_SHAPE.test(token)) throw invalidConfirmation();
  const result = await db.transaction(async (tx) => {
    const [attempt] = await tx
      .delete(signupConfirmations)
      .where(and(eq(signupConfirmations.tokenHash, hashToken(token)), gt(signupConfirmations.expiresAt, now)))
      .returning();
    if (!attempt) return { kind: 'invalid' } as const;
    const user = await insertUser(tx, { name: attempt.name, email: attempt.email, passwordHash: attempt.passwordHash });
    if (!user) return { kind: 'exists' } as const;
    // Other attempts for this email (someone else's, or older ones) can never be used now.
    await tx.delete(signupConfirmations).where(eq(signupConfirmations.email, attempt.email));
    return { kind: 'created', user } as const;
  });
  if (result.kind === 'invalid') throw invalidConfirmation();
  if (result.kind === 'exists') {
    throw new ConflictError('account_exists', 'This email already has an account. Sign in instead.', {
      field: 'token',
    });
  }
  return result.user;
}
