/**
 * Loads the server-side session named by the cookie (docs/product.md §2) and the CSRF token forms must carry.
 * Signed-out visitors get a random pre-session CSRF cookie so the sign-in and sign-up forms are
 * protected too (double submit).
 *
 * JSON API requests (no form body, so no CSRF token to compare) defer the lookup: their handlers
 * call `requireSession`, or read the session inside their own statement by its token hash
 * (`sessionTokenHash`), which saves a round trip and, on a booking, a commit (docs/performance.md).
 */
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { findSession, SESSION_COOKIE, tokenHashOf, type ActiveSession } from '../../auth/sessions.ts';
import type { AppEnv } from '../appEnv.ts';

export const PRE_SESSION_CSRF_COOKIE = 'ekos_csrf';

export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function sessionFromCookie(c, next) {
    const { config } = c.var.deps;
    const token = getCookie(c, SESSION_COOKIE);
    c.set('sessionToken', token);
    c.set('sessionLoaded', false);
    c.set('csrfToken', '');
    if (c.req.path.startsWith('/api/') && !isFormPost(c)) return next();
    const session = await loadSession(c);
    if (!session) {
      let preSession = getCookie(c, PRE_SESSION_CSRF_COOKIE);
      if (!preSession || !/^[A-Za-z0-9_-]{20,64}$/.test(preSession)) {
        preSession = randomBytes(24).toString('base64url');
        setCookie(c, PRE_SESSION_CSRF_COOKIE, preSession, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: config.secureCookies,
          path: '/',
        });
      }
      c.set('csrfToken', preSession);
    }
    await next();
  };
}

const isFormPost = (c: Context<AppEnv>) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.req.header('content-type') ?? '');

/** The request's session, looked up once (and its CSRF token set) on first use. */
export async function loadSession(c: Context<AppEnv>): Promise<ActiveSession | undefined> {
  if (c.var.sessionLoaded) return c.var.session;
  const token = c.var.sessionToken;
  const session = token ? await findSession(c.var.deps.database.db, token) : undefined;
  c.set('session', session);
  c.set('sessionLoaded', true);
  if (session) c.set('csrfToken', session.csrfToken);
  return session;
}

/** The hash the session is stored under, for a statement that reads the session itself. */
export function sessionTokenHash(c: Context<AppEnv>): string | undefined {
  const token = c.var.sessionToken;
  return token ? tokenHashOf(token) : undefined;
}
