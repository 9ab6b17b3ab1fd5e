/**
 * Security headers on every response (Hono's secure-headers middleware):
 * - a Content-Security-Policy with no inline script (the pages' scripts are files under /assets),
 *   no framing (`frame-ancestors 'none'`), forms and connections to our own origin only;
 * - `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`;
 * - `Referrer-Policy: same-origin`: URLs that carry one-time values (the OAuth callback's `code`
 *   and `state`) never reach another site in a Referer header. (`no-referrer` would also make
 *   browsers send `Origin: null` on our own POSTs, which the CSRF check reads.)
 * Inline `<style>` stays allowed: styles cannot run code, and the mail preview needs them.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../appEnv.ts';

export function securityHeaders(options: { https: boolean }): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
    // HSTS means something only over https; on plain http (local use) it is left out.
    strictTransportSecurity: options.https ? 'max-age=15552000; includeSubDomains' : false,
  }) as MiddlewareHandler<AppEnv>;
}
