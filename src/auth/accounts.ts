/**
 * Accounts, sign-in and password change (docs/product.md §2); sign-up by confirmed email is
 * src/auth/signupConfirmations.ts, getting back in by mail src/auth/passwordReset.ts.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from '../db/orm.ts';
import type { Queries, Tx, Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../errors.ts';
import { enforce } from '../policies/decision.ts';
import { mayUseNewPassword, sessionsEndedBy, type AccountEvent } from '../policies/accountPolicy.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwordHashing.ts';
import {
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_EMAIL,
  accountThrottleKey,
  clearAttempts,
  countAttempt,
  forgiveAttempt,
  throttledError,
} from './loginThrottle.ts';
import { endSessions, type SessionUser } from './sessions.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Inserts an account whose email is already proven (a confirmed sign-up, the demo seed).
 * `ON CONFLICT DO NOTHING` on the unique email: answers undefined when the email has an account,
 * so two confirmations racing for one email create one user.
 */
export async function insertUser(
  db: Queries,
  input: { name: string; email: string; passwordHash: string; locale?: Locale; timezone?: string | null },
): Promise<SessionUser | undefined> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const id = randomUUID();
  const inserted = await db
    .insert(users)
    .values({
      id,
      email,
      name,
      passwordHash: input.passwordHash,
      locale: input.locale ?? DEFAULT_LOCALE,
      timezone: input.timezone ?? null,
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return inserted.length === 0
    ? undefined
    : { id, name, email, locale: input.locale ?? DEFAULT_LOCALE, timezone: input.timezone ?? null };
}

/** What a person chooses about themselves: their name, language and own time zone (docs/product.md §15). */
export interface Profile {
  name: string;
  locale: Locale;
  /** null: each record's own zone. */
  timezone: string | null;
}

const profileColumns = { name: users.name, locale: users.locale, timezone: users.timezone };

function profileOf(row: { name: string; locale: string; timezone: string | null } | undefined): Profile {
  if (!row) throw new NotFoundError('user');
  return { name: row.name, locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE, timezone: row.timezone };
}

/**
 * What a person may change about themselves (`PUT /api/me`, the account page); answers the result.
 * The language takes effect on their next page: every request reads it with the session.
 */
export async function updateProfile(
  db: Queries,
  userId: string,
  change: { name?: string | undefined; locale?: Locale | undefined; timezone?: string | null | undefined },
): Promise<Profile> {
  const set = {
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.locale !== undefined ? { locale: change.locale } : {}),
    ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
  };
  if (Object.keys(set).length === 0) return readProfile(db, userId);
  const [row] = await db.update(users).set(set).where(eq(users.id, userId)).returning(profileColumns);
  return profileOf(row);
}

export async function readProfile(db: Queries, userId: string): Promise<Profile> {
  const [row] = await db.select(profileColumns).from(users).where(eq(users.id, userId));
  return profileOf(row);
}

/** Each address's own time zone, for those of them with an account that set one. */
export async function timeZonesOf(db: Queries, emails: readonly string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await db
    .select({ email: users.email, timezone: users.timezone })
    .from(users)
    .where(inArray(users.email, emails.map(normalizeEmail)));
  return new Map(rows.filter((r) => r.timezone).map((r) => [r.email, r.timezone!]));
}

/**
 * Creates a confirmed account at once, without a confirmation mail: only for data the operator
 * seeds (src/ops/seedDemo.ts). People sign up through src/auth/signupConfirmations.ts.
 */
export async function createAccount(
  db: Queries,
  input: { name: string; email: string; password: string },
): Promise<SessionUser> {
  const user = await insertUser(db, { ...input, passwordHash: await hashPassword(input.password) });
  if (!user)
    throw new ConflictError('account_exists', 'An account with this email already exists.', { field: 'email' });
  return user;
}

/**
 * Checks the password, throttled per account and per client address (src/auth/loginThrottle.ts).
 * Both attempts are counted before the password is checked; a request over either limit is
 * refused without a check (no scrypt is spent on it). A lock never keeps the owner out for good:
 * the reset link lifts it (src/auth/passwordReset.ts).
 */
export async function signIn(
  db: Queries,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const accountKey = accountThrottleKey(email);
  const addressKey = `address:${input.clientAddress}`;
  const account = await countAttempt(db, accountKey, now);
  const address = await countAttempt(db, addressKey, now);
  if (account.attempts > MAX_FAILURES_PER_EMAIL) throw throttledError(account, now);
  if (address.attempts > MAX_FAILURES_PER_ADDRESS) throw throttledError(address, now);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  // The same work whether or not the account exists, so timing tells nothing.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (user && ok) {
    await clearAttempts(db, accountKey);
    await forgiveAttempt(db, addressKey);
    return {
      id: user.id,
      name: user.name,
      email: user.email,
      locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
      timezone: user.timezone,
    };
  }
  throw new UnauthenticatedError('Email or password is wrong. If you just signed up, confirm your email first.');
}

/**
 * Sets a new password and ends the sessions the event ends (src/policies/accountPolicy.ts), inside
 * the caller's transaction `tx`. `currentSession`: the session that made the change, kept when the
 * policy says so.
 */
export async function setPassword(
  tx: Tx,
  change: { userId: string; passwordHash: string; event: AccountEvent; currentSession?: string },
): Promise<void> {
  await tx.update(users).set({ passwordHash: change.passwordHash }).where(eq(users.id, change.userId));
  await endSessionsAfter(tx, change.userId, change.event, change.currentSession);
}

/** Ends the sessions `event` ends (src/policies/accountPolicy.ts). */
function endSessionsAfter(db: Queries, userId: string, event: AccountEvent, currentSession?: string): Promise<void> {
  return endSessions(db, userId, sessionsEndedBy(event) === 'all_but_current' ? currentSession : undefined);
}

/**
 * `POST /api/auth/password`: the signed-in person changes their password, proving the current one
 * (counted as a sign-in attempt of the account, so a stolen session cannot guess it, and refused
 * without a check once the account is locked). Their other sessions end.
 */
export async function changePassword(
  db: Db,
  person: { user: SessionUser; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<void> {
  enforce(mayUseNewPassword(input), 'newPassword');
  const key = accountThrottleKey(person.user.email);
  const attempt = await countAttempt(db, key, now);
  if (attempt.attempts > MAX_FAILURES_PER_EMAIL) throw throttledError(attempt, now);
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, person.user.id));
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new ValidationError('The current password is not right.', {
      code: 'wrong_password',
      field: 'currentPassword',
      fieldMessages: { currentPassword: 'is not right' },
    });
  }
  await clearAttempts(db, key);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction((tx) =>
    setPassword(tx, {
      userId: person.user.id,
      passwordHash,
      event: 'password_changed',
      currentSession: person.sessionId,
    }),
  );
}

/** `POST /api/auth/logout-everywhere`: every session of the person ends, this one included. */
export function signOutEverywhere(db: Queries, person: { userId: string; sessionId: string }): Promise<void> {
  return endSessionsAfter(db, person.userId, 'signed_out_everywhere', person.sessionId);
}
