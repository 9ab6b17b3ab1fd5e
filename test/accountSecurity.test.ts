/**
 * Accounts only their owners control (docs/product.md §2), written as the attacks: an account taken before
 * its owner makes it (the attacker signs up first with the victim's email and a password of their
 * own), a lock anyone can put on an account, and sessions that nothing ends. Through the HTTP
 * surface, on PGlite and on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq, like } from '../src/db/orm.ts';
import { mailMessages, sessions, users } from '../src/db/schema.ts';
import { Client, confirmationTokenIn, createTestApp, resetTokenIn, type TestApp } from './helpers/testApp.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

/**
 * Sends `body`; if the API refuses a field it does not take (an older or newer shape of the same
 * step), sends it again without the fields named in `optional`. The attack stays the same
 * whichever shape of the API it meets.
 */
async function post(client: Client, path: string, body: Record<string, unknown>, optional: string[]) {
  const first = await client.api('POST', path, body);
  if (first.status !== 400) return first;
  const text = await first.clone().text();
  if (!/unknown field|Unrecognized key|password|name/i.test(text)) return first;
  const trimmed = Object.fromEntries(Object.entries(body).filter(([key]) => !optional.includes(key)));
  const second = await client.api('POST', path, trimmed);
  return second.status === 400 ? first : second;
}

/** Confirmation links mailed to `email`, oldest first. */
async function confirmationLinks(email: string): Promise<string[]> {
  const rows = await t.deps.database.db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, email), like(mailMessages.textBody, '%/signup/confirm?token=%')))
    .orderBy(asc(mailMessages.createdAt));
  return rows.map((r) => confirmationTokenIn(r.text)!);
}

async function latestResetToken(email: string): Promise<string> {
  const rows = await t.deps.database.db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, email), like(mailMessages.textBody, '%/password-reset?token=%')))
    .orderBy(asc(mailMessages.createdAt));
  const token = rows.length ? resetTokenIn(rows[rows.length - 1]!.text) : undefined;
  assert.ok(token, `a password-reset mail to ${email}`);
  return token;
}

const login = (email: string, password: string) =>
  new Client(t.app).api('POST', '/api/auth/login', { email, password });

for (const opened of ['the attacker’s (older) mail', 'the victim’s own (newer) mail'] as const) {
  test(`pre-hijack: the attacker signs up first with the victim’s email; the victim confirms from ${opened}; the attacker cannot sign in`, async () => {
    const victimEmail = opened.startsWith('the attacker') ? 'vera@example.com' : 'veikko@example.com';
    const attacker = new Client(t.app);
    const attackersPassword = 'mallory chose this one';
    const victimsPassword = 'the victim’s own passphrase';
    // The attacker, first, with a password of their own if the API takes one at sign-up.
    const first = await post(
      attacker,
      '/api/auth/signup',
      { name: 'Mallory', email: victimEmail, password: attackersPassword },
      ['password'],
    );
    assert.equal(first.status, 202);
    // The victim signs up too; both confirmation mails land in the victim's mailbox.
    const victim = new Client(t.app);
    const second = await post(
      victim,
      '/api/auth/signup',
      { name: 'Vera', email: victimEmail, password: victimsPassword },
      ['password'],
    );
    assert.equal(second.status, 202);
    const links = await confirmationLinks(victimEmail);
    assert.equal(links.length, 2, 'two confirmation mails, both to the victim');
    const token = opened.startsWith('the attacker') ? links[0]! : links[1]!;

    // Opening the link changes nothing (checked below: the token still confirms).
    const page = await victim.get(`/signup/confirm?token=${token}`);
    assert.equal(page.status, 200);
    const pageHtml = await page.text();
    const confirmed = await post(
      victim,
      '/api/auth/confirm',
      { token, password: victimsPassword, name: 'Vera Victim' },
      ['password', 'name'],
    );
    assert.equal(confirmed.status, 201, await confirmed.clone().text());

    assert.equal((await login(victimEmail, attackersPassword)).status, 401, 'the attacker’s password opens nothing');
    assert.equal((await login(victimEmail, victimsPassword)).status, 200, 'the victim’s password is the account’s');
    // The other link died with the confirmation.
    const other = opened.startsWith('the attacker') ? links[1]! : links[0]!;
    const stale = await attacker.api('POST', '/api/auth/confirm', {
      token: other,
      password: attackersPassword,
      name: 'Mallory',
    });
    assert.equal(stale.status, 400);
    assert.equal((await attacker.api('GET', '/api/me')).status, 401);
    const [account] = await t.deps.database.db.select().from(users).where(eq(users.email, victimEmail));
    assert.equal(account!.name, 'Vera Victim', 'nothing typed at sign-up became the account’s');
    assert.equal(((await confirmed.json()) as { user: { name: string } }).user.name, 'Vera Victim');
    assert.match(pageHtml, /type="password" name="password"/, 'the confirmation page asks for the password');
  });
}

