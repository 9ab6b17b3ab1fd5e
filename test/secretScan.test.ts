/**
 * No secret in plain text (docs/product.md §2, §3.3): run the whole Zoom flow (connect, create, refresh,
 * cancel, disconnect, webhook) plus sign-up, sign-out and sign-in, a password reset and a password
 * change, with every log line captured and the mail delivered over SMTP, then dump every table: no
 * emulator-issued token, authorization code, PKCE verifier, client secret, webhook secret,
 * start_url, password, sign-up, reset or personal-link token appears in any log line, any HTTP response body or
 * header, or the dump — only ciphertext and hashes. Delivered mail keeps no live one-time token
 * (the SMTP server got the links; the stored copies lost their tokens).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from '../src/db/orm.ts';
import { zoomConnections, zoomOauthStates } from '../src/db/schema.ts';
import { tokenAad, verifierAad } from '../src/integrations/zoom/zoomIntegration.ts';
import { signWebhook } from '../src/zoom/webhookSignature.ts';
import {
  Client,
  createTestApp,
  future,
  latestConfirmationToken,
  resetTokenIn,
  type TestApp,
} from './helpers/testApp.ts';
import { startSmtpSink, type SmtpSink } from './helpers/smtpSink.ts';
import { mailMessages } from '../src/db/schema.ts';
import { and, desc, like } from '../src/db/orm.ts';

let t: TestApp;
let smtp: SmtpSink;
before(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ zoom: true, env: { SMTP_URL: smtp.url } });
});
after(async () => {
  await t.close();
  await smtp.close();
});

/** The token of the newest reset link mailed to `email`, read before the mail is delivered. */
async function newestResetToken(email: string): Promise<string> {
  const [row] = await t.deps.database.db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, email), like(mailMessages.textBody, '%/password-reset?token=%')))
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  const token = row && resetTokenIn(row.text);
  assert.ok(token);
  return token;
}

class RecordingClient extends Client {
  readonly seen: string[] = [];
  override async request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await super.request(path, init);
    const copy = response.clone();
    this.seen.push(`${response.status} ${JSON.stringify([...response.headers])} ${await copy.text()}`);
    return response;
  }
}

