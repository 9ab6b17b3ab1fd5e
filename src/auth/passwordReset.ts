/**
 * Getting back in by mail (docs/product.md §2): `POST /api/auth/password-reset {email}` answers 202 for every
 * email and mails the account's owner a one-time link `{APP_BASE_URL}/password-reset?token=…`
 * (1 hour; only the token's SHA-256 is stored). `POST /api/auth/password-reset/confirm {token,
 * password}` sets the password, ends every session of the account, lifts its sign-in lock and
 * signs in: a lock never keeps the mailbox's owner out. The mail passes the mail gate like
 * sign-up's (per client address, 429; per mailbox, 3 an hour, silently). The mail goes in the
 * account's language (docs/product.md §15).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from '../db/orm.ts';
import type { Db } from '../db/client.ts';
import { passwordResets, users } from '../db/schema.ts';
import { ValidationError } from '../errors.ts';
import { admitAccountMail } from '../mail/mailGate.ts';
import { renderNotice, type RenderedMail } from '../mail/renderMeetingMail.ts';
import { queueMail } from '../mail/sendMailJob.ts';
import { normalizeEmail, setPassword } from './accounts.ts';
import { accountThrottleKey, clearAttempts } from './loginThrottle.ts';
import { hashPassword } from './passwordHashing.ts';
import type { SessionUser } from './sessions.ts';
import type { AccountMailDeps } from './signupConfirmations.ts';
import { translatorFor } from '../i18n/i18n.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';

export const RESET_TTL_MS = 3600 * 1000;

/** The one answer every reset request in `locale` gets, whatever the email (the API's 202 body). */
export function resetAccepted(locale: Locale) {
  return { status: 'reset_sent', message: translatorFor(locale)('account.resetAccepted') } as const;
}
/** The English answer. */
export const RESET_ACCEPTED = resetAccepted(DEFAULT_LOCALE);

/** What `requestPasswordReset` did; for logs and tests only (every outcome answers alike). */
export type ResetOutcome = 'reset_mailed' | 'no_account' | 'mail_capped';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const resetUrl = (appBaseUrl: string, token: string) =>
  `${appBaseUrl.replace(/\/$/, '')}/password-reset?token=${encodeURIComponent(token)}`;

/** The reset mail, in the account's language. */
export function renderResetMail(input: { url: string; locale: Locale }): RenderedMail {
  const t = translatorFor(input.locale);
  return renderNotice({
    locale: input.locale,
    subject: t('account.resetMail.subject'),
    paragraphs: [t('account.resetMail.someone'), t('account.resetMail.openLink'), t('account.resetMail.notYou')],
    actionUrl: input.url,
    actionLabel: t('account.resetMail.action'),
  });
}

export const invalidReset = () =>
  new ValidationError(
    'This password link is invalid, has expired or was already used. Ask for a new one with “Forgot password?”.',
    { code: 'invalid_reset', field: 'token' },
  );

/**
 * Handles `POST /api/auth/password-reset`. The caller answers RESET_ACCEPTED whatever this
 * returns. Throws 429 `mail_quota` when the client address asked for too many sign-up and reset
 * mails this hour (whatever the email).
 */
export async function requestPasswordReset(
  deps: AccountMailDeps,
  input: { email: string; clientAddress: string },
): Promise<ResetOutcome> {
  const now = deps.now();
  const email = normalizeEmail(input.email);
  return deps.db.transaction(async (tx) => {
    const pass = await admitAccountMail(tx, deps, { kind: 'reset', clientAddress: input.clientAddress, email });
    if (!pass) return 'mail_capped';
    // Expired links are removed here rather than by a sweeper.
    await tx.delete(passwordResets).where(lt(passwordResets.expiresAt, now));
    const [account] = await tx.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.email, email));
    if (!account) return 'no_account';
    const locale = isLocale(account.locale) ? account.locale : DEFAULT_LOCALE;
    const token = randomBytes(32).toString('base64url');
    await tx.insert(passwordResets).values({
      tokenHash: hashToken(token),
      userId: account.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
    });
    await queueMail(tx, deps.queue, {
      to: email,
      ...renderResetMail({ url: resetUrl(deps.appBaseUrl, token), locale }),
      pass,
    });
    return 'reset_mailed';
  });
}

/**
 * The account a live (unexpired, unused) reset token is for, without using it: for the page the
 * mailed link opens (opening it changes nothing; mail scanners fetch links).
 */
export async function peekPasswordReset(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ email: string } | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const [row] = await db
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), gt(passwordResets.expiresAt, now)));
  return row;
}

/**
 * Uses up a reset token: the account gets the new password, every one of its sessions and reset
 * links ends, and its sign-in lock is lifted, in one transaction. The token is deleted by the
 * statement that reads it, so it works once; the password is hashed only for a token that is live
 * when the request comes. Throws 400 `invalid_reset`. The caller starts the new session.
 */
export async function confirmPasswordReset(
  db: Db,
  input: { token: string; password: string },
  now = new Date(),
): Promise<SessionUser> {
  if (!(await peekPasswordReset(db, input.token, now))) throw invalidReset();
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const [used] = await tx
      .delete(passwordResets)
      .where(and(eq(passwordResets.tokenHash, hashToken(input.token)), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!used) return undefined;
    const [account] = await tx
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, timezone: users.timezone })
      .from(users)
      .where(eq(users.id, used.userId));
    if (!account) return undefined;
    await setPassword(tx, { userId: account.id, passwordHash, event: 'password_reset' });
    await tx.delete(passwordResets).where(eq(passwordResets.userId, account.id));
    await clearAttempts(tx, accountThrottleKey(account.email));
    return { ...account, locale: isLocale(account.locale) ? account.locale : DEFAULT_LOCALE };
  });
  if (!user) throw invalidReset();
  return user;
}
