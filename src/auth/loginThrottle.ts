/**
 * A simple login throttle: at most `max` failed sign-ins per key in a WINDOW (5 per email, more
 * per client address since many people can share one); after that, sign-in answers 429 until the
 * window ends. Kept in the database so every instance sees the same counts.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginFailures } from '../db/schema.ts';
import { TooManyRequestsError } from '../errors.ts';

export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export interface ThrottleKey {
  key: string;
  max: number;
}
export const WINDOW_MS = 15 * 60 * 1000;

export async function assertNotThrottled(db: Db, keys: ThrottleKey[], now = new Date()): Promise<void> {
  for (const { key, max } of keys) {
    const [row] = await db.select().from(loginFailures).where(eq(loginFailures.key, key));
    if (!row) continue;
    const windowEnds = row.windowStartedAt.getTime() + WINDOW_MS;
    if (row.failures >= max && windowEnds > now.getTime()) {
      const seconds = Math.ceil((windowEnds - now.getTime()) / 1000);
      throw new TooManyRequestsError(`Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes.`, seconds);
    }
  }
}

export async function recordFailure(db: Db, keys: ThrottleKey[], now = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  for (const { key } of keys) {
    await db
      .insert(loginFailures)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: loginFailures.key,
        set: {
          failures: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN 1 ELSE ${loginFailures.failures} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${loginFailures.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${loginFailures.windowStartedAt} END`,
        },
      });
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.key, key));
}
