/** The Zoom connection (docs/product.md §3): connect, callback, scopes, state, refresh on 401, disconnect — against the emulator over HTTP. */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../src/db/orm.ts';
import { mailMessages, users, zoomConnections, zoomOauthStates } from '../src/db/schema.ts';
import { getConnectionSummary } from '../src/integrations/zoom/zoomConnections.ts';
import { withZoomAccessToken, ZoomNotConnectedError } from '../src/integrations/zoom/zoomAccessToken.ts';
import { getCurrentUser } from '../src/zoom/users.ts';
import { Client, createTestApp, connectZoom, type TestApp } from './helpers/testApp.ts';

let t: TestApp;
let host: Client;
let hostId: string;

before(async () => {
  t = await createTestApp({ zoom: true });
});
beforeEach(async () => {
  t.emulator!.control.reset();
  await t.deps.database.db.delete(zoomConnections);
  await t.deps.database.db.delete(zoomOauthStates);
  host = new Client(t.app);
  hostId = (await host.signUp('Hana', `hana-${Math.random().toString(36).slice(2)}@example.com`)).id;
});
after(() => t.close());

const connectionRow = async (userId = hostId) =>
  (await t.deps.database.db.select().from(zoomConnections).where(eq(zoomConnections.userId, userId)))[0];

test('full connect over HTTP: PKCE S256 verified by the emulator, state round-trips, /api/me shows connected with no token', async () => {
  const start = await host.get('/integrations/zoom/connect');
  assert.equal(start.status, 302);
  const authorizeUrl = new URL(start.headers.get('location')!);
  assert.equal(authorizeUrl.origin, t.emulator!.url);
  assert.equal(authorizeUrl.pathname, '/oauth/authorize');
  assert.equal(authorizeUrl.searchParams.get('response_type'), 'code');
  assert.equal(authorizeUrl.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(authorizeUrl.searchParams.get('scope'), null, 'no scope parameter (docs/zoom-facts.md §1.2)');
  const state = authorizeUrl.searchParams.get('state')!;
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
  assert.equal(callback.searchParams.get('state'), state);
  const done = await host.get(`${callback.pathname}${callback.search}`);
  assert.equal(done.status, 200);
  assert.match(await done.text(), /Zoom connected \(host@demo\.ekosistem\.app\) · Licensed/);
  const exchange = t.emulator!.control.calls({ operation: 'oauth.token.authorization_code' }).at(-1)!;
  assert.equal(exchange.status, 200);
  assert.equal(exchange.pkce, 'S256-ok');
  assert.equal(exchange.state, state);
  const me = await host.api('GET', '/api/me');
  const body = (await me.json()) as { zoom: Record<string, unknown> };
  assert.deepEqual(body.zoom, {
    status: 'connected',
    email: 'host@demo.ekosistem.app',
    planTier: 'Licensed',
    scopes: ['meeting:write:meeting', 'meeting:delete:meeting', 'user:read:user'],
  });
  const row = await connectionRow();
  assert.match(row!.accessTokenSealed!, /^v1\.test1\./);
  assert.equal(row!.planType, 2);
});

test('a Basic user shows as Basic', async () => {
  await connectZoom(host, t.emulator!, 'basic@example.com');
  assert.equal((await getConnectionSummary(t.deps.database.db, hostId)).planTier, 'Basic');
});

test('state missing, wrong, expired, replayed, or from another session → rejected and nothing stored', async () => {
  const start = await host.get('/integrations/zoom/connect');
  const authorizeUrl = new URL(start.headers.get('location')!);
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
  const code = callback.searchParams.get('code')!;
  const state = callback.searchParams.get('state')!;

  const missing = await host.get(`/integrations/zoom/callback?code=${code}`);
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /had no state/);
  const wrong = await host.get(`/integrations/zoom/callback?code=${code}&state=not-the-state`);
  assert.equal(wrong.status, 400);

  const other = new Client(t.app);
  await other.signUp('Eve', `eve-${Math.random()}@example.com`);
  const foreign = await other.get(`/integrations/zoom/callback?code=${code}&state=${state}`);
  assert.equal(foreign.status, 400);
  assert.match(await foreign.text(), /another session/);
  // The state was consumed by that attempt: the rightful session's replay fails too.
  const replay = await host.get(`/integrations/zoom/callback?code=${code}&state=${state}`);
  assert.equal(replay.status, 400);
  assert.match(await replay.text(), /not valid any more/);
  assert.equal(await connectionRow(), undefined);

  // Expired: 10 minutes pass between connect and callback.
  const again = await host.get('/integrations/zoom/connect');
  const againState = new URL(again.headers.get('location')!).searchParams.get('state')!;
  await t.deps.database.db.update(zoomOauthStates).set({ expiresAt: new Date(Date.now() - 1000) });
  const expired = await host.get(`/integrations/zoom/callback?code=whatever&state=${againState}`);
  assert.equal(expired.status, 400);
  assert.match(await expired.text(), /longer than 10 minutes/);
  assert.equal(await connectionRow(), undefined);
  assert.equal(
    t.emulator!.control.calls({ operation: 'oauth.token.authorization_code' }).length,
    0,
    'no code was exchanged',
  );
});

