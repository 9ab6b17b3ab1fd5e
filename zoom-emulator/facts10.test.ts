/**
 * Conformance for Zoom as observed in use (docs/zoom-facts.md §10) and the stricter
 * create checks (§4, §5): each test names its section and, where a fact has variants, the switch.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { startZoomEmulator, type ZoomEmulator } from './startZoomEmulator.ts';
import { REDIRECT, api, basic, connect } from './testClient.ts';

let emu: ZoomEmulator;
let receiver: Server;
/** Webhook bodies as they arrive at the receiver. */
let received: { event: string; at: number }[] = [];

before(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        event: (JSON.parse(Buffer.concat(chunks).toString()) as { event: string }).event,
        at: Date.now(),
      });
      res.writeHead(200).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const port = (receiver.address() as { port: number }).port;
  emu = await startZoomEmulator({ redirectUris: [REDIRECT], webhookUrl: `http://127.0.0.1:${port}/webhook` });
});
beforeEach(async () => {
  await emu.control.settleWebhooks(); // nothing from the previous test arrives in this one
  emu.control.reset();
  received = [];
});
after(async () => {
  await emu.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

const APP_SETTINGS = {
  waiting_room: true,
  join_before_host: false,
  host_video: true,
  participant_video: true,
  mute_upon_entry: true,
  approval_type: 2,
  audio: 'both',
  auto_recording: 'none',
};
const body = (extra: Record<string, unknown> = {}) => ({
  topic: 'Facts',
  type: 2,
  start_time: '2031-03-01T09:00:00Z',
  duration: 60,
  timezone: 'Europe/Helsinki',
  settings: APP_SETTINGS,
  ...extra,
});
const create = (accessToken: string, extra: Record<string, unknown> = {}) =>
  api(emu, 'POST', '/v2/users/me/meetings', accessToken, body(extra));
const fields = (response: { body: Record<string, unknown> }) =>
  ((response.body.errors as { field: string }[] | undefined) ?? []).map((e) => e.field).sort();

function assertValidationFailed(response: { status: number; body: Record<string, unknown> }, expectedFields: string[]) {
  assert.equal(response.status, 400);
  assert.equal(response.body.code, 300);
  assert.equal(response.body.message, 'Validation Failed.');
  assert.deepEqual(fields(response), expectedFields);
}

const revoke = (token: string) =>
  fetch(`${emu.url}/oauth/revoke`, {
    method: 'POST',
    headers: { authorization: basic(emu), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }),
  });

// ---- §4 start_time ----------------------------------------------------------------------------

test("§4 start_time: `yyyy-MM-ddTHH:mm:ssZ` is UTC; `yyyy-MM-ddTHH:mm:ss` is local time in `timezone`, else in the user's zone", async () => {
  const { access_token } = await connect(emu);
  const utc = await create(access_token, { start_time: '2031-07-01T09:00:00Z', timezone: 'America/Los_Angeles' });
  assert.equal(utc.status, 201);
  assert.equal(utc.body.start_time, '2031-07-01T09:00:00Z');
  assert.equal(utc.body.timezone, 'America/Los_Angeles');
  const local = await create(access_token, { start_time: '2031-07-01T09:00:00', timezone: 'America/Los_Angeles' });
  assert.equal(local.status, 201);
  assert.equal(local.body.start_time, '2031-07-01T16:00:00Z', '09:00 PDT (UTC-7)');
  const winter = await create(access_token, { start_time: '2031-01-15T09:00:00', timezone: 'Europe/Helsinki' });
  assert.equal(winter.body.start_time, '2031-01-15T07:00:00Z', '09:00 EET (UTC+2)');
  // No `timezone`: the user's (the seeded host is in Europe/Helsinki; EEST in July, UTC+3).
  const { timezone: _omit, ...withoutZone } = body({ start_time: '2031-07-01T09:00:00' });
  const userZone = await api(emu, 'POST', '/v2/users/me/meetings', access_token, withoutZone);
  assert.equal(userZone.status, 201);
  assert.equal(userZone.body.start_time, '2031-07-01T06:00:00Z');
  assert.equal(userZone.body.timezone, 'Europe/Helsinki');
});

test('§4 start_time in any other form is refused on field start_time: milliseconds, offsets, date only, impossible dates', async () => {
  const { access_token } = await connect(emu);
  for (const start_time of [
    '2031-03-01T09:00:00.000Z',
    '2031-03-01T09:00:00+02:00',
    '2031-03-01T09:00:00-0500',
    '2031-03-01',
    '2031-03-01T09:00Z',
    '2031-03-01 09:00:00',
    '2031-02-29T09:00:00Z',
    '2031-03-01T24:00:00Z',
    '2031-03-01t09:00:00z',
    1930000000000,
  ]) {
    assertValidationFailed(await create(access_token, { start_time }), ['start_time']);
  }
  assert.equal(emu.control.meetings().length, 0);
});

// ---- §10.4 time zones -------------------------------------------------------------------------

test("§10.4 timezone only from Zoom's list (zoom/timezones.json, 135 ids): Europe/Tallinn and Etc/UTC refused, UTC accepted", async () => {
  const list = JSON.parse(readFileSync(new URL('../zoom/timezones.json', import.meta.url), 'utf8')) as {
    timezones: string[];
  };
  assert.equal(list.timezones.length, 135);
  assert.deepEqual(emu.control.options().timezoneCheck, 'zoom_list');
  const { access_token } = await connect(emu);
  for (const timezone of [
    'Europe/Tallinn',
    'Etc/UTC',
    'Europe/Riga',
    'America/Toronto',
    'Mars/Olympus',
    '',
    'europe/helsinki',
    7,
  ]) {
    assertValidationFailed(await create(access_token, { timezone }), ['timezone']);
  }
  // A local start_time in a refused zone is refused for the zone, not twice.
  assertValidationFailed(
    await create(access_token, { timezone: 'Europe/Tallinn', start_time: '2031-03-01T09:00:00' }),
    ['timezone'],
  );
  for (const timezone of ['UTC', 'Asia/Calcutta', 'Europe/Helsinki', list.timezones.at(-1)]) {
    assert.equal((await create(access_token, { timezone })).status, 201, String(timezone));
  }
});

test('§10.4 switch timezoneCheck: "lenient" accepts any zone Intl knows, still refuses made-up ones', async () => {
  emu.control.setOptions({ timezoneCheck: 'lenient' });
  const { access_token } = await connect(emu);
  const tallinn = await create(access_token, { timezone: 'Europe/Tallinn', start_time: '2031-07-01T09:00:00' });
  assert.equal(tallinn.status, 201);
  assert.equal(tallinn.body.start_time, '2031-07-01T06:00:00Z');
  assert.equal((await create(access_token, { timezone: 'Etc/UTC' })).status, 201);
  assertValidationFailed(await create(access_token, { timezone: 'Mars/Olympus' }), ['timezone']);
});

// ---- §4 settings, topic, agenda ----------------------------------------------------------------

test("§4 settings: the app's settings pass; enums (audio, approval_type, auto_recording) and booleans are checked", async () => {
  const { access_token } = await connect(emu);
  const ok = await create(access_token);
  assert.equal(ok.status, 201);
  assert.deepEqual(
    { ...(ok.body.settings as Record<string, unknown>) },
    { ...(ok.body.settings as Record<string, unknown>), ...APP_SETTINGS },
  );
  for (const audio of ['both', 'telephony', 'voip', 'thirdParty'])
    assert.equal((await create(access_token, { settings: { ...APP_SETTINGS, audio } })).status, 201, audio);
  const bad = await create(access_token, {
    settings: {
      ...APP_SETTINGS,
      audio: 'computer',
      approval_type: 3,
      auto_recording: 'yes',
      waiting_room: 'true',
      join_before_host: 0,
      host_video: null,
      participant_video: 'false',
      mute_upon_entry: 1,
    },
  });
  assertValidationFailed(bad, [
    'settings.approval_type',
    'settings.audio',
    'settings.auto_recording',
    'settings.host_video',
    'settings.join_before_host',
    'settings.mute_upon_entry',
    'settings.participant_video',
    'settings.waiting_room',
  ]);
  assertValidationFailed(await create(access_token, { settings: { approval_type: '2' } }), ['settings.approval_type']);
  assertValidationFailed(await create(access_token, { settings: [] }), ['settings']);
});

test('§4 topic over 200 characters and agenda over 2,000 are refused; at the limits they pass', async () => {
  const { access_token } = await connect(emu);
  assertValidationFailed(await create(access_token, { topic: 'x'.repeat(201), agenda: 'y'.repeat(2001) }), [
    'agenda',
    'topic',
  ]);
  assert.equal((await create(access_token, { topic: 'x'.repeat(200), agenda: 'y'.repeat(2000) })).status, 201);
});

// ---- §10.1 daily limit -------------------------------------------------------------------------

const OBSERVED_BODY = (limit: number) => ({
  code: 429,
  message: `You have exceeded the daily rate limit (${limit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`,
});

test('§10.1 daily limit, default dailyLimitAnswer "observed": the per-user message, only X-RateLimit-Category/-Limit/-Remaining, no Retry-After, no X-RateLimit-Type', async () => {
  assert.equal(emu.control.options().dailyLimitAnswer, 'observed');
  emu.control.setLimits({ dailyMeetingCreateLimit: 2 });
  await emu.control.setClock(new Date('2031-03-01T22:00:00Z'));
  const { access_token } = await connect(emu);
  for (let i = 0; i < 2; i++) assert.equal((await create(access_token)).status, 201);
  const limited = await create(access_token);
  assert.equal(limited.status, 429);
  assert.deepEqual(limited.body, OBSERVED_BODY(2));
  assert.equal(limited.headers.get('retry-after'), null);
  assert.equal(limited.headers.get('x-ratelimit-type'), null);
  assert.equal(limited.headers.get('x-ratelimit-category'), 'Medium');
  assert.equal(limited.headers.get('x-ratelimit-limit'), '2');
  assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
  const xHeaders = [...limited.headers.keys()].filter((h) => h.startsWith('x-ratelimit') || h === 'retry-after').sort();
  assert.deepEqual(xHeaders, ['x-ratelimit-category', 'x-ratelimit-limit', 'x-ratelimit-remaining']);
});

test('§10.1 switch dailyLimitAnswer "documented" (§6.2): ISO Retry-After at the next 00:00 UTC and X-RateLimit-Type: Daily-limit', async () => {
  emu.control.setOptions({ dailyLimitAnswer: 'documented', dailyMeetingCreateLimit: 1 });
  await emu.control.setClock(new Date('2031-03-01T22:00:00Z'));
  const { access_token } = await connect(emu);
  assert.equal((await create(access_token)).status, 201);
  const limited = await create(access_token);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2031-03-02T00:00:00Z');
  assert.equal(limited.headers.get('x-ratelimit-type'), 'Daily-limit');
  assert.equal(limited.headers.get('x-ratelimit-limit'), '1');
  assert.match(String(limited.body.message), /maximum daily rate limit/);
});

test('§10.1 the daily rate_limit fault follows dailyLimitAnswer, and its `shape` overrides it', async () => {
  await emu.control.setClock(new Date('2031-03-01T22:00:00Z'));
  const { access_token } = await connect(emu);
  emu.control.addFault({ operation: 'meetings.create', kind: 'rate_limit', daily: true });
  const observed = await create(access_token);
  assert.equal(observed.status, 429);
  assert.deepEqual(observed.body, OBSERVED_BODY(100));
  assert.equal(observed.headers.get('retry-after'), null);
  assert.equal(observed.headers.get('x-ratelimit-type'), null);
  emu.control.addFault({ operation: 'meetings.create', kind: 'rate_limit', daily: true, shape: 'documented' });
  const documented = await create(access_token);
  assert.equal(documented.headers.get('retry-after'), '2031-03-02T00:00:00Z');
  assert.equal(documented.headers.get('x-ratelimit-type'), 'Daily-limit');
  emu.control.setOptions({ dailyLimitAnswer: 'documented' });
  const post = (spec: unknown) =>
    fetch(`${emu.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
  assert.equal(
    (await post({ operation: 'meetings.create', kind: 'rate_limit', daily: true, shape: 'observed' })).status,
    201,
  );
  const overridden = await create(access_token);
  assert.deepEqual(overridden.body, OBSERVED_BODY(100));
  assert.equal(overridden.headers.get('retry-after'), null);
  assert.equal(
    (await post({ operation: 'meetings.create', kind: 'rate_limit', daily: true, shape: 'sideways' })).status,
    400,
  );
});

// ---- §10.3 / §5 in-progress delete, §10.2 Basic hosts ------------------------------------------

test('§10.3 + §5 DELETE of a meeting in progress → 400 code 3002; before its start and after its end → 204', async () => {
  emu.control.setOptions({ accessTokenTtlSeconds: 86_400 }); // the clock moves past an hour
  await emu.control.setClock(new Date('2031-03-01T08:00:00Z'));
  const { access_token } = await connect(emu);
  const early = await create(access_token);
  const running = await create(access_token);
  const later = await create(access_token);
  assert.equal(
    (await api(emu, 'DELETE', `/v2/meetings/${early.body.id}`, access_token)).status,
    204,
    'before its start',
  );
  await emu.control.setClock(new Date('2031-03-01T09:00:00Z'));
  const refused = await api(emu, 'DELETE', `/v2/meetings/${running.body.id}`, access_token);
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body, {
    code: 3002,
    message: "Sorry, you cannot delete this meeting since it's in progress.",
  });
  await emu.control.setClock(new Date('2031-03-01T09:59:59Z'));
  assert.equal((await api(emu, 'DELETE', `/v2/meetings/${running.body.id}`, access_token)).body.code, 3002);
  assert.equal(emu.control.calls({ operation: 'meetings.delete' }).at(-1)!.status, 400);
  await emu.control.setClock(new Date('2031-03-01T10:00:00Z'));
  assert.equal((await api(emu, 'DELETE', `/v2/meetings/${running.body.id}`, access_token)).status, 204, 'at its end');
  assert.equal((await api(emu, 'DELETE', `/v2/meetings/${later.body.id}`, access_token)).status, 204);
  // Without a start time a meeting is never in progress.
  const { start_time: _omit, ...noStart } = body();
  const undated = await api(emu, 'POST', '/v2/users/me/meetings', access_token, noStart);
  assert.equal((await api(emu, 'DELETE', `/v2/meetings/${undated.body.id}`, access_token)).status, 204);
});

test("§10.2 a Basic host's meeting ends after 40 minutes: endsAt and cutAt40 in the state (control and HTTP), and it is no longer in progress after 40", async () => {
  emu.control.setOptions({ accessTokenTtlSeconds: 86_400 });
  await emu.control.setClock(new Date('2031-03-01T08:00:00Z'));
  const basicHost = await connect(emu, 'basic@example.com');
  const licensed = await connect(emu);
  const cut = await create(basicHost.access_token, { duration: 60 });
  const short = await create(basicHost.access_token, { duration: 30 });
  const full = await create(licensed.access_token, { duration: 60 });
  assert.equal(cut.body.duration, 60, 'the API still accepts the longer duration');
  const state = (id: unknown) => emu.control.meetings().find((m) => m.id === id)!;
  assert.equal(state(cut.body.id).endsAt, '2031-03-01T09:40:00Z');
  assert.equal(state(cut.body.id).cutAt40, true);
  assert.equal(state(short.body.id).endsAt, '2031-03-01T09:30:00Z');
  assert.equal(state(short.body.id).cutAt40, false);
  assert.equal(state(full.body.id).endsAt, '2031-03-01T10:00:00Z');
  assert.equal(state(full.body.id).cutAt40, false);
  const overHttp = (await (await fetch(`${emu.url}/_emulator/meetings`)).json()) as {
    items: { id: number; endsAt: string; cutAt40: boolean }[];
  };
  assert.deepEqual(
    overHttp.items.filter((m) => m.cutAt40).map((m) => [m.id, m.endsAt]),
    [[cut.body.id, '2031-03-01T09:40:00Z']],
  );
  await emu.control.setClock(new Date('2031-03-01T09:39:00Z'));
  assert.equal((await api(emu, 'DELETE', `/v2/meetings/${cut.body.id}`, basicHost.access_token)).body.code, 3002);
  await emu.control.setClock(new Date('2031-03-01T09:41:00Z'));
  assert.equal(
    (await api(emu, 'DELETE', `/v2/meetings/${cut.body.id}`, basicHost.access_token)).status,
    204,
    'cut at 40 minutes: over',
  );
  assert.equal(
    (await api(emu, 'DELETE', `/v2/meetings/${full.body.id}`, licensed.access_token)).body.code,
    3002,
    "a licensed host's 60 minutes run on",
  );
});

// ---- §10.5 revoke ----------------------------------------------------------------------------

test('§10.5 revoke with an expired access token (default revokeAcceptsExpiredAccessToken false) → 400 invalid_request; nothing revoked, no webhook', async () => {
  const pair = await connect(emu);
  const user = emu.control.userByEmail('host@demo.ekosistem.app')!;
  emu.control.expireAccessToken(user.id);
  const refused = await revoke(pair.access_token);
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), { reason: 'Invalid Token!', error: 'invalid_request' });
  assert.equal(emu.control.calls({ operation: 'oauth.revoke' }).at(-1)!.refused, 'expired access token');
  await emu.control.settleWebhooks();
  assert.equal(received.length, 0);
  assert.equal(emu.control.userByEmail('host@demo.ekosistem.app')!.installed, true);
  // The refresh token still works, and the fresh access token revokes.
  const refreshed = await fetch(`${emu.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basic(emu), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: pair.refresh_token }),
  });
  assert.equal(refreshed.status, 200);
  const fresh = (await refreshed.json()) as { access_token: string };
  assert.equal((await revoke(fresh.access_token)).status, 200);
});

