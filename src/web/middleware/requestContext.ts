/** Gives each request an id and a child logger carrying it; logs one line per request. */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../../appDeps.ts';
import type { AppEnv } from '../appEnv.ts';

/** A personal link's token in a path (`/respond/{token}`, `/api/respond/{token}`, docs/product.md §13.2). */
const PERSONAL_LINK_TOKEN = /(\/respond\/)[^/]+/;

export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async function withRequestContext(c, next) {
    const requestId = randomUUID();
    const log = deps.log.child({ requestId });
    c.set('deps', deps);
    c.set('requestId', requestId);
    c.set('log', log);
    const started = performance.now();
    await next();
    // On the response's own headers, as secure-headers does: `c.header` after the handler would
    // copy the finished response.
    c.res.headers.set('x-request-id', requestId);
    // Only method, path (no query string: it may carry an OAuth code; no personal link's token)
    // and status are logged — after the answer is written (the next turn of the event loop).
    const line = {
      method: c.req.method,
      path: c.req.path.replace(PERSONAL_LINK_TOKEN, '$1:token'),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    setImmediate(() => log.info(line, 'request'));
  };
}
