/**
 * Server-side sessions (docs/product.md §2): the cookie carries a random token; the database keeps only its
 * SHA-256, the user, the session's CSRF token and two expiries. Any instance serves any session.
 * A session ends 30 days after sign-in (`expires_at`) or 14 days after it was last used
 * (`idle_expires_at`, moved forward when a request reads the session, at most once an hour so
 * reading a session is not a write per request), whichever comes first; and when its person
 * signs out everywhere, changes their password (the other sessions) or resets it (all of them).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, ne, or, sql, type AnyColumn, type Placeholder, type SQL } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';

export const SESSION_COOKIE = 'ekos_session';
/** A session's whole life, from sign-in. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** A session unused this long has ended. */
export const SESSION_IDLE_MS = 14 * 24 * 3600 * 1000;
/** How stale the idle expiry may get before a read moves it (a write at most this often). */
const TOUCH_EVERY_MS = 3600 * 1000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** The language they chose (docs/product.md §15). */
  locale: Locale;
  /** The zone they read times in; null: each record's own. */
  timezone: string | null;
}

export interface ActiveSession {
  user: SessionUser;
  csrfToken: string;
  /** Opaque id of the session (the token hash), for binding one-time values to it. */
  sessionId: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The stored hash of a session token, or undefined for a value that cannot be one. */
export function tokenHashOf(token: string): string | undefined {
  return /^[A-Za-z0-9_-]{20,100}$/.test(token) ? hashToken(token) : undefined;
}

export async function createSession(
  db: Queries,
  userId: string,
  now = new Date(),
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    idleExpiresAt: new Date(now.getTime() + SESSION_IDLE_MS),
  });
  // Ended sessions of this user are cleaned up on sign-in rather than by a sweeper.
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), or(lt(sessions.expiresAt, now), lt(sessions.idleExpiresAt, now))));
  return { token, csrfToken };
}

/**
 * The one rule for a live session: its token hash, neither expired nor idle too long at `now`.
 * `table` is `sessions` or an alias of it, for statements that read the session themselves.
 */
export function liveSession(
  table: { tokenHash: AnyColumn; expiresAt: AnyColumn; idleExpiresAt: AnyColumn },
  tokenHash: string | Placeholder,
  now: Date | Placeholder,
): SQL {
  return and(eq(table.tokenHash, tokenHash), gt(table.expiresAt, now), gt(table.idleExpiresAt, now))!;
}

/**
 * The lookup every request makes, built once per database as a named prepared statement: drizzle
 * does not rebuild the query and PostgreSQL does not re-plan it for each request.
 */
const sessionLookups = new WeakMap<Queries, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Queries) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      timezone: users.timezone,
      csrfToken: sessions.csrfToken,
      idleExpiresAt: sessions.idleExpiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(liveSession(sessions, sql.placeholder('tokenHash'), sql.placeholder('now')))
    .prepare('find_session');
}

export async function findSession(db: Queries, token: string, now = new Date()): Promise<ActiveSession | undefined> {
  const tokenHash = tokenHashOf(token);
  if (!tokenHash) return undefined;
  let lookup = sessionLookups.get(db);
  if (!lookup) sessionLookups.set(db, (lookup = prepareSessionLookup(db)));
  const [row] = await lookup.execute({ tokenHash, now });
  if (!row) return undefined;
  // Used now: the idle expiry moves forward (at most once per TOUCH_EVERY_MS).
  const idleExpiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  if (idleExpiresAt.getTime() - row.idleExpiresAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ idleExpiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    user: {
      id: row.id,
      name: row.name,
      email: row.email,
      locale: isLocale(row.locale) ? row.locale : DEFAULT_LOCALE,
      timezone: row.timezone,
    },
    csrfToken: row.csrfToken,
    sessionId: tokenHash,
  };
}

export async function deleteSession(db: Queries, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

/**
 * Ends every session of `userId` (sign out everywhere, a password reset), or every one but
 * `keep` (the session id of the request that changed the password).
 */
export async function endSessions(db: Queries, userId: string, keep?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(keep ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep)) : eq(sessions.userId, userId));
}