test('§10.5 switch revokeAcceptsExpiredAccessToken true: an expired access token revokes', async () => {
  emu.control.setOptions({ revokeAcceptsExpiredAccessToken: true });
  const pair = await connect(emu);
  await emu.control.advanceClock(3601);
  const ok = await revoke(pair.access_token);
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: 'success' });
  assert.equal(emu.control.userByEmail('host@demo.ekosistem.app')!.installed, false);
});

test('§10.5 revoke with a refresh token: refused by default (revokeAcceptsRefreshToken false), accepted when switched on', async () => {
  const pair = await connect(emu);
  const refused = await revoke(pair.refresh_token);
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), { reason: 'Invalid Token!', error: 'invalid_request' });
  assert.equal((await api(emu, 'GET', '/v2/users/me', pair.access_token)).status, 200, 'nothing was revoked');
  emu.control.setOptions({ revokeAcceptsRefreshToken: true });
  assert.equal((await revoke(pair.refresh_token)).status, 200);
  assert.equal((await api(emu, 'GET', '/v2/users/me', pair.access_token)).status, 401);
  await emu.control.settleWebhooks();
  assert.deepEqual(
    received.map((r) => r.event),
    ['app_deauthorized'],
  );
});

test('§10.5 app_deauthorized follows the revoke answer after revokeWebhookDelayMs; tokens die and the app is uninstalled at revoke time', async () => {
  assert.equal(emu.control.options().revokeWebhookDelayMs, 0);
  emu.control.setOptions({ revokeWebhookDelayMs: 300 });
  const pair = await connect(emu);
  const answered = await revoke(pair.access_token);
  assert.equal(answered.status, 200);
  const answeredAt = Date.now();
  assert.equal(received.length, 0, 'not yet sent when the answer arrives');
  assert.equal(emu.control.userByEmail('host@demo.ekosistem.app')!.installed, false);
  assert.equal((await api(emu, 'GET', '/v2/users/me', pair.access_token)).status, 401);
  await emu.control.settleWebhooks();
  assert.deepEqual(
    received.map((r) => r.event),
    ['app_deauthorized'],
  );
  assert.ok(received[0]!.at >= answeredAt + 200, `${received[0]!.at - answeredAt} ms after the answer`);
});

