import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidWebhookSignature, signWebhook, urlValidationToken } from './webhookSignature.ts';

// docs/zoom-facts.md §7.2 test vector.
test('§7.2 signature vector', () => {
  const body =
    '{"event":"meeting.deleted","event_ts":1700000000123,"payload":{"account_id":"acct_1","object":{"id":85746065432}}}';
  const expected = 'v0=3f07075de644e5ecc13088ca1a3f8e4add9942152bf5a326ad5fc749e01a4203';
  assert.equal(signWebhook('test_secret_token', '1700000000', body), expected);
  assert.equal(isValidWebhookSignature('test_secret_token', '1700000000', body, expected), true);
  assert.equal(isValidWebhookSignature('test_secret_token', '1700000001', body, expected), false);
  assert.equal(isValidWebhookSignature('other', '1700000000', body, expected), false);
  assert.equal(isValidWebhookSignature('test_secret_token', '1700000000', `${body} `, expected), false);
  assert.equal(isValidWebhookSignature('test_secret_token', '1700000000', body, 'v0=short'), false);
});

// docs/zoom-facts.md §7.3 test vector.
test('§7.3 url validation vector', () => {
  assert.equal(
    urlValidationToken('test_secret_token', 'qgg8vlvZRS6UYooatFL8Aw'),
    '4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8',
  );
});
