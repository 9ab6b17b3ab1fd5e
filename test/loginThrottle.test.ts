/**
 * The login throttle (docs/product.md §2, §8 TRUST_PROXY): attempts are counted atomically before the password
 * is checked, per account and per client address; a request over either limit is refused without a
 * password check (no scrypt is spent on it), and the owner gets back in with the reset link.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL } from '../src/auth/loginThrottle.ts';
import { Client, createTestApp, readMetrics, type TestApp } from './helpers/testApp.ts';

let t: TestApp;
let viaProxy: TestApp;
before(async () => {
  t = await createTestApp();
  viaProxy = await createTestApp({ env: { TRUST_PROXY: '1' }, testDb: t.testDb });
});
after(async () => {
  await viaProxy.close();
  await t.close();
});

const login = (app: TestApp, email: string, password: string, forwardedFor?: string) =>
  new Client(app.app).api(
    'POST',
    '/api/auth/login',
    { email, password },
    forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  );

test(`25 wrong passwords sent at once for one account: exactly ${MAX_FAILURES_PER_EMAIL} are checked, the rest are refused with 429`, async () => {
  await new Client(t.app).signUp('Concurrent', 'burst@example.com', 'the right password');
  const answers = await Promise.all(
    Array.from({ length: 25 }, (_, i) => login(viaProxy, 'burst@example.com', `wrong ${i}`, `10.0.0.${i}`)),
  );
  const statuses = answers.map((r) => r.status).sort();
  assert.equal(statuses.filter((s) => s === 401).length, MAX_FAILURES_PER_EMAIL, statuses.join(','));
  assert.equal(statuses.filter((s) => s === 429).length, 25 - MAX_FAILURES_PER_EMAIL);
  // The account is locked: the right password is refused too, until the window ends.
  assert.equal((await login(viaProxy, 'burst@example.com', 'the right password', '10.0.1.1')).status, 429);
});

test('a successful sign-in clears the account count: 4 typos then the right password, then 4 more typos are still answered 401', async () => {
  await new Client(t.app).signUp('Typo', 'typo@example.com', 'the right password');
  for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++)
    assert.equal((await login(viaProxy, 'typo@example.com', 'typo', '10.1.0.1')).status, 401);
  assert.equal((await login(viaProxy, 'typo@example.com', 'the right password', '10.1.0.1')).status, 200);
  for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++)
    assert.equal((await login(viaProxy, 'typo@example.com', 'typo', '10.1.0.1')).status, 401);
});

/** Password hashes this process ran so far (the per-process counter at /metrics). */
async function hashesRun(): Promise<number> {
  const text = await readMetrics(new Client(t.app));
  return Number(/^password_hashes_total\{outcome="run"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

test('past the per-address limit, every sign-in from that address gets 429 without a password check; other addresses are unaffected', async () => {
  await new Client(t.app).signUp('Shared Office', 'office@example.com', 'the right password');
  const busy = '198.51.100.7';
  for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
    assert.equal((await login(viaProxy, `nobody${i}@example.com`, 'guess', busy)).status, 401, `guess ${i}`);
  }
  const hashesBefore = await hashesRun();
  const throttled = await login(viaProxy, 'nobody-else@example.com', 'guess', busy);
  assert.equal(throttled.status, 429);
  assert.ok(Number(throttled.headers.get('retry-after')) > 0);
  assert.match(((await throttled.json()) as { error: { message: string } }).error.message, /Forgot password/);
  assert.equal(
    (await login(viaProxy, 'office@example.com', 'wrong', busy)).status,
    429,
    'a wrong password for a real account: same answer as an unknown one',
  );
  assert.equal((await login(viaProxy, 'office@example.com', 'the right password', busy)).status, 429);
  assert.equal(await hashesRun(), hashesBefore, 'no password was hashed for a request over the limit');
  assert.equal(
    (await login(viaProxy, 'nobody-else@example.com', 'guess', '203.0.113.9')).status,
    401,
    'another client address is not blocked',
  );
  assert.equal(await hashesRun(), hashesBefore + 1, 'one check for the request under the limit');
});

test('a locked account costs no password hash either', async () => {
  await new Client(t.app).signUp('Locked', 'locked@example.com', 'the right password');
  for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++)
    await login(viaProxy, 'locked@example.com', `wrong ${i}`, '10.3.0.1');
  const before = await hashesRun();
  for (let i = 0; i < 5; i++)
    assert.equal((await login(viaProxy, 'locked@example.com', `again ${i}`, `10.3.1.${i}`)).status, 429);
  assert.equal(await hashesRun(), before);
});

test('TRUST_PROXY=1 believes only the entry our proxy appended: a client-written X-Forwarded-For prefix does not dodge the address limit', async () => {
  const attacker = '192.0.2.66';
  for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
    await login(viaProxy, `spray${i}@example.com`, 'guess', `10.9.9.${i}, ${attacker}`);
  }
  assert.equal((await login(viaProxy, 'spray-last@example.com', 'guess', `172.16.0.1, ${attacker}`)).status, 429);
});

test('TRUST_PROXY=0 (default) ignores X-Forwarded-For: a forged header does not give a fresh address', async () => {
  // On app.request() every request has the same (unknown) socket peer.
  for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
    await login(t, `forge${i}@example.com`, 'guess', `10.7.0.${i}`);
  }
  assert.equal((await login(t, 'forge-last@example.com', 'guess', '10.7.1.1')).status, 429);
});
