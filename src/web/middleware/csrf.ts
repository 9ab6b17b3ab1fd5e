/**
 * Cross-site request forgery defence (docs/product.md §2):
 * - HTML forms (urlencoded / multipart) must echo the CSRF token in `_csrf`;
 * - every other state-changing request (the JSON API) must come from our own origin, shown by
 *   the `Origin` header (or, for browsers that omit it, `Sec-Fetch-Site: same-origin`).
 * Paths called by other parties with their own authentication (the Zoom webhook) are exempt.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../../errors.ts';
import type { AppEnv } from '../appEnv.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfMiddleware(options: { exemptPaths: string[] }): MiddlewareHandler<AppEnv> {
  return async function checkCsrf(c, next) {
    if (SAFE_METHODS.has(c.req.method) || options.exemptPaths.includes(c.req.path)) return next();
    const contentType = (c.req.header('content-type') ?? '').toLowerCase();
    const isForm =
      contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('multipart/form-data');
    if (isForm) {
      const body = await c.req.parseBody();
      const sent = typeof body['_csrf'] === 'string' ? body['_csrf'] : '';
      if (!sameSecret(sent, c.var.csrfToken)) {
        throw new ForbiddenError('csrf_failed', { key: 'codes.csrf_failed' });
      }
      return next();
    }
    const appOrigin = new URL(c.var.deps.config.appBaseUrl).origin;
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    if (origin ? origin !== appOrigin : fetchSite !== 'same-origin') {
      throw new ForbiddenError('cross_origin', { key: 'codes.cross_origin' });
    }
    return next();
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
