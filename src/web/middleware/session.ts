/**
 * Loads the server-side session named by the cookie (SPEC §2) and the CSRF token forms must carry.
 * Signed-out visitors get a random pre-session CSRF cookie so the sign-in and sign-up forms are
 * protected too (double submit).
 */
import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { findSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { AppEnv } from '../appEnv.ts';

export const PRE_SESSION_CSRF_COOKIE = 'ekos_csrf';

export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async function loadSession(c, next) {
    const { database, config } = c.var.deps;
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await findSession(database.db, token) : undefined;
    c.set('session', session);
    if (session) {
      c.set('csrfToken', session.csrfToken);
    } else {
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