test('§10.5 default delay 0: the webhook is sent right after the answer; settleWebhooks waits for it', async () => {
  const pair = await connect(emu);
  assert.equal((await revoke(pair.access_token)).status, 200);
  await emu.control.settleWebhooks();
  assert.deepEqual(
    received.map((r) => r.event),
    ['app_deauthorized'],
  );
  assert.equal(emu.control.deliveries().at(-1)!.state, 'delivered');
});

test('§10.5 revokeWebhookDelayMs "before_answer": the webhook has arrived (first attempt done) before revoke answers — the race', async () => {
  emu.control.setOptions({ revokeWebhookDelayMs: 'before_answer' });
  const pair = await connect(emu);
  const answered = await revoke(pair.access_token);
  assert.equal(answered.status, 200);
  assert.deepEqual(
    received.map((r) => r.event),
    ['app_deauthorized'],
  );
  assert.equal(emu.control.deliveries().at(-1)!.attempts.length, 1);
});

// ---- §10.6 non-JSON answers --------------------------------------------------------------------

test("§10.6 a `status` fault with `html: true` answers an HTML page instead of Zoom's JSON (a proxy's 404)", async () => {
  const { access_token } = await connect(emu);
  const created = await create(access_token);
  emu.control.addFault({ operation: 'meetings.delete', kind: 'status', status: 404, html: true });
  const response = await fetch(`${emu.url}/v2/meetings/${created.body.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${access_token}` },
  });
  assert.equal(response.status, 404);
  assert.match(response.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await response.text(), /<html>/);
  assert.equal(emu.control.meetings().length, 1, 'nothing was deleted');
});

