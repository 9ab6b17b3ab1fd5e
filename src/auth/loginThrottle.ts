/**
 * The login throttle (docs/product.md §2). Every sign-in attempt is counted *before* the password is checked,
 * with one atomic upsert per key, so attempts sent at once cannot all slip under the limit:
 * - per account (`email:…`): at most MAX_FAILURES_PER_EMAIL password checks per WINDOW; after
 *   that the account is locked (429, the password is not even checked) until the window ends. A
 *   successful sign-in clears the account's count.
 * - per client address (`address:…`, see `clientAddress` in src/web/api/authApi.ts): past
 *   MAX_FAILURES_PER_ADDRESS every sign-in from it answers 429 with Retry-After without a password
 *   check, so scripted guessing across many accounts is told to back off and costs no scrypt. A
 *   success from the address takes one of its attempts back.
 * Neither keeps an account's owner out: the password-reset link lifts the account's lock and signs
 * them in (src/auth/passwordReset.ts). Kept in the database so every instance sees the same counts.
 */
import { eq, sql } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { loginFailures } from '../db/schema.ts';
import { TooManyRequestsError } from '../errors.ts';

export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const WINDOW_MS = 15 * 60 * 1000;

export interface AttemptCount {
  key: string;
  /** Attempts in the current window, this one included. */
  attempts: number;
  windowStartedAt: Date;
}

/** The counter key of an account's sign-in attempts (password changes count here too). */
export const accountThrottleKey = (email: string) => `email:${email.trim().toLowerCase()}`;

/**
 * Counts one attempt for `key` in a fixed window of `windowMs`, in a single statement: a new
 * window starts when the previous one has ended, otherwise the count goes up by one. Concurrent
 * attempts serialise on the row, so each sees a distinct count.
 */
export async function countAttempt(
  db: Queries,
  key: string,
  now = new Date(),
  windowMs = WINDOW_MS,
): Promise<AttemptCount> {
  const windowEndedBefore = new Date(now.getTime() - windowMs);
  const [row] = await db
    .insert(loginFailures)
    .values({ key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.key,
      set: {
        failures: sql`CASE WHEN ${loginFailures.windowStartedAt} <= ${windowEndedBefore} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} <= ${windowEndedBefore} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
      },
    })
    .returning({ failures: loginFailures.failures, windowStartedAt: loginFailures.windowStartedAt });
  return { key, attempts: row!.failures, windowStartedAt: row!.windowStartedAt };
}

/** The 429 for a key past its limit, with the seconds until its window ends. */
export function throttledError(count: AttemptCount, now = new Date()): TooManyRequestsError {
  const seconds = Math.max(1, Math.ceil((count.windowStartedAt.getTime() + WINDOW_MS - now.getTime()) / 1000));
  return new TooManyRequestsError(
    `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes, or use “Forgot password?” to get back in by email now.`,
    seconds,
  );
}

/** Forgets every attempt for the key (the account's, after a successful sign-in). */
export async function clearAttempts(db: Queries, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}

/** Takes back one counted attempt (a successful sign-in is not a failure from that address). */
export async function forgiveAttempt(db: Queries, key: string): Promise<void> {
  await db
    .update(loginFailures)
    .set({ failures: sql`GREATEST(${loginFailures.failures} - 1, 0)` })
    .where(eq(loginFailures.key, key));
}
