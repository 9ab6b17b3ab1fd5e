/** Checks an endpoint's answer to `endpoint.url_validation` (docs/zoom-facts.md §7.3). */
import { createHmac } from 'node:crypto';

export function urlValidationAnswer(
  secret: string,
  plainToken: string,
  answer: { status?: number; text?: string; error?: string },
) {
  const expected = createHmac('sha256', secret).update(plainToken).digest('hex');
  let body: { plainToken?: unknown; encryptedToken?: unknown } = {};
  try {
    body = JSON.parse(answer.text ?? '');
  } catch {
    // not JSON: invalid below
  }
  const valid = answer.status === 200 && body.plainToken === plainToken && body.encryptedToken === expected;
  return {
    valid,
    status: answer.status ?? null,
    error: answer.error ?? null,
    plainToken,
    expectedEncryptedToken: expected,
    received: body,
  };
}
