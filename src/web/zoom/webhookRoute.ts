/**
 * `POST /integrations/zoom/webhook` (docs/product.md §5). Answers well within Zoom's 3 seconds: the work
 * done here is database-only; mail and the compliance notice are jobs.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { acceptWebhookDelivery, WebhookRejectedError } from '../../integrations/zoom/verifyWebhook.ts';
import { urlValidationToken } from '../../zoom/webhookSignature.ts';
import { deauthorizationPayloadSchema } from '../../integrations/zoom/deauthorization.ts';
import { countEvent } from '../../metrics.ts';

export function webhookRoute() {
  const routes = new Hono<AppEnv>();
  routes.post('/integrations/zoom/webhook', async (c) => {
    const { zoom, database } = c.var.deps;
    if (!zoom) return c.json({ error: { code: 'zoom_not_configured', message: 'Zoom is not configured' } }, 503);
    const rawBody = await c.req.text();
    let event: Awaited<ReturnType<typeof acceptWebhookDelivery>>;
    try {
      event = await acceptWebhookDelivery(
        database.db,
        zoom.webhookSecret,
        { timestamp: c.req.header('x-zm-request-timestamp'), signature: c.req.header('x-zm-signature'), rawBody },
        zoom.now(),
      );
    } catch (error) {
      if (!(error instanceof WebhookRejectedError)) throw error;
      countEvent('zoom_webhooks_total', 'Zoom webhook deliveries by outcome', { outcome: error.code });
      c.var.log.warn({ rejected: error.code }, 'Zoom webhook rejected');
      return c.json({ error: { code: error.code, message: error.message } }, error.status);
    }
    countEvent('zoom_webhooks_total', 'Zoom webhook deliveries by outcome', { outcome: event.event });

    if (event.event === 'endpoint.url_validation') {
      const plainToken = event.payload['plainToken'];
      if (typeof plainToken !== 'string' || plainToken.length === 0 || plainToken.length > 256) {
        return c.json({ error: { code: 'invalid_event', message: 'payload.plainToken is required' } }, 400);
      }
      return c.json({ plainToken, encryptedToken: urlValidationToken(zoom.webhookSecret, plainToken) });
    }

    if (event.event === 'app_deauthorized') {
      const payload = deauthorizationPayloadSchema.safeParse(event.payload);
      if (!payload.success) {
        return c.json(
          {
            error: { code: 'invalid_event', message: 'app_deauthorized needs payload.user_id and payload.account_id' },
          },
          400,
        );
      }
      const handler = c.var.deps.onZoomDeauthorized;
      const result = handler ? await handler(payload.data) : { outcome: 'nothing_to_do', affectedUsers: 0 };
      c.var.log.info({ outcome: result.outcome, affectedUsers: result.affectedUsers }, 'Zoom app_deauthorized handled');
      return c.json({ received: true, outcome: result.outcome });
    }

    // Events we did not subscribe to, or do not act on: acknowledged and ignored (docs/product.md §5).
    return c.json({ received: true, ignored: event.event });
  });
  return routes;
}
