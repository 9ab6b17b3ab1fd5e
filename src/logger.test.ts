import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger, redactSecrets } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const log = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  return { log, text: () => lines.join('') };
}

test('secrets are redacted at any depth, in arrays, in errors and their causes, and in child bindings', () => {
  const { log, text } = capture();
  const shared = { refresh_token: 'SECRET-shared' };
  const error = Object.assign(new Error('token call failed'), { response: { body: { access_token: 'SECRET-error' } } });
  const withCause = new Error('outer', { cause: Object.assign(new Error('inner'), { clientSecret: 'SECRET-cause' }) });
  log.info(
    { a: { b: { c: { d: { e: { accessToken: 'SECRET-deep' } } } } }, list: [{ password: 'SECRET-array' }, 'plain'] },
    'deep',
  );
  log.info({ first: shared, second: shared }, 'shared twice');
  log.warn({ err: error }, 'error');
  log.warn({ err: withCause }, 'caused');
  log.child({ requestId: 'r-1', authorization: 'Bearer SECRET-binding' }).info('bound');
  const out = text();
  assert.doesNotMatch(out, /SECRET-/);
  assert.match(out, /"message":"token call failed"/, 'an error keeps its message');
  assert.match(out, /"stack":"Error: token call failed/, 'and its stack');
  assert.match(out, /"requestId":"r-1"/);
  assert.match(out, /"e":\{"accessToken":"\[redacted\]"\}/);
});

test('redaction copies only what it changes and never mutates what was logged', () => {
  const clean = { method: 'GET', path: '/x', status: 200, nested: { ok: true } };
  assert.equal(redactSecrets(clean), clean, 'a line without secrets is logged as it is');
  const input = { call: { token: 'SECRET', keep: 1 }, other: { fine: true } };
  const out = redactSecrets(input) as typeof input;
  assert.equal(input.call.token, 'SECRET', 'the caller’s object is unchanged');
  assert.deepEqual(out, { call: { token: '[redacted]', keep: 1 }, other: { fine: true } });
  assert.equal(out.other, input.other, 'untouched branches are shared, not copied');
  const cyclic: Record<string, unknown> = { secret: 'SECRET' };
  cyclic.self = cyclic;
  const redacted = redactSecrets(cyclic) as Record<string, unknown>;
  assert.equal(redacted.secret, '[redacted]');
  assert.equal(redacted.self, '[Circular]');
});
