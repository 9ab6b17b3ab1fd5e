/**
 * Migration 0009 on a database that already holds data from before it: a signed-in person stays
 * signed in (their session gets its idle limit), and a sign-up link mailed before the upgrade —
 * whose row carried the password typed at sign-up, perhaps by an attacker — still works, with the
 * password chosen on the confirmation step; the old hash is gone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from '../src/db/orm.ts';
import { sessions, users } from '../src/db/schema.ts';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { hashPassword } from '../src/auth/passwordHashing.ts';
import { Client, createTestApp, type TestApp } from './helpers/testApp.ts';
import { openDatabaseBefore, type TestDatabase } from './helpers/testDatabase.ts';

let database: Database;
let drop: () => Promise<void> = async () => {};
let t: TestApp;
const userId = randomUUID();
const sessionToken = randomBytes(32).toString('base64url');
const signupToken = randomBytes(32).toString('base64url');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

before(async () => {
  ({ database, drop } = await openDatabaseBefore('0009'));
  // Data written before 0009.
  await database.withSession(async (session) => {
    const hash = await hashPassword('an old long password');
    await session.query(
      `INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'ada@old.example', 'Ada', $2)`,
      [userId, hash],
    );
    await session.query(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, 'csrf-old', now() + interval '20 days')`,
      [sha256(sessionToken), userId],
    );
    // A pending sign-up whose password was typed by whoever signed up.
    await session.query(
      `INSERT INTO signup_confirmations (token_hash, email, name, password_hash, expires_at) VALUES ($1, 'vera@old.example', 'Mallory', $2, now() + interval '20 hours')`,
      [sha256(signupToken), await hashPassword('the attacker’s password')],
    );
  });
  const report = await migrate(database);
  assert.ok(report.applied.includes('0009_accounts_and_mail_quota'));
  const testDb: TestDatabase = { database, url: undefined, close: async () => {} };
  t = await createTestApp({ testDb });
});
after(async () => {
  await t.close();
  await database.close();
  await drop();
});

test('a session from before the upgrade stays signed in, and now ends after 14 idle days as well', async () => {
  const response = await t.app.request('http://localhost:3000/api/me', {
    headers: { cookie: `ekos_session=${sessionToken}` },
  });
  assert.equal(response.status, 200);
  const [row] = await database.db.select().from(sessions).where(eq(sessions.userId, userId));
  const idleDays = (row!.idleExpiresAt.getTime() - Date.now()) / 86_400_000;
  assert.ok(idleDays > 13.9 && idleDays <= 14.01, `${idleDays} days`);
});

test('a sign-up link mailed before the upgrade still works, with the password and name chosen now; the typed-in hash is gone', async () => {
  const columns = await database.db.query<{ column_name: string }>(
    sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'signup_confirmations'`,
  );
  assert.ok(!columns.some((c) => c.column_name === 'password_hash'));
  const vera = new Client(t.app);
  const page = await (await vera.get(`/signup/confirm?token=${signupToken}`)).text();
  assert.match(page, /value="Mallory"/, 'the typed name is only an editable suggestion');
  const confirmed = await vera.api('POST', '/api/auth/confirm', {
    token: signupToken,
    password: 'vera’s own password',
    name: 'Vera',
  });
  assert.equal(confirmed.status, 201);
  const [account] = await database.db.select().from(users).where(eq(users.email, 'vera@old.example'));
  assert.equal(account!.name, 'Vera');
  const login = (password: string) =>
    new Client(t.app).api('POST', '/api/auth/login', { email: 'vera@old.example', password });
  assert.equal((await login('the attacker’s password')).status, 401);
  assert.equal((await login('vera’s own password')).status, 200);
});