// ---- options ---------------------------------------------------------------------------------

test('switches: defaults are strict; setOptions and POST /_emulator/options change them; GET shows them; bad ones 400; reset restores the start options', async () => {
  const defaults = emu.control.options();
  assert.deepEqual(
    {
      timezoneCheck: defaults.timezoneCheck,
      dailyLimitAnswer: defaults.dailyLimitAnswer,
      revokeAcceptsExpiredAccessToken: defaults.revokeAcceptsExpiredAccessToken,
      revokeAcceptsRefreshToken: defaults.revokeAcceptsRefreshToken,
      revokeWebhookDelayMs: defaults.revokeWebhookDelayMs,
    },
    {
      timezoneCheck: 'zoom_list',
      dailyLimitAnswer: 'observed',
      revokeAcceptsExpiredAccessToken: false,
      revokeAcceptsRefreshToken: false,
      revokeWebhookDelayMs: 0,
    },
  );
  assert.ok(!('clientSecret' in defaults) && !('webhookSecret' in defaults));
  const post = (b: unknown) =>
    fetch(`${emu.url}/_emulator/options`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(b),
    });
  const changed = await post({
    timezoneCheck: 'lenient',
    revokeWebhookDelayMs: 'before_answer',
    perSecondLimits: { pro: { light: 500, medium: 500, heavy: 500 } },
  });
  assert.equal(changed.status, 200);
  const shown = (await (await fetch(`${emu.url}/_emulator/options`)).json()) as Record<string, unknown>;
  assert.equal(shown.timezoneCheck, 'lenient');
  assert.equal(shown.revokeWebhookDelayMs, 'before_answer');
  assert.deepEqual((shown.perSecondLimits as Record<string, unknown>).pro, { light: 500, medium: 500, heavy: 500 });
  assert.equal((await post({ timezoneCheck: 'loose' })).status, 400);
  assert.equal((await post({ clientSecret: 'x' })).status, 400, 'credentials are fixed at start');
  assert.equal((await post({ revokeWebhookDelayMs: -1 })).status, 400);
  assert.throws(() => emu.control.setOptions({ dailyLimitAnswer: 'both' as 'observed' }), /dailyLimitAnswer/);
  emu.control.reset();
  assert.deepEqual(emu.control.options(), defaults);

  const custom = await startZoomEmulator({
    redirectUris: [REDIRECT],
    dailyLimitAnswer: 'documented',
    timezoneCheck: 'lenient',
    revokeWebhookDelayMs: 50,
  });
  try {
    assert.equal(custom.control.options().dailyLimitAnswer, 'documented');
    custom.control.setOptions({ dailyLimitAnswer: 'observed', timezoneCheck: 'zoom_list' });
    custom.control.reset();
    assert.equal(custom.control.options().dailyLimitAnswer, 'documented');
    assert.equal(custom.control.options().timezoneCheck, 'lenient');
    assert.equal(custom.control.options().revokeWebhookDelayMs, 50);
  } finally {
    await custom.close();
  }
  await assert.rejects(startZoomEmulator({ timezoneCheck: 'loose' as 'lenient' }), /timezoneCheck/);
});
