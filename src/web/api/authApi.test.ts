import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eq } from '../../db/orm.ts';
import { mailMessages, mailQuota, sessions, signupConfirmations, users } from '../../db/schema.ts';
import { createAccount } from '../../auth/accounts.ts';
import { SIGNUP_ACCEPTED } from '../../auth/signupConfirmations.ts';
import { ACCOUNT_MAILS_PER_MAILBOX_HOUR } from '../../mail/mailGate.ts';
import {
  BASE,
  Client,
  confirmationTokenIn,
  createTestApp,
  latestConfirmationToken,
  type TestApp,
} from '../../../test/helpers/testApp.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const SIGNUP_BODY = { status: 'confirmation_sent', message: SIGNUP_ACCEPTED.message };

const mailsTo = (email: string) =>
  t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email));
const countRows = async (table: typeof users | typeof sessions | typeof signupConfirmations) =>
  (await t.deps.database.db.select().from(table)).length;

/** A client that already holds the pre-session CSRF cookie, so any later Set-Cookie is the sign-up's. */
async function freshClient(): Promise<Client> {
  const client = new Client(t.app);
  await client.get('/signin');
  return client;
}

async function tokenFor(email: string): Promise<string> {
  const token = await latestConfirmationToken(t.deps.database.db, email);
  assert.ok(token, `a confirmation mail to ${email}`);
  return token;
}

test('sign-up answers 202 without a session; the mailed link confirms with the password and name chosen then: account created, signed in (HttpOnly, SameSite=Lax), no token in /api/me', async () => {
  const client = await freshClient();
  const response = await client.api('POST', '/api/auth/signup', { name: 'Aino', email: 'Aino@Example.com' });
  assert.equal(response.status, 202);
  assert.deepEqual(await response.json(), SIGNUP_BODY);
  assert.deepEqual(response.headers.getSetCookie(), []);
  assert.equal((await client.api('GET', '/api/me')).status, 401);
  assert.equal(
    (await t.deps.database.db.select().from(users).where(eq(users.email, 'aino@example.com'))).length,
    0,
    'no account before the link',
  );

  const [mail] = await mailsTo('aino@example.com');
  assert.equal(mail!.subject, 'Confirm your email for Ekosistem App');
  const token = confirmationTokenIn(mail!.textBody)!;
  assert.match(mail!.textBody, new RegExp(`${BASE}/signup/confirm\\?token=${token}`));
  assert.equal(confirmationTokenIn(mail!.htmlBody), token);
  const [pending] = await t.deps.database.db
    .select()
    .from(signupConfirmations)
    .where(eq(signupConfirmations.email, 'aino@example.com'));
  assert.equal(
    pending!.tokenHash,
    createHash('sha256').update(token).digest('hex'),
    'only the SHA-256 of the token is kept',
  );
  assert.equal(pending!.expiresAt.getTime() - pending!.createdAt.getTime(), 24 * 3600 * 1000);
  assert.doesNotMatch(mail!.textBody + mail!.htmlBody, /Aino\b/, 'nothing typed at sign-up is in the mail');

  const confirm = await client.api('POST', '/api/auth/confirm', {
    token,
    password: 'long enough pass',
    name: 'Aino Virtanen',
  });
  assert.equal(confirm.status, 201);
  const { user } = (await confirm.json()) as { user: { id: string; name: string; email: string } };
  assert.deepEqual({ name: user.name, email: user.email }, { name: 'Aino Virtanen', email: 'aino@example.com' });
  const cookie = confirm.headers.getSetCookie().find((c) => c.startsWith('ekos_session='));
  assert.ok(cookie);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/, 'http base URL: no Secure flag');
  const me = await client.api('GET', '/api/me');
  assert.equal(me.status, 200);
  const body = (await me.json()) as { user: { id: string; email: string }; zoom: { status: string } };
  assert.equal(body.user.id, user.id);
  assert.equal(body.zoom.status, 'not_connected');
  const [row] = await t.deps.database.db.select().from(users).where(eq(users.email, 'aino@example.com'));
  assert.match(row!.passwordHash, /^scrypt\$/);
  const login = await new Client(t.app).api('POST', '/api/auth/login', {
    email: 'aino@example.com',
    password: 'long enough pass',
  });
  assert.equal(login.status, 200, 'the password chosen on the confirmation step is the account’s');
  assert.equal(
    t.logLines.some((line) => line.includes(token)),
    false,
    'the token is never logged',
  );
});

