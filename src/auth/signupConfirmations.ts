/**
 * Sign-up by confirmed email (docs/product.md §2). Only the owner of a mailbox makes its account:
 * - `POST /api/auth/signup {name, email}` creates no account and answers the same whether or not
 *   the email has one, so sign-up cannot be used to learn who has an account. A new email gets a
 *   one-time confirmation (the SHA-256 of a random token, 24 h to live) and its link
 *   `{APP_BASE_URL}/signup/confirm?token=…` by mail; a taken email's owner is told someone tried,
 *   with no link that grants anything. The mail carries no text the person signing up typed.
 * - The password and the name are chosen on the confirmation step (`confirmSignup`), by whoever
 *   opened the mailed link — the mailbox's owner. Nothing typed before that (by anyone who signed
 *   up with that email) can become the account's: the name typed at sign-up is only the
 *   confirmation page's editable suggestion.
 * Sign-up mail passes the mail gate (src/mail/mailGate.ts): counted per client address (429 past
 * the limit) and per mailbox (3 an hour, silently).
 * The account's language and time zone are guessed at sign-up (docs/product.md §15): the request's
 * language and the zone the browser reported are kept with the attempt, its confirmation mail goes
 * in that language, and the account the link creates starts with both.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from '../db/orm.ts';
import type { Db } from '../db/client.ts';
import { signupConfirmations, users } from '../db/schema.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { admitAccountMail, type MailLimits } from '../mail/mailGate.ts';
import { renderNotice, type RenderedMail } from '../mail/renderMeetingMail.ts';
import { queueMail } from '../mail/sendMailJob.ts';
import { insertUser, normalizeEmail } from './accounts.ts';
import { hashPassword } from './passwordHashing.ts';
import type { SessionUser } from './sessions.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';
import { timezoneSchema } from '../meetings/meetingInput.ts';

export const CONFIRMATION_TTL_MS = 24 * 3600 * 1000;

/** What sign-up and password reset need (the routes build it from the app's dependencies). */
export interface AccountMailDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  appBaseUrl: string;
  mailLimits: MailLimits;
  now: () => Date;
}

/** What `requestSignup` did; never shown to the caller (every outcome answers alike). */
export type SignupOutcome = 'confirmation_mailed' | 'owner_notified' | 'mail_capped';

/** The one answer every sign-up in `locale` gets, whatever the email (the API's 202 body). */
export function signupAccepted(locale: Locale) {
  return { status: 'confirmation_sent', message: translatorFor(locale)('auth.accepted') } as const;
}
/** The English answer. */
export const SIGNUP_ACCEPTED = signupAccepted(DEFAULT_LOCALE);

/**
 * The zone a sign-up page reported, when it is one we know; else none (a guess that fails is
 * dropped, never a reason to refuse the sign-up).
 */
