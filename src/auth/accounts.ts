/** Sign-up and sign-in (SPEC §2). */
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

export async function signUp(db: Db, input: { name: string; email: string; password: string }): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const inserted = await db
    .insert(users)
    .values({ id, email, name: input.name.trim(), passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (inserted.length === 0) {
    throw new ConflictError('email_taken', 'An account with this email already exists. Sign in instead.', { field: 'email' });
  }
  return { id, name: input.name.trim(), email };
}

/**
 * Checks the password, throttled per account and per client address (src/auth/loginThrottle.ts).
 * Both attempts are counted before the password is checked; a locked account is refused without
 * a check; past the address limit only a correct password for an unlocked account gets through.
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
  const [user] = await db.select().from(users).where(eq(users.email, email));
  // The same work whether or not the account exists, so timing tells nothing.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (user && ok) {
    await clearAttempts(db, accountKey);
    await forgiveAttempt(db, addressKey);
    return { id: user.id, name: user.name, email: user.email };
  }
  if (address.attempts > MAX_FAILURES_PER_ADDRESS) throw throttledError(address, now);
  throw new UnauthenticatedError('Email or password is wrong.');
}
