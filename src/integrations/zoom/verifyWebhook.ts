/**
 * Accepting a Zoom webhook delivery (docs/product.md §5, docs/zoom-facts.md §7): signature over the raw body checked
 * in constant time, timestamp within 5 minutes either way, and a delivery seen before refused.
 * Every rejection changes nothing.
 */
import { createHash } from 'node:crypto';
import { lt } from '../../db/orm.ts';
import { z } from 'zod';
import type { Queries } from '../../db/client.ts';
import { zoomWebhookReceipts } from '../../db/schema.ts';
import { isValidWebhookSignature } from '../../zoom/webhookSignature.ts';

export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

export class WebhookRejectedError extends Error {
  readonly code:
    | 'missing_signature'
    | 'stale_timestamp'
    | 'bad_signature'
    | 'replayed'
    | 'invalid_json'
    | 'invalid_event';
  readonly status: 400 | 401 | 409;
  constructor(code: WebhookRejectedError['code'], status: WebhookRejectedError['status'], message: string) {
    super(message);
    this.name = 'WebhookRejectedError';
    this.code = code;
    this.status = status;
  }
}

const eventSchema = z.object({
  event: z.string().min(1),
  event_ts: z.number().optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
});
export type ZoomWebhookEvent = z.infer<typeof eventSchema>;

export async function acceptWebhookDelivery(
  db: Queries,
  secret: string,
  delivery: { timestamp: string | undefined; signature: string | undefined; rawBody: string },
  now: Date,
): Promise<ZoomWebhookEvent> {
  const { timestamp, signature, rawBody } = delivery;
  if (!timestamp || !signature) {
    throw new WebhookRejectedError('missing_signature', 401, 'x-zm-request-timestamp and x-zm-signature are required');
  }
  // Seconds since the epoch (docs/zoom-facts.md §7.2).
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) {
    throw new WebhookRejectedError('stale_timestamp', 401, 'the request timestamp is outside the 5-minute window');
  }
  if (!isValidWebhookSignature(secret, timestamp, rawBody, signature)) {
    throw new WebhookRejectedError('bad_signature', 401, 'the signature does not match');
  }
  let parsed: ZoomWebhookEvent;
  try {
    const result = eventSchema.safeParse(JSON.parse(rawBody));
    if (!result.success) throw new WebhookRejectedError('invalid_event', 400, 'the body is not a Zoom event');
    parsed = result.data;
  } catch (error) {
    if (error instanceof WebhookRejectedError) throw error;
    throw new WebhookRejectedError('invalid_json', 400, 'the body is not valid JSON');
  }
  const deliveryHash = createHash('sha256').update(`${timestamp}:${signature}`).digest('hex');
  const inserted = await db
    .insert(zoomWebhookReceipts)
    .values({ deliveryHash, receivedAt: now })
    .onConflictDoNothing()
    .returning({ deliveryHash: zoomWebhookReceipts.deliveryHash });
  if (inserted.length === 0) throw new WebhookRejectedError('replayed', 409, 'this delivery was received before');
  // Receipts older than twice the window can never match an acceptable timestamp again.
  await db
    .delete(zoomWebhookReceipts)
    .where(lt(zoomWebhookReceipts.receivedAt, new Date(now.getTime() - 2 * TIMESTAMP_WINDOW_SECONDS * 1000)));
  return parsed;
}
