/**
 * `Cache-Control: no-store` on every answer made after the session is read (docs/product.md §2): pages and
 * API answers carry join URLs, passcodes and people's details, which neither the browser's cache
 * (a shared computer's back button) nor a proxy may keep. Static assets and health checks are
 * answered before this and may be cached.
 */
import type { MiddlewareHandler } from 'hono';

export function noStore(): MiddlewareHandler {
  return async function answerNotStored(c, next) {
    await next();
    // On the response's own headers: `c.header` after the handler would copy the finished response.
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