test('the sign-in lock anyone can trigger never keeps the owner out: the reset link lifts it, ends every other session, and works once', async () => {
  const owner = new Client(t.app);
  await owner.signUp('Olli Owner', 'olli@example.com', 'the first password');
  // Someone else holds a session (an old laptop, a stolen cookie).
  const thief = new Client(t.app);
  assert.equal(
    (await thief.api('POST', '/api/auth/login', { email: 'olli@example.com', password: 'the first password' })).status,
    200,
  );
  // Anyone can lock the account with wrong passwords.
  for (let i = 0; i < 6; i++) await login('olli@example.com', `guess ${i}`);
  assert.equal((await login('olli@example.com', 'the first password')).status, 429, 'locked');

  const asked = await new Client(t.app).api('POST', '/api/auth/password-reset', { email: 'OLLI@example.com' });
  const unknown = await new Client(t.app).api('POST', '/api/auth/password-reset', { email: 'nobody@example.com' });
  assert.equal(asked.status, 202);
  assert.deepEqual(await asked.json(), await unknown.json(), 'the same answer for an unknown email');
  assert.equal(
    (await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'nobody@example.com')))
      .length,
    0,
  );
  const token = await latestResetToken('olli@example.com');

  // GET shows the form and uses nothing (mail scanners open links).
  const reader = new Client(t.app);
  const page = await reader.get(`/password-reset?token=${token}`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /type="password" name="password"/);
  const confirmed = await reader.api('POST', '/api/auth/password-reset/confirm', {
    token,
    password: 'a brand new password',
  });
  assert.equal(confirmed.status, 200, await confirmed.clone().text());
  assert.equal((await reader.api('GET', '/api/me')).status, 200, 'signed in by the reset');
  assert.equal((await thief.api('GET', '/api/me')).status, 401, 'every other session ended');
  assert.equal((await owner.api('GET', '/api/me')).status, 401);
  assert.equal((await login('olli@example.com', 'a brand new password')).status, 200, 'the lock is lifted');
  assert.equal((await login('olli@example.com', 'the first password')).status, 401);
  const again = await new Client(t.app).api('POST', '/api/auth/password-reset/confirm', {
    token,
    password: 'the attacker’s try',
  });
  assert.equal(again.status, 400, 'the link works once');
  assert.equal(await errorCode(again), 'invalid_reset');
});

test('changing the password ends the other sessions and keeps this one; a wrong current password counts toward the lock', async () => {
  const here = new Client(t.app);
  await here.signUp('Pia', 'pia@example.com', 'pia first password');
  const elsewhere = new Client(t.app);
  await elsewhere.api('POST', '/api/auth/login', { email: 'pia@example.com', password: 'pia first password' });
  const wrong = await here.api('POST', '/api/auth/password', {
    currentPassword: 'not it',
    newPassword: 'pia second password',
  });
  assert.equal(wrong.status, 400);
  assert.equal(await errorCode(wrong), 'wrong_password');
  assert.equal((await elsewhere.api('GET', '/api/me')).status, 200, 'nothing ended on a wrong password');
  const changed = await here.api('POST', '/api/auth/password', {
    currentPassword: 'pia first password',
    newPassword: 'pia second password',
  });
  assert.equal(changed.status, 204);
  assert.equal((await here.api('GET', '/api/me')).status, 200, 'this session stays');
  assert.equal((await elsewhere.api('GET', '/api/me')).status, 401, 'the other one ended');
  assert.equal((await login('pia@example.com', 'pia second password')).status, 200);
  // A stolen session cannot guess the password: wrong guesses lock the account like sign-ins do.
  for (let i = 0; i < 5; i++)
    await here.api('POST', '/api/auth/password', { currentPassword: `guess ${i}`, newPassword: 'pia third password!' });
  const locked = await here.api('POST', '/api/auth/password', {
    currentPassword: 'pia second password',
    newPassword: 'pia third password!',
  });
  assert.equal(locked.status, 429);
});

