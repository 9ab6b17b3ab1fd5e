/**
 * `/assets/*`: the pages' few scripts, served from files so the Content-Security-Policy can forbid
 * inline script (src/web/middleware/securityHeaders.ts). A fixed list read once at start-up: no
 * path from the request reaches the file system.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../appEnv.ts';

const SCRIPTS = ['zoomCard.js', 'zoomConnected.js', 'meetingForm.js', 'bookingZone.js', 'signupZone.js'] as const;

export function assetRoutes() {
  const files = new Map(SCRIPTS.map((name) => [name, readFileSync(join(import.meta.dirname, name), 'utf8')]));
  const routes = new Hono<AppEnv>();
  routes.get('/assets/:name', (c, next) => {
    const body = files.get(c.req.param('name') as (typeof SCRIPTS)[number]);
    if (body === undefined) return next();
    return c.body(body, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
  });
  return routes;
}