test('a taken email answers exactly like a new one, creates nothing, and mails its owner a notice with no link that grants anything', async () => {
  const owner = new Client(t.app);
  const { id: ownerId } = await owner.signUp('Taken', 'taken@example.com', 'the owner’s password');
  const [usersBefore, sessionsBefore, pendingBefore] = [
    await countRows(users),
    await countRows(sessions),
    await countRows(signupConfirmations),
  ];
  const mailsBefore = (await mailsTo('taken@example.com')).length;

  const stranger = await freshClient();
  const taken = await stranger.api('POST', '/api/auth/signup', { name: 'Mallory', email: 'TAKEN@example.com' });
  const fresh = await (await freshClient()).api('POST', '/api/auth/signup', {
    name: 'Newt',
    email: 'newt@example.com',
  });
  assert.equal(taken.status, fresh.status);
  assert.equal(taken.status, 202);
  assert.deepEqual(await taken.json(), await fresh.json());
  assert.equal(taken.headers.get('content-type'), fresh.headers.get('content-type'));
  assert.deepEqual(taken.headers.getSetCookie(), []);
  assert.deepEqual(fresh.headers.getSetCookie(), []);
  assert.equal((await stranger.api('GET', '/api/me')).status, 401);

  assert.equal(await countRows(users), usersBefore, 'no account');
  assert.equal(await countRows(sessions), sessionsBefore, 'no session');
  assert.equal(
    await countRows(signupConfirmations),
    pendingBefore + 1,
    'only the new email has a pending confirmation',
  );
  const [account] = await t.deps.database.db.select().from(users).where(eq(users.email, 'taken@example.com'));
  assert.equal(account!.id, ownerId);
  assert.equal(account!.name, 'Taken', 'the account is unchanged');

  const notices = (await mailsTo('taken@example.com')).slice(mailsBefore);
  assert.equal(notices.length, 1);
  assert.equal(notices[0]!.subject, 'Someone tried to sign up with your email');
  assert.match(notices[0]!.textBody, /if it was you, sign in/i);
  assert.equal(confirmationTokenIn(notices[0]!.textBody + notices[0]!.htmlBody), undefined, 'no confirmation link');
  assert.deepEqual(
    [...(notices[0]!.textBody + notices[0]!.htmlBody).matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0]),
    [`${BASE}/signin`, `${BASE}/signin`],
    'the only link is the sign-in page',
  );
  const oldPassword = await new Client(t.app).api('POST', '/api/auth/login', {
    email: 'taken@example.com',
    password: 'the owner’s password',
  });
  assert.equal(oldPassword.status, 200);
});

test('a confirmation token works once; a used, expired, unknown or malformed token answers 400 invalid_confirmation and signs nobody in', async () => {
  const client = new Client(t.app);
  assert.equal((await client.api('POST', '/api/auth/signup', { name: 'Once', email: 'once@example.com' })).status, 202);
  const token = await tokenFor('once@example.com');
  const choice = { password: 'once long password', name: 'Once' };
  assert.equal((await client.api('POST', '/api/auth/confirm', { token, ...choice })).status, 201);
  const expectInvalid = async (fields: { token: string }, why: string) => {
    const body = { ...fields, ...choice };
    const other = new Client(t.app);
    const response = await other.api('POST', '/api/auth/confirm', body);
    assert.equal(response.status, 400, why);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_confirmation', why);
    assert.equal(
      response.headers.getSetCookie().some((c) => c.startsWith('ekos_session=')),
      false,
      why,
    );
  };
  await expectInvalid({ token }, 'used');
  await expectInvalid({ token: 'A'.repeat(43) }, 'unknown');
  await expectInvalid({ token: 'not a token' }, 'malformed');
  await expectInvalid({ token: '' }, 'empty');

  assert.equal((await client.api('POST', '/api/auth/signup', { name: 'Late', email: 'late@example.com' })).status, 202);
  const late = await tokenFor('late@example.com');
  await t.deps.database.db
    .update(signupConfirmations)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(signupConfirmations.email, 'late@example.com'));
  await expectInvalid({ token: late }, 'expired');
  assert.equal((await t.deps.database.db.select().from(users).where(eq(users.email, 'late@example.com'))).length, 0);
});

