/**
 * `/healthz` (the process is up), `/readyz` (it can reach its database), `/metrics` (Prometheus).
 * `/metrics` tells anyone who can read it how busy the app is and how Zoom work fares, so it is
 * served only with `METRICS_TOKEN` configured, to `Authorization: Bearer <METRICS_TOKEN>`
 * (Prometheus: `authorization: {credentials: …}`); without the token configured it does not exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { NotFoundError, UnauthenticatedError } from '../errors.ts';
import { sql } from '../db/orm.ts';
import type { AppEnv } from '../web/appEnv.ts';
import { renderMetrics } from './metrics.ts';

export function healthRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    try {
      await c.var.deps.database.db.query(sql`select 1`);
      return c.json({ status: 'ready' });
    } catch (error) {
      c.var.log.warn({ err: error }, 'readiness check failed');
      return c.json({ status: 'not_ready', reason: 'database unreachable' }, 503);
    }
  });
  routes.get('/metrics', async (c) => {
    const expected = c.var.deps.config.metricsToken;
    if (!expected) throw new NotFoundError('page');
    const sent = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameToken(sent, expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthenticatedError('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
    }
    const body = await renderMetrics(c.var.deps);
    return c.body(body, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return routes;
}

/** Constant-time comparison of digests, so neither the length nor a prefix leaks. */
function sameToken(sent: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