test('a Zoom user granting too few scopes → clear refusal naming the scope, nothing stored', async () => {
  const response = await connectZoom(host, t.emulator!, 'noscope@example.com');
  assert.equal(response.status, 400);
  const html = await response.text();
  assert.match(html, /meeting:delete:meeting/);
  assert.match(html, /admin must add/);
  assert.equal(await connectionRow(), undefined);
  assert.equal(
    ((await (await host.api('GET', '/api/me')).json()) as { zoom: { status: string } }).zoom.status,
    'not_connected',
  );
});

test('declining at Zoom → a clear page, nothing stored', async () => {
  const response = await connectZoom(host, t.emulator!, 'host@demo.ekosistem.app', 'decline');
  assert.equal(response.status, 400);
  assert.match(await response.text(), /declined/);
  assert.equal(await connectionRow(), undefined);
});

test('a 401 code 124 from Zoom refreshes once (rotated pair persisted) and the call succeeds', async () => {
  await connectZoom(host, t.emulator!);
  const zoomUser = t.emulator!.control.userByEmail('host@demo.ekosistem.app')!;
  t.emulator!.control.expireAccessToken(zoomUser.id);
  const before = await connectionRow();
  const deps = { db: t.deps.database.db, zoom: t.zoom!, log: t.deps.log };
  const me = await withZoomAccessToken(deps, hostId, (token) => getCurrentUser(t.zoom!.api, token));
  assert.equal(me.email, 'host@demo.ekosistem.app');
  const after = await connectionRow();
  assert.equal(after!.tokenGeneration, before!.tokenGeneration + 1);
  assert.notEqual(after!.refreshTokenSealed, before!.refreshTokenSealed);
  assert.equal(t.emulator!.control.calls({ operation: 'oauth.token.refresh_token' }).length, 1);
});

test('a token near expiry is refreshed ahead of time', async () => {
  await connectZoom(host, t.emulator!);
  await t.deps.database.db
    .update(zoomConnections)
    .set({ accessTokenExpiresAt: new Date(Date.now() + 60_000) })
    .where(eq(zoomConnections.userId, hostId));
  const deps = { db: t.deps.database.db, zoom: t.zoom!, log: t.deps.log };
  await withZoomAccessToken(deps, hostId, (token) => getCurrentUser(t.zoom!.api, token));
  const refreshes = t.emulator!.control.calls({ operation: 'oauth.token.refresh_token' });
  assert.equal(refreshes.length, 1);
  assert.ok(
    t.emulator!.control.calls({ operation: 'users.me' }).every((c) => c.status === 200),
    'no call was made with the old token',
  );
});