test('confirming for an email that got an account meanwhile answers 409 account_exists, creates nothing and signs nobody in', async () => {
  const client = new Client(t.app);
  await client.api('POST', '/api/auth/signup', { name: 'Race', email: 'race@example.com' });
  const token = await tokenFor('race@example.com');
  const choice = { token, password: 'race long password', name: 'Race' };
  const existing = await createAccount(t.deps.database.db, {
    name: 'Seeded',
    email: 'race@example.com',
    password: 'seeded password',
  });
  const response = await client.api('POST', '/api/auth/confirm', choice);
  assert.equal(response.status, 409);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'account_exists');
  assert.equal(
    response.headers.getSetCookie().some((c) => c.startsWith('ekos_session=')),
    false,
  );
  const rows = await t.deps.database.db.select().from(users).where(eq(users.email, 'race@example.com'));
  assert.deepEqual(
    rows.map((r) => [r.id, r.name]),
    [[existing.id, 'Seeded']],
  );
  assert.equal((await client.api('POST', '/api/auth/confirm', choice)).status, 400, 'the token is used up');
});

test('sign-up mails per mailbox are capped (3 an hour, new or taken email alike, +tags folded); past the cap the answer is the same and nothing is sent', async () => {
  const client = new Client(t.app);
  for (const mailbox of ['capped@example.com', 'taken@example.com']) {
    const [local, domain] = mailbox.split('@');
    await t.deps.database.db.delete(mailQuota).where(eq(mailQuota.key, `signup:${mailbox}`));
    const before = (await mailsTo(mailbox)).length;
    for (let i = 0; i < ACCOUNT_MAILS_PER_MAILBOX_HOUR + 2; i++) {
      const response = await client.api('POST', '/api/auth/signup', { name: 'Spam', email: mailbox });
      assert.equal(response.status, 202);
      assert.deepEqual(await response.json(), SIGNUP_BODY);
    }
    assert.equal((await mailsTo(mailbox)).length - before, ACCOUNT_MAILS_PER_MAILBOX_HOUR, mailbox);
    // Other spellings of the same mailbox are the same mailbox.
    for (const alias of [`${local}+1@${domain}`, `${local!.toUpperCase()}+x@${domain}`])
      assert.equal((await client.api('POST', '/api/auth/signup', { name: 'Spam', email: alias })).status, 202);
    assert.equal((await mailsTo(`${local}+1@${domain}`)).length, 0, '+tag folded');
    // An hour later the mailbox may receive sign-up mail again.
    await t.deps.database.db
      .update(mailQuota)
      .set({ windowEndsAt: new Date(Date.now() - 1000) })
      .where(eq(mailQuota.key, `signup:${mailbox}`));
    await client.api('POST', '/api/auth/signup', { name: 'Again', email: mailbox });
    assert.equal((await mailsTo(mailbox)).length - before, ACCOUNT_MAILS_PER_MAILBOX_HOUR + 1, mailbox);
  }
  assert.equal(
    (
      await t.deps.database.db
        .select()
        .from(signupConfirmations)
        .where(eq(signupConfirmations.email, 'capped@example.com'))
    ).length,
    ACCOUNT_MAILS_PER_MAILBOX_HOUR + 1,
    'capped attempts store nothing',
  );
});

test('the confirmation mail carries nothing the signer typed; the confirmation page suggests the name, escaped; the mail is a queued job', async () => {
  const client = new Client(t.app);
  await client.api('POST', '/api/auth/signup', { name: '<b>Eve</b>', email: 'eve-html@example.com' });
  const [mail] = await mailsTo('eve-html@example.com');
  assert.doesNotMatch(mail!.textBody + mail!.htmlBody, /Eve/);
  const page = await (await client.get(`/signup/confirm?token=${confirmationTokenIn(mail!.textBody)}`)).text();
  assert.match(page, /value="&lt;b&gt;Eve&lt;\/b&gt;"/);
  assert.doesNotMatch(page, /<b>Eve/);
  assert.equal(mail!.status, 'queued');
  await t.queue.runDueJobs();
  const [delivered] = await mailsTo('eve-html@example.com');
  assert.notEqual(delivered!.status, 'queued');
});