export function reportedZone(value: unknown): string | null {
  return typeof value === 'string' && value !== '' && timezoneSchema.safeParse(value).success ? value : null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes in base64url, as minted below; anything else is not worth a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const confirmationUrl = (appBaseUrl: string, token: string) =>
  `${appBaseUrl.replace(/\/$/, '')}/signup/confirm?token=${encodeURIComponent(token)}`;

/** The confirmation mail, in the language of the sign-up: nothing in it was typed by whoever signed up. */
export function renderConfirmationMail(input: { url: string; locale: Locale }): RenderedMail {
  const t = translatorFor(input.locale);
  return renderNotice({
    locale: input.locale,
    subject: t('auth.confirmationMail.subject'),
    paragraphs: [
      t('auth.confirmationMail.someone'),
      t('auth.confirmationMail.openLink'),
      t('auth.confirmationMail.notYou'),
    ],
    actionUrl: input.url,
    actionLabel: t('auth.confirmationMail.action'),
  });
}

/**
 * To the owner of a taken email, in their account's language: nothing in it signs anyone in or
 * changes the account.
 */
export function renderSignupAttemptNotice(input: { appBaseUrl: string; locale: Locale }): RenderedMail {
  const t = translatorFor(input.locale);
  return renderNotice({
    locale: input.locale,
    subject: t('auth.attemptMail.subject'),
    paragraphs: [t('auth.attemptMail.someone'), t('auth.attemptMail.ifYou')],
    actionUrl: `${input.appBaseUrl.replace(/\/$/, '')}/signin`,
    actionLabel: t('auth.attemptMail.action'),
  });
}

/**
 * Handles `POST /api/auth/signup` (see the module comment). The caller answers SIGNUP_ACCEPTED
 * whatever this returns; the outcome is for logs and tests only. Throws 429 `mail_quota` when the
 * client address asked for too many sign-up and reset mails this hour (whatever the email).
 */
export async function requestSignup(
  deps: AccountMailDeps,
  input: { name: string; email: string; clientAddress: string; locale: Locale; timezone?: string | null | undefined },
): Promise<SignupOutcome> {
  const now = deps.now();
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const timezone = reportedZone(input.timezone);
  return deps.db.transaction(async (tx) => {
    const pass = await admitAccountMail(tx, deps, { kind: 'signup', clientAddress: input.clientAddress, email });
    if (!pass) return 'mail_capped';
    // Expired attempts are removed here rather than by a sweeper, in both branches, so a taken and
    // a new email cost about the same.
    await tx.delete(signupConfirmations).where(lt(signupConfirmations.expiresAt, now));
    const [account] = await tx.select({ locale: users.locale }).from(users).where(eq(users.email, email));
    if (account) {
      const locale = isLocale(account.locale) ? account.locale : DEFAULT_LOCALE;
      await queueMail(tx, deps.queue, {
        to: email,
        ...renderSignupAttemptNotice({ appBaseUrl: deps.appBaseUrl, locale }),
        pass,
      });
      return 'owner_notified';
    }
    const token = randomBytes(32).toString('base64url');
    await tx.insert(signupConfirmations).values({
      tokenHash: hashToken(token),
      email,
      name,
      locale: input.locale,
      timezone,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONFIRMATION_TTL_MS),
    });
    await queueMail(tx, deps.queue, {
      to: email,
      ...renderConfirmationMail({ url: confirmationUrl(deps.appBaseUrl, token), locale: input.locale }),
      pass,
    });
    return 'confirmation_mailed';
  });
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
 * The email a live (unexpired, unused) token would confirm and the name typed at sign-up (the
 * page's editable suggestion), without using the token up: for the page a mailed link opens. Mail
 * scanners fetch links, so opening one must change nothing.
 */
export async function peekSignupConfirmation(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ email: string; name: string } | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await db
    .select({ email: signupConfirmations.email, name: signupConfirmations.name })
    .from(signupConfirmations)
    .where(and(eq(signupConfirmations.tokenHash, hashToken(token)), gt(signupConfirmations.expiresAt, now)));
  return row;
}

/**
 * Uses up a confirmation token and creates its account with the password and name chosen now
 * (docs/product.md §2), and the language and zone guessed at sign-up (§15). The token is deleted in the same statement that reads it, so it works once even when
 * two requests race; the password is hashed only for a token that is live when the request comes
 * (a bounded scrypt is not spent on guesses). Throws 400 `invalid_confirmation` for a token that
 * is unknown, expired or used, and 409 `account_exists` (the token is then used up too, and
 * nothing is created) when the email got an account meanwhile. The caller starts the session.
 */
export async function confirmSignup(
  db: Db,
  input: { token: string; password: string; name: string },
  now = new Date(),
): Promise<SessionUser> {
  if (!(await peekSignupConfirmation(db, input.token, now))) throw invalidConfirmation();
  const passwordHash = await hashPassword(input.password);
  const result = await db.transaction(async (tx) => {
    const [attempt] = await tx
      .delete(signupConfirmations)
      .where(and(eq(signupConfirmations.tokenHash, hashToken(input.token)), gt(signupConfirmations.expiresAt, now)))
      .returning({
        email: signupConfirmations.email,
        locale: signupConfirmations.locale,
        timezone: signupConfirmations.timezone,
      });
    if (!attempt) return { kind: 'invalid' } as const;
    const user = await insertUser(tx, {
      name: input.name,
      email: attempt.email,
      passwordHash,
      locale: isLocale(attempt.locale) ? attempt.locale : DEFAULT_LOCALE,
      timezone: attempt.timezone,
    });
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