test('invalid_grant on refresh → needs_reconnect, the host is emailed, the Manage page shows "Reconnect Zoom"', async () => {
  await connectZoom(host, t.emulator!);
  const zoomUser = t.emulator!.control.userByEmail('host@demo.ekosistem.app')!;
  t.emulator!.control.expireAccessToken(zoomUser.id);
  t.emulator!.control.addFault({ operation: 'oauth.token.refresh_token', kind: 'invalid_grant' });
  const deps = { db: t.deps.database.db, zoom: t.zoom!, log: t.deps.log, onNeedsReconnect: undefined };
  await assert.rejects(
    t.deps.provider.createMeeting(hostId, {
      title: 'x',
      description: '',
      startAt: new Date(Date.now() + 86_400_000),
      durationMinutes: 30,
      timezone: 'UTC',
    }),
    (error: unknown) => (error as { kind?: string }).kind === 'not_connected',
  );
  assert.ok(deps);
  const row = await connectionRow();
  assert.equal(row!.status, 'needs_reconnect');
  assert.equal(row!.accessTokenSealed, null);
  const [user] = await t.deps.database.db.select().from(users).where(eq(users.id, hostId));
  const mail = await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, user!.email));
  assert.ok(mail.some((m) => /Reconnect Zoom/.test(m.subject)));
  const eco = (await (await host.api('POST', '/api/ecosystems', { name: 'E' })).json()) as { id: string };
  const page = await (await host.get(`/ecosystems/${eco.id}/lets-meet/manage`)).text();
  assert.match(page, /Reconnect Zoom/);
  await assert.rejects(
    withZoomAccessToken(deps, hostId, async () => 1),
    ZoomNotConnectedError,
  );
});

test('disconnect: revoked at Zoom, no tokens left here, and the page says so; the app_deauthorized that follows is a no-op', async () => {
  await connectZoom(host, t.emulator!);
  const eco = (await (await host.api('POST', '/api/ecosystems', { name: 'E' })).json()) as { id: string };
  const csrf = await host.csrfToken(`/ecosystems/${eco.id}/lets-meet/manage`);
  const response = await host.form(
    '/integrations/zoom/disconnect',
    { returnTo: `/ecosystems/${eco.id}/lets-meet/manage` },
    csrf,
  );
  assert.equal(response.status, 303);
  const page = await (await host.get(response.headers.get('location')!)).text();
  assert.match(page, /our access was revoked at Zoom and your tokens were deleted here/);
  assert.match(page, /Connect Zoom/);
  const revoke = t.emulator!.control.calls({ operation: 'oauth.revoke' }).at(-1)!;
  assert.equal(revoke.status, 200);
  assert.equal(t.emulator!.control.userByEmail('host@demo.ekosistem.app')!.installed, false);
  assert.equal(await connectionRow(), undefined);
});

test('disconnect with Zoom unreachable: tokens are deleted anyway and the page tells the user to remove the app at Zoom', async () => {
  await connectZoom(host, t.emulator!);
  t.emulator!.control.addFault({ operation: 'oauth.revoke', kind: 'status', status: 503 });
  const response = await host.api('POST', '/integrations/zoom/disconnect');
  assert.equal(response.status, 200);
  const body = (await response.json()) as { outcome: string; revokedAtZoom: boolean; message: string };
  assert.equal(body.outcome, 'revoke_failed');
  assert.equal(body.revokedAtZoom, false);
  assert.match(body.message, /Installed Apps/);
  assert.equal(await connectionRow(), undefined);
});

test('disconnect is CSRF-protected: a cross-site form or foreign-origin JSON changes nothing', async () => {
  await connectZoom(host, t.emulator!);
  const forged = await host.request('/integrations/zoom/disconnect', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'returnTo=/',
  });
  assert.equal(forged.status, 403);
  const crossOrigin = await host.api('POST', '/integrations/zoom/disconnect', undefined, {
    origin: 'https://evil.example',
  });
  assert.equal(crossOrigin.status, 403);
  assert.equal((await connectionRow())!.status, 'connected');
});
