/** Accounts and sign-in (SPEC §2); sign-up by confirmed email is src/auth/signupConfirmations.ts. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema.ts';
import { ConflictError, UnauthenticatedError } from '../errors.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwordHashing.ts';
import {
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_EMAIL,
  clearAttempts,
  countAttempt,
  forgiveAttempt,
  throttledError,
} from './loginThrottle.ts';
import type { SessionUser } from './sessions.ts';

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Inserts an account whose email is already proven (a confirmed sign-up, the demo seed).
 * `ON CONFLICT DO NOTHING` on the unique email: answers undefined when the email has an account,
 * so two confirmations racing for one email create one user.
 */
export async function insertUser(
  db: Db,
  input: { name: string; email: string; passwordHash: string },
): Promise<SessionUser | undefined> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  const id = randomUUID();
  const inserted = await db
    .insert(users)
    .values({ id, email, name, passwordHash: input.passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return inserted.length === 0 ? undefined : { id, name, email };
}

/**
 * Creates a confirmed account at once, without a confirmation mail: only for data the operator
 * seeds (src/ops/seedDemo.ts). People sign up through src/auth/signupConfirmations.ts.
 */
export async function createAccount(
  db: Db,
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
 * refused without a check (no scrypt is spent on it).
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const accountKey = `email:${email}`;
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
    return { id: user.id, name: user.name, email: user.email };
  }
  throw new UnauthenticatedError('Email or password is wrong. If you just signed up, confirm your email first.');
}
