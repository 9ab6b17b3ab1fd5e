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
  assertNotThrottled,
  clearFailures,
  recordFailure,
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

/** Checks the password; throttled per email and per client address. */
export async function signIn(
  db: Db,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const keys = [
    { key: `email:${email}`, max: MAX_FAILURES_PER_EMAIL },
    { key: `address:${input.clientAddress}`, max: MAX_FAILURES_PER_ADDRESS },
  ];
  await assertNotThrottled(db, keys, now);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
  if (!user || !ok) {
    await recordFailure(db, keys, now);
    throw new UnauthenticatedError('Email or password is wrong.');
  }
  await clearFailures(db, `email:${email}`);
  return { id: user.id, name: user.name, email: user.email };
}
