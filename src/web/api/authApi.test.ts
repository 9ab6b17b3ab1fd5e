import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { Client, createTestApp, type TestApp } from '../../../test/helpers/testApp.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('sign up starts a session: cookie is HttpOnly and SameSite=Lax; /api/me shows the user and no token', async () => {
  const client = new Client(t.app);
  const response = await client.api('POST', '/api/auth/signup', { name: 'Aino', email: 'Aino@Example.com', password: 'long enough pass' });
  assert.equal(response.status, 201);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ekos_session='));
  assert.ok(cookie);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/, 'http base URL: no Secure flag');
  const me = await client.api('GET', '/api/me');
  assert.equal(me.status, 200);
  const body = (await me.json()) as { user: { email: string }; zoom: { status: string } };
  assert.equal(body.user.email, 'aino@example.com');
  assert.equal(body.zoom.status, 'not_connected');
  const [row] = await t.deps.database.db.select().from(users).where(eq(users.email, 'aino@example.com'));
  assert.match(row!.passwordHash, /^scrypt\$/);
});

test('a second account with the same email is refused with 409 email_taken', async () => {
  const client = new Client(t.app);
  await client.signUp('B', 'dup@example.com');
  const response = await client.api('POST', '/api/auth/signup', { name: 'B2', email: 'DUP@example.com', password: 'another long pass' });
  assert.equal(response.status, 409);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'email_taken');
});

test('bad sign-up input answers 400 naming the field and writes nothing', async () => {
  const client = new Client(t.app);
  const cases: [unknown, string][] = [
    [{ name: 'X', email: 'not-an-email', password: 'long enough pass' }, 'email'],
    [{ name: 'X', email: 'x1@example.com', password: 'short' }, 'password'],
    [{ name: '', email: 'x2@example.com', password: 'long enough pass' }, 'name'],
    [{ name: 'X', email: 'x3@example.com', password: 'long enough pass', admin: true }, 'admin'],
    [{ name: 'X'.repeat(101), email: 'x4@example.com', password: 'long enough pass' }, 'name'],
  ];
  const before = (await t.deps.database.db.select().from(users)).length;
  for (const [body, field] of cases) {
    const response = await client.api('POST', '/api/auth/signup', body);
    assert.equal(response.status, 400, JSON.stringify(body));
    const error = ((await response.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'invalid_input');
    assert.match(error.message, new RegExp(field));
  }
  const malformed = await client.request('/api/auth/signup', {
    method: 'POST',
    headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' },
    body: '{"name":',
  });
  assert.equal(malformed.status, 400);
  assert.equal(((await malformed.json()) as { error: { code: string } }).error.code, 'invalid_json');
  assert.equal((await t.deps.database.db.select().from(users)).length, before);
});

test('login: wrong password 401; after 5 failures the account is throttled (429 with Retry-After) even with the right password', async () => {
  const owner = new Client(t.app);
  await owner.signUp('C', 'c@example.com', 'the right password');
  const attacker = new Client(t.app);
  for (let i = 0; i < 5; i++) {
    const response = await attacker.api('POST', '/api/auth/login', { email: 'c@example.com', password: `wrong ${i}` });
    assert.equal(response.status, 401);
  }
  const locked = await attacker.api('POST', '/api/auth/login', { email: 'c@example.com', password: 'the right password' });
  assert.equal(locked.status, 429);
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
});

test('login then logout: the session stops working', async () => {
  const client = new Client(t.app);
  await client.signUp('D', 'd@example.com', 'd password long');
  const other = new Client(t.app);
  const login = await other.api('POST', '/api/auth/login', { email: 'd@example.com', password: 'd password long' });
  assert.equal(login.status, 200);
  assert.equal((await other.api('GET', '/api/me')).status, 200);
  const cookie = other.cookies.get('ekos_session')!;
  assert.equal((await other.api('POST', '/api/auth/logout')).status, 204);
  const stale = await t.app.request('http://localhost:3000/api/me', { headers: { cookie: `ekos_session=${cookie}` } });
  assert.equal(stale.status, 401);
});

test('state-changing JSON from another origin is refused (403 cross_origin)', async () => {
  const client = new Client(t.app);
  await client.signUp('E', 'e@example.com');
  const response = await client.api('POST', '/api/ecosystems', { name: 'Evil' }, { origin: 'https://evil.example' });
  assert.equal(response.status, 403);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'cross_origin');
  const noOrigin = await client.request('/api/ecosystems', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'No origin' }),
  });
  assert.equal(noOrigin.status, 403);
});