test('sign out everywhere ends every session of the account, this one included', async () => {
  const phone = new Client(t.app);
  await phone.signUp('Sami', 'sami@example.com', 'sami long password');
  const laptop = new Client(t.app);
  await laptop.api('POST', '/api/auth/login', { email: 'sami@example.com', password: 'sami long password' });
  const other = new Client(t.app);
  await other.signUp('Other', 'other-person@example.com');
  assert.equal((await laptop.api('POST', '/api/auth/logout-everywhere')).status, 204);
  assert.equal((await laptop.api('GET', '/api/me')).status, 401);
  assert.equal((await phone.api('GET', '/api/me')).status, 401);
  assert.equal((await other.api('GET', '/api/me')).status, 200, 'other people stay signed in');
  assert.equal((await new Client(t.app).api('POST', '/api/auth/logout-everywhere')).status, 401);
});

test('a session ends 14 days after its last use and 30 days after sign-in; using it moves the idle limit', async () => {
  const client = new Client(t.app);
  const { id } = await client.signUp('Ilona', 'ilona@example.com');
  const [row] = await t.deps.database.db.select().from(sessions).where(eq(sessions.userId, id));
  const day = 86_400_000;
  assert.ok(Math.abs(row!.expiresAt.getTime() - row!.createdAt.getTime() - 30 * day) < 5000, '30 days after sign-in');
  assert.ok(Math.abs(row!.idleExpiresAt.getTime() - Date.now() - 14 * day) < 60_000, '14 days after last use');

  // Last used 13 days ago: still live, and this use moves the idle limit 14 days ahead.
  await t.deps.database.db
    .update(sessions)
    .set({ idleExpiresAt: new Date(Date.now() + day) })
    .where(eq(sessions.userId, id));
  assert.equal((await client.get('/ecosystems')).status, 200);
  const [used] = await t.deps.database.db.select().from(sessions).where(eq(sessions.userId, id));
  assert.ok(used!.idleExpiresAt.getTime() > Date.now() + 13 * day, 'moved forward by the use');

  // Unused for 14 days: ended, for pages and the API alike.
  await t.deps.database.db
    .update(sessions)
    .set({ idleExpiresAt: new Date(Date.now() - 1000) })
    .where(eq(sessions.userId, id));
  assert.equal((await client.api('GET', '/api/me')).status, 401);
  assert.equal((await client.get('/ecosystems')).status, 303);

  // In use every day, but signed in 30 days ago: ended.
  await client.api('POST', '/api/auth/login', { email: 'ilona@example.com', password: 'correct horse battery' });
  await t.deps.database.db
    .update(sessions)
    .set({ expiresAt: new Date(Date.now() - 1000), idleExpiresAt: new Date(Date.now() + 10 * day) })
    .where(eq(sessions.userId, id));
  assert.equal((await client.api('GET', '/api/me')).status, 401);
});

test('the pages: sign-in offers “Forgot password?”; the reset page asks for the new password; the account page changes it and signs out everywhere', async () => {
  const person = new Client(t.app);
  await person.signUp('Paula Pages', 'paula@example.com', 'paula long password');
  const signIn = await (await new Client(t.app).get('/signin')).text();
  assert.match(signIn, /<a href="\/password-reset">Forgot password\?<\/a>/);

  const visitor = new Client(t.app);
  const csrf = await visitor.csrfToken('/password-reset');
  const asked = await visitor.form('/password-reset', { email: 'paula@example.com' }, csrf);
  assert.equal(asked.status, 303);
  assert.equal(asked.headers.get('location'), '/password-reset/sent');
  const token = await latestResetToken('paula@example.com');
  const form = await visitor.get(`/password-reset?token=${token}`);
  const html = await form.text();
  assert.match(html, /New password/);
  const short = await visitor.form('/password-reset/confirm', { token, password: 'short' });
  assert.equal(short.status, 400, 'a too-short password is shown on the form, and the link still works');
  const saved = await visitor.form('/password-reset/confirm', { token, password: 'paula new password' });
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), '/ecosystems?notice=password_reset');
  assert.equal((await person.api('GET', '/api/me')).status, 401, 'the old session ended');

  const account = await (await visitor.get('/account')).text();
  assert.match(account, /Change password/);
  assert.match(account, /Sign out everywhere/);
  const accountCsrf = await visitor.csrfToken('/account');
  const changed = await visitor.form(
    '/account/password',
    { currentPassword: 'paula new password', newPassword: 'paula newer password' },
    accountCsrf,
  );
  assert.equal(changed.status, 303);
  assert.equal(changed.headers.get('location'), '/account?notice=password_changed');
  const out = await visitor.form('/account/signout-everywhere', {}, accountCsrf);
  assert.equal(out.status, 303);
  assert.equal((await visitor.api('GET', '/api/me')).status, 401);
  assert.equal((await login('paula@example.com', 'paula newer password')).status, 200);
});
