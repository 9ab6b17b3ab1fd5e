/** Conformance: OAuth (docs/zoom-facts.md §1), each test naming the section it follows. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZoomEmulator, type ZoomEmulator } from './startZoomEmulator.ts';
import { REDIRECT, api, authorize, basic, connect, pkcePair, token } from './testClient.ts';

let emu: ZoomEmulator;
before(async () => {
  emu = await startZoomEmulator({ redirectUris: [REDIRECT] });
});
after(() => emu.close());

test('§1.2 authorize renders the emulated sign-in page; a wrong redirect_uri or client_id is refused', async () => {
  const q = (redirect: string, client = emu.clientId) =>
    `${emu.url}/oauth/authorize?response_type=code&client_id=${client}&redirect_uri=${encodeURIComponent(redirect)}&state=xyz`;
  const page = await fetch(q(REDIRECT));
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Sign in to Zoom \(emulated\)/);
  assert.match(html, /host@demo\.ekosistem\.app/);
  assert.match(html, /Authorize/);
  assert.match(html, /Decline/);
  assert.equal((await fetch(q('https://evil.example/cb'))).status, 400);
  assert.equal((await fetch(q(REDIRECT, 'other'))).status, 400);
});

test('§1.2 authorize redirects with code and state; decline redirects with error=access_denied', async () => {
  const ok = await authorize(emu, { email: 'host@demo.ekosistem.app', state: 'st-1' });
  assert.equal(`${ok.origin}${ok.pathname}`, REDIRECT);
  assert.equal(ok.searchParams.get('state'), 'st-1');
  assert.ok(ok.searchParams.get('code'));
  const declined = await authorize(emu, { email: 'host@demo.ekosistem.app', state: 'st-2', decision: 'decline' });
  assert.equal(declined.searchParams.get('error'), 'access_denied');
  assert.equal(declined.searchParams.get('state'), 'st-2');
  assert.equal(declined.searchParams.get('code'), null);
});

test('§1.3 code exchange: Basic auth, form body or query; §1.3 response fields; codes work once (§1.2)', async () => {
  const { verifier, challenge } = pkcePair();
  const code = (await authorize(emu, { email: 'host@demo.ekosistem.app', challenge })).searchParams.get('code')!;
  const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier };
  const first = await token(emu, params, { inQuery: true });
  assert.equal(first.status, 200);
  assert.equal(first.body.token_type, 'bearer');
  assert.equal(first.body.expires_in, 3600);
  assert.equal(first.body.scope, 'meeting:write:meeting meeting:delete:meeting user:read:user');
  assert.equal(typeof first.body.access_token, 'string');
  assert.equal(typeof first.body.refresh_token, 'string');
  const again = await token(emu, params);
  assert.equal(again.status, 400);
  assert.equal(again.body.error, 'invalid_grant');
  const log = emu.control.calls({ operation: 'oauth.token.authorization_code' });
  assert.equal(log.at(-2)!.pkce, 'S256-ok');
});

test('§1.2 codes expire after 5 minutes (emulated clock)', async () => {
  const code = (await authorize(emu, { email: 'host@demo.ekosistem.app' })).searchParams.get('code')!;
  await emu.control.advanceClock(301);
  const late = await token(emu, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  assert.equal(late.status, 400);
  assert.equal(late.body.error, 'invalid_grant');
});

test('§1.2 PKCE is enforced when a challenge was sent (S256 and plain)', async () => {
  const { verifier, challenge } = pkcePair();
  let code = (await authorize(emu, { email: 'host@demo.ekosistem.app', challenge })).searchParams.get('code')!;
  const wrong = await token(emu, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: pkcePair().verifier,
  });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error, 'invalid_grant');
  code = (await authorize(emu, { email: 'host@demo.ekosistem.app', challenge })).searchParams.get('code')!;
  const missing = await token(emu, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
  assert.equal(missing.status, 400);
  code = (
    await authorize(emu, { email: 'host@demo.ekosistem.app', challenge: verifier, method: 'plain' })
  ).searchParams.get('code')!;
  const plain = await token(emu, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  assert.equal(plain.status, 200);
  assert.equal(emu.control.calls({ operation: 'oauth.token.authorization_code' }).at(-1)!.pkce, 'plain-ok');
});

test('§1.3 redirect_uri must match the one used at authorize', async () => {
  const code = (await authorize(emu, { email: 'host@demo.ekosistem.app' })).searchParams.get('code')!;
  const mismatch = await token(emu, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://localhost:3000/other',
  });
  assert.equal(mismatch.status, 400);
  assert.match(String(mismatch.body.reason), /Redirect URI mismatch/);
});

test('§1.6 error bodies: invalid_client, unsupported_grant_type, invalid_grant "Invalid Token!"', async () => {
  const badClient = await token(
    emu,
    { grant_type: 'refresh_token', refresh_token: 'x' },
    { auth: basic(emu, 'wrong') },
  );
  assert.deepEqual(badClient.body, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  const noAuth = await token(emu, { grant_type: 'refresh_token', refresh_token: 'x' }, { auth: '' });
  assert.equal(noAuth.body.error, 'invalid_client');
  const unsupported = await token(emu, { grant_type: 'password' });
  assert.deepEqual(unsupported.body, { reason: 'unsupported grant type', error: 'unsupported_grant_type' });
  const unknown = await token(emu, { grant_type: 'refresh_token', refresh_token: 'nope' });
  assert.deepEqual(unknown.body, { reason: 'Invalid Token!', error: 'invalid_grant' });
});

test('§1.5 refresh rotates: the old refresh token AND the old access token die at once', async () => {
  const first = await connect(emu);
  assert.equal((await api(emu, 'GET', '/v2/users/me', first.access_token)).status, 200);
  const rotated = await token(emu, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
  assert.equal(rotated.status, 200);
  assert.notEqual(rotated.body.refresh_token, first.refresh_token);
  const oldAccess = await api(emu, 'GET', '/v2/users/me', first.access_token);
  assert.equal(oldAccess.status, 401);
  assert.equal(oldAccess.body.code, 124);
  const oldRefresh = await token(emu, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
  assert.deepEqual(oldRefresh.body, { reason: 'Invalid Token!', error: 'invalid_grant' });
  assert.equal((await api(emu, 'GET', '/v2/users/me', String(rotated.body.access_token))).status, 200);
});

test('§1.5 a new grant for the same user kills the previous pair', async () => {
  const first = await connect(emu);
  await connect(emu);
  assert.equal((await api(emu, 'GET', '/v2/users/me', first.access_token)).status, 401);
});

test('§1.4 access tokens expire (clock or control), then 401 code 124', async () => {
  const pair = await connect(emu);
  const user = emu.control.userByEmail('host@demo.ekosistem.app')!;
  emu.control.expireAccessToken(user.id);
  const expired = await api(emu, 'GET', '/v2/users/me', pair.access_token);
  assert.equal(expired.status, 401);
  assert.deepEqual(expired.body, { code: 124, message: 'Invalid access token.' });
  const fresh = await connect(emu);
  await emu.control.advanceClock(3601);
  assert.equal((await api(emu, 'GET', '/v2/users/me', fresh.access_token)).status, 401);
});

test('§1.7 revoke: {"status":"success"}, the pair dies, the app is uninstalled, app_deauthorized is sent', async () => {
  const pair = await connect(emu);
  const response = await fetch(`${emu.url}/oauth/revoke`, {
    method: 'POST',
    headers: { authorization: basic(emu), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: pair.access_token }),
  });
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { status: 'success' });
  assert.equal((await api(emu, 'GET', '/v2/users/me', pair.access_token)).status, 401);
  const again = await token(emu, { grant_type: 'refresh_token', refresh_token: pair.refresh_token });
  assert.equal(again.body.error, 'invalid_grant');
  const user = emu.control.userByEmail('host@demo.ekosistem.app')!;
  assert.equal(user.installed, false);
});

test('§1.6 injected invalid_grant on the next refresh', async () => {
  const pair = await connect(emu);
  emu.control.addFault({ operation: 'oauth.token.refresh_token', kind: 'invalid_grant', count: 1 });
  const refused = await token(emu, { grant_type: 'refresh_token', refresh_token: pair.refresh_token });
  assert.deepEqual(refused.body, { reason: 'Invalid Token!', error: 'invalid_grant' });
  const next = await token(emu, { grant_type: 'refresh_token', refresh_token: pair.refresh_token });
  assert.equal(next.status, 200);
});

test('the call log never contains a token', async () => {
  const pair = await connect(emu);
  await api(emu, 'GET', '/v2/users/me', pair.access_token);
  const log = JSON.stringify(emu.control.calls());
  assert.ok(!log.includes(pair.access_token));
  assert.ok(!log.includes(pair.refresh_token));
});