test('bad sign-up input answers 400 naming the field and writes nothing (no account, no confirmation, no mail)', async () => {
  const client = new Client(t.app);
  const cases: [unknown, string][] = [
    [{ name: 'X', email: 'not-an-email' }, 'email'],
    [{ name: 'X', email: 'x1@example.com', password: 'a password chosen too early' }, 'password'],
    [{ name: '', email: 'x2@example.com' }, 'name'],
    [{ name: '\u202E\u0007', email: 'x5@example.com' }, 'name'],
    [{ name: 'X', email: 'x3@example.com', admin: true }, 'admin'],
    [{ name: 'X'.repeat(101), email: 'x4@example.com' }, 'name'],
  ];
  const before = (await t.deps.database.db.select().from(users)).length;
  const pendingBefore = await countRows(signupConfirmations);
  const mailBefore = (await t.deps.database.db.select().from(mailMessages)).length;
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
  assert.equal(await countRows(signupConfirmations), pendingBefore);
  assert.equal((await t.deps.database.db.select().from(mailMessages)).length, mailBefore);
});

test('confirming with a bad password or name answers 400 naming the field and keeps the token usable', async () => {
  const client = new Client(t.app);
  await client.api('POST', '/api/auth/signup', { name: 'Bad', email: 'bad-choice@example.com' });
  const token = await tokenFor('bad-choice@example.com');
  for (const [body, field] of [
    [{ token, password: 'short', name: 'Bad' }, 'password'],
    [{ token, password: 'long enough pass', name: ' ' }, 'name'],
    [{ token, name: 'Bad' }, 'password'],
  ] as const) {
    const response = await client.api('POST', '/api/auth/confirm', body);
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.match(((await response.json()) as { error: { message: string } }).error.message, new RegExp(field));
  }
  assert.equal(
    (await client.api('POST', '/api/auth/confirm', { token, password: 'long enough pass', name: 'Bad' })).status,
    201,
  );
});

test('login: wrong password 401; after 5 failures the account is throttled (429 with Retry-After) even with the right password', async () => {
  const owner = new Client(t.app);
  await owner.signUp('C', 'c@example.com', 'the right password');
  const attacker = new Client(t.app);
  for (let i = 0; i < 5; i++) {
    const response = await attacker.api('POST', '/api/auth/login', { email: 'c@example.com', password: `wrong ${i}` });
    assert.equal(response.status, 401);
    if (i === 0)
      assert.match(
        ((await response.json()) as { error: { message: string } }).error.message,
        /If you just signed up, confirm your email first/,
      );
  }
  const locked = await attacker.api('POST', '/api/auth/login', {
    email: 'c@example.com',
    password: 'the right password',
  });
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

test('the OpenAPI document shows sign-up’s one 202 answer and the confirm step', async () => {
  const doc = (await (await new Client(t.app).get('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  const signup = doc.paths['/auth/signup']!.post!;
  assert.ok(signup.responses['202']);
  assert.equal(signup.responses['201'], undefined, 'sign-up no longer creates an account');
  assert.ok(doc.paths['/auth/confirm']!.post!.responses['201']);
  assert.deepEqual(Object.keys(doc.components.schemas.SignupAccepted!.properties!), ['status', 'message']);
  assert.deepEqual(Object.keys(doc.components.schemas.Signup!.properties!), ['name', 'email', 'locale', 'timezone']);
  assert.deepEqual(Object.keys(doc.components.schemas.ConfirmSignup!.properties!), ['token', 'password', 'name']);
  for (const path of [
    '/auth/logout-everywhere',
    '/auth/password',
    '/auth/password-reset',
    '/auth/password-reset/confirm',
  ])
    assert.ok(doc.paths[path]?.post, path);
  assert.ok(doc.paths['/auth/password-reset']!.post!.responses['202']);
});
