/**
 * Zoom webhook signatures (docs/zoom-facts.md §7.2) and the URL-validation answer (§7.3).
 * message = `v0:{x-zm-request-timestamp}:{raw body}`, signature = `v0=` + hex HMAC-SHA256.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Constant-time comparison of the received signature with the one we compute. */
export function isValidWebhookSignature(
  secret: string,
  timestamp: string,
  rawBody: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const received = Buffer.from(signature);
  return expected.length === received.length && timingSafeEqual(expected, received);
}

/** `encryptedToken` for an `endpoint.url_validation` event: hex HMAC-SHA256 of plainToken. */
export function urlValidationToken(secret: string, plainToken: string): string {
  return createHmac('sha256', secret).update(plainToken).digest('hex');
}
