/** `/healthz` (the process is up), `/readyz` (it can reach its database), `/metrics` (Prometheus). */
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../web/appEnv.ts';
import { renderMetrics } from './metrics.ts';

export function healthRoutes() {
  const routes = new Hono<AppEnv>();
  routes.get('/healthz', (c) => c.json({ status: 'ok' }));
  routes.get('/readyz', async (c) => {
    try {
      await c.var.deps.database.db.execute(sql`SELECT 1`);
      return c.json({ status: 'ready' });
    } catch (error) {
      c.var.log.warn({ err: error }, 'readiness check failed');
      return c.json({ status: 'not_ready', reason: 'database unreachable' }, 503);
    }
  });
  routes.get('/metrics', async (c) => {
    const body = await renderMetrics(c.var.deps);
    return c.body(body, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return routes;
}
