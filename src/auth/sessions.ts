/**
 * Server-side sessions (docs/product.md §2): the cookie carries a random token; the database keeps only its
 * SHA-256, the user, the session's CSRF token and the expiry. Any instance serves any session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql, type AnyColumn, type Placeholder, type SQL } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export const SESSION_COOKIE = 'ekos_session';
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
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
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
  });
  // Expired sessions of this user are cleaned up on sign-in rather than by a sweeper.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
  return { token, csrfToken };
}

/**
 * The one rule for a live session: its token hash, not expired at `now`. `table` is `sessions`
 * or an alias of it, for statements that read the session themselves.
 */
export function liveSession(
  table: { tokenHash: AnyColumn; expiresAt: AnyColumn },
  tokenHash: string | Placeholder,
  now: Date | Placeholder,
): SQL {
  return and(eq(table.tokenHash, tokenHash), gt(table.expiresAt, now))!;
}

/**
 * The lookup every request makes, built once per database as a named prepared statement: drizzle
 * does not rebuild the query and PostgreSQL does not re-plan it for each request.
 */
const sessionLookups = new WeakMap<Queries, ReturnType<typeof prepareSessionLookup>>();
function prepareSessionLookup(db: Queries) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, csrfToken: sessions.csrfToken })
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
  return { user: { id: row.id, name: row.name, email: row.email }, csrfToken: row.csrfToken, sessionId: tokenHash };
}

export async function deleteSession(db: Queries, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