async function dumpDatabase(): Promise<string> {
  const { db } = t.deps.database;
  const tables = await db.query<{ table_schema: string; table_name: string }>(
    sql`SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_schema, table_name } of tables) {
    const rows = await db.query(sql.raw(`SELECT * FROM "${table_schema}"."${table_name}"`));
    parts.push(`${table_schema}.${table_name} ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

test('no secret reaches a log line, an HTTP response or the database', async () => {
  const vault = t.zoom!.vault;
  const host = new RecordingClient(t.app);
  const password = 'Hana’s very own passphrase 42';
  const { id: userId } = await host.signUp('Hana', 'hana@example.com', password);
  const eco = (await (await host.api('POST', '/api/ecosystems', { name: 'E' })).json()) as { id: string };
  const secrets = new Set<string>([t.emulator!.clientSecret, t.emulator!.webhookSecret, password]);

  // Connect, capturing the verifier (sealed in the state row) and the code (in the redirect).
  const start = await host.get('/integrations/zoom/connect');
  const authorizeUrl = new URL(start.headers.get('location')!);
  const [stateRow] = await t.deps.database.db.select().from(zoomOauthStates);
  secrets.add(vault.open(stateRow!.codeVerifierSealed, verifierAad(stateRow!.stateHash)));
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('email', 'host@demo.ekosistem.app');
  form.set('decision', 'authorize');
  const consent = await fetch(`${t.emulator!.url}/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const callback = new URL(consent.headers.get('location')!);
  secrets.add(callback.searchParams.get('code')!);
  assert.equal((await host.get(`${callback.pathname}${callback.search}`)).status, 200);

  const captureTokens = async () => {
    const [row] = await t.deps.database.db.select().from(zoomConnections).where(eq(zoomConnections.userId, userId));
    if (!row?.accessTokenSealed) return;
    secrets.add(vault.open(row.accessTokenSealed, tokenAad(userId, 'access_token')));
    secrets.add(vault.open(row.refreshTokenSealed!, tokenAad(userId, 'refresh_token')));
  };
  await captureTokens();

  // Use Zoom: a meeting created, a refresh forced (token expired at Zoom), a cancel, a disconnect.
  const created = (await (
    await host.api('POST', `/api/ecosystems/${eco.id}/meetings`, {
      kind: 'booking',
      title: 'Scan me',
      startTime: future(2),
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'zoom' },
      attendeeEmails: ['a@example.com'],
    })
  ).json()) as { id: string; zoom: { status: string } };
  assert.equal(created.zoom.status, 'created');
  // The attendee's personal link (docs/product.md §13.2), read before its mail is delivered.
  const [invitation] = await t.deps.database.db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, 'a@example.com'), like(mailMessages.textBody, '%/respond/%')));
  const personalLink = /\/respond\/([A-Za-z0-9_-]+)/.exec(invitation?.text ?? '')?.[1];
  assert.ok(personalLink, 'the invitation carries a personal link');
  secrets.add(personalLink);
  // The attendee opens it (page and JSON): the token is in the path of both requests.
  const attendee = new RecordingClient(t.app);
  assert.equal((await attendee.get(`/respond/${personalLink}`)).status, 200);
  assert.equal((await attendee.api('GET', `/api/respond/${personalLink}`)).status, 200);
  t.emulator!.control.expireAccessToken(t.emulator!.control.userByEmail('host@demo.ekosistem.app')!.id);
  await host.api('POST', `/api/meetings/${created.id}/reschedule`, { startTime: future(3), durationMinutes: 45 });
  await captureTokens();
  await t.queue.runDueJobs();
  await host.api('POST', `/api/meetings/${created.id}/cancel`);
  await t.queue.runDueJobs();
  await host.get(`/meetings/${created.id}`);
  await host.get(`/ecosystems/${eco.id}/lets-meet/manage`);
  await host.api('GET', '/api/me');
  await captureTokens();
  const connectedDump = await dumpDatabase();
  await host.api('POST', '/integrations/zoom/disconnect');
  // Zoom's app_deauthorized for that user, as Zoom signs it (a no-op now: already disconnected).
  const zoomUser = t.emulator!.control.userByEmail('host@demo.ekosistem.app')!;
  const event = JSON.stringify({
    event: 'app_deauthorized',
    event_ts: Date.now(),
    payload: {
      account_id: zoomUser.accountId,
      user_id: zoomUser.id,
      signature: 'x',
      deauthorization_time: new Date().toISOString(),
      client_id: 'c',
    },
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const webhook = await host.request('/integrations/zoom/webhook', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zm-request-timestamp': ts,
      'x-zm-signature': signWebhook(t.emulator!.webhookSecret, ts, event),
    },
    body: event,
  });
  assert.equal(webhook.status, 200);
  // Sign out and in again: the password travels once more.
  await host.api('POST', '/api/auth/logout');
  assert.equal((await host.api('POST', '/api/auth/login', { email: 'hana@example.com', password })).status, 200);
  assert.equal(
    (await host.api('POST', '/api/auth/login', { email: 'hana@example.com', password: `${password}!` })).status,
    401,
  );
  // A sign-up left unconfirmed and a reset link left unused: live tokens in mail being delivered.
  assert.equal((await host.api('POST', '/api/auth/signup', { name: 'Later', email: 'later@example.com' })).status, 202);
  const liveSignup = (await latestConfirmationToken(t.deps.database.db, 'later@example.com'))!;
  // A reset used, then a password change; and one more reset link, left live.
  assert.equal((await host.api('POST', '/api/auth/password-reset', { email: 'hana@example.com' })).status, 202);
  const usedReset = await newestResetToken('hana@example.com');
  const reset = 'Hana’s password after the reset';
  assert.equal(
    (await host.api('POST', '/api/auth/password-reset/confirm', { token: usedReset, password: reset })).status,
    200,
  );
  const changed = 'Hana’s password after the change';
  assert.equal(
    (await host.api('POST', '/api/auth/password', { currentPassword: reset, newPassword: changed })).status,
    204,
  );
  assert.equal((await host.api('POST', '/api/auth/password-reset', { email: 'hana@example.com' })).status, 202);
  const liveReset = await newestResetToken('hana@example.com');
  for (const secret of [liveSignup, usedReset, liveReset, reset, changed]) secrets.add(secret);
  await t.queue.runDueJobs();
  // The mail went out with its links; the stored copies no longer carry the tokens.
  const sentMail = smtp.messages.map((m) => m.source).join('\n');
  for (const token of [liveSignup, liveReset, personalLink])
    assert.ok(sentMail.includes(token), 'the link reached the mailbox');
  const delivered = await t.deps.database.db.select().from(mailMessages);
  assert.ok(delivered.length > 5 && delivered.every((m) => m.status === 'sent'), 'every message was delivered');
  assert.ok(
    delivered.some((m) => m.textBody.includes('/password-reset?token=sent-by-mail')),
    'the stored copy keeps the link without its token',
  );
  assert.ok(t.emulator!.control.calls({ operation: 'oauth.token.refresh_token' }).length >= 1, 'a refresh happened');
  assert.ok(secrets.size >= 13, `captured ${secrets.size} secrets`);

  const logs = t.logLines.join('\n');
  const responses = host.seen.join('\n');
  const dump = `${connectedDump}\n${await dumpDatabase()}`;
  assert.ok(logs.length > 1000 && dump.length > 1000);
  for (const secret of secrets) {
    assert.ok(secret.length >= 8);
    assert.ok(!logs.includes(secret), 'a secret is in the logs');
    assert.ok(!responses.includes(secret), 'a secret is in an HTTP response');
    assert.ok(!dump.includes(secret), 'a secret is in the database');
  }
  for (const haystack of [logs, responses, dump]) {
    assert.doesNotMatch(haystack, /zak=/, 'no start_url');
    assert.doesNotMatch(haystack, /Bearer emu_at_/, 'no Authorization header');
    assert.doesNotMatch(haystack, /Basic [A-Za-z0-9+/=]{20,}/, 'no client credentials header');
  }
  assert.match(dump, /v1\.test1\./, 'sealed values are there, as ciphertext');
});
