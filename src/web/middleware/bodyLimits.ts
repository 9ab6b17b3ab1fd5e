/**
 * Request body limits (Hono's body-limit middleware), applied before any body is parsed and before
 * the session is looked up: a large body is refused with 413 `payload_too_large` without being
 * read whole. A declared Content-Length over the limit is refused at once; a chunked body is read
 * only up to the limit.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../../errors.ts';
import { errorResponse } from '../errorResponses.ts';
import type { AppEnv } from '../appEnv.ts';

/** Forms and the JSON API: far above any real form (a meeting with 100 attendees is ~10 KB). */
export const REQUEST_BODY_LIMIT = 1024 * 1024;
/** Zoom's event notifications are small JSON documents. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bodyLimits(options: { webhookPath: string }): MiddlewareHandler<AppEnv> {
  const limitTo = (maxSize: number): MiddlewareHandler<AppEnv> => {
    const refuse = (c: Context<AppEnv>) => errorResponse(new PayloadTooLargeError(maxSize), c);
    const streamed = bodyLimit({ maxSize, onError: refuse });
    return (c, next) => {
      // A declared length is the body's length (Node's parser holds the body to it): decided from
      // the header, as Hono's middleware does, but without first building the full Request it
      // reaches for — which would also send the JSON body through web streams instead of the
      // server's direct read. A chunked body is counted as it is read.
      const declared = c.req.header('content-length');
      if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
        return Number.parseInt(declared, 10) > maxSize ? Promise.resolve(refuse(c)) : next();
      }
      return streamed(c, next);
    };
  };
  const general = limitTo(REQUEST_BODY_LIMIT);
  const webhook = limitTo(WEBHOOK_BODY_LIMIT);
  return function limitRequestBodies(c, next) {
    // A GET, HEAD or OPTIONS body is never read, so it needs no limit; checking one would make
    // the server build a full Request for every page and list view.
    if (BODILESS.has(c.req.method)) return next();
    return (c.req.path === options.webhookPath ? webhook : general)(c, next);
  };
}
