/** Conformance: REST, scopes, limits and faults (docs/zoom-facts.md §1.8, §2–§6). */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { startZoomEmulator, type ZoomEmulator } from './startZoomEmulator.ts';
import { REDIRECT, api, connect } from './testClient.ts';

let emu: ZoomEmulator;
before(async () => {
  emu = await startZoomEmulator({ redirectUris: [REDIRECT] });
});
beforeEach(() => emu.control.reset());
after(() => emu.close());

const meetingBody = {
  topic: 'Intro',
  type: 2,
  start_time: '2031-03-01T09:00:00Z',
  duration: 30,
  timezone: 'Europe/Helsinki',
  settings: { waiting_room: true, join_before_host: false },
};

test('§1.8 a token in the query string → 401 code 124 "not supported as query parameter"', async () => {
  const { access_token } = await connect(emu);
  const response = await api(emu, 'GET', `/v2/users/me?access_token=${access_token}`);
  assert.equal(response.status, 401);
  assert.equal(response.body.code, 124);
  assert.match(String(response.body.message), /not supported as query parameter/);
});

test('§1.8 a missing or unknown bearer token → 401 code 124', async () => {
  assert.equal((await api(emu, 'GET', '/v2/users/me')).body.code, 124);
  assert.equal((await api(emu, 'GET', '/v2/users/me', 'made-up')).status, 401);
});

test('§3 GET /v2/users/me answers the documented fields', async () => {
  const { access_token } = await connect(emu);
  const me = await api(emu, 'GET', '/v2/users/me', access_token);
  assert.equal(me.status, 200);
  for (const field of [
    'id',
    'account_id',
    'email',
    'type',
    'first_name',
    'last_name',
    'pmi',
    'timezone',
    'verified',
    'status',
  ]) {
    assert.ok(field in me.body, field);
  }
  assert.equal(me.body.email, 'host@demo.ekosistem.app');
  assert.equal(me.body.type, 2);
});

test('§4 POST /v2/users/me/meetings → 201 with 11-digit id, uuid, join_url with pwd, start_url, password, host_id', async () => {
  const { access_token } = await connect(emu);
  const created = await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody);
  assert.equal(created.status, 201);
  const m = created.body;
  assert.equal(typeof m.id, 'number');
  assert.match(String(m.id), /^\d{11}$/);
  assert.ok(Number.isSafeInteger(m.id));
  assert.equal(typeof m.uuid, 'string');
  assert.match(String(m.join_url), /\/j\/\d{11}\?pwd=/);
  assert.match(String(m.start_url), /\/s\/\d{11}/);
  assert.ok(String(m.password).length <= 10);
  assert.equal(m.host_id, emu.control.userByEmail('host@demo.ekosistem.app')!.id);
  assert.equal(m.topic, 'Intro');
  assert.equal(m.start_time, '2031-03-01T09:00:00Z');
  assert.equal(m.duration, 30);
  assert.equal(m.status, 'waiting');
  assert.equal((m.settings as Record<string, unknown>).waiting_room, true);
  const fetched = await api(emu, 'GET', `/v2/meetings/${m.id}`, access_token);
  assert.equal(fetched.status, 400, 'GET needs meeting:read:meeting, which the product does not request');
  assert.equal(fetched.body.code, 4711);
});

test('§4 malformed create bodies answer code 300 with field errors, never 5xx', async () => {
  const { access_token } = await connect(emu);
  const badJson = await api(emu, 'POST', '/v2/users/me/meetings', access_token, '{"topic":');
  assert.equal(badJson.status, 400);
  assert.equal(badJson.body.code, 300);
  const badTypes = await api(emu, 'POST', '/v2/users/me/meetings', access_token, {
    topic: 5,
    duration: 'long',
    start_time: 'soon',
  });
  assert.equal(badTypes.status, 400);
  assert.equal(badTypes.body.message, 'Validation Failed.');
  assert.deepEqual((badTypes.body.errors as { field: string }[]).map((e) => e.field).sort(), [
    'duration',
    'start_time',
    'topic',
  ]);
});

test('§5 DELETE /v2/meetings/{id} → 204; again (or unknown) → 404 code 3001', async () => {
  const { access_token } = await connect(emu);
  const created = await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody);
  const id = created.body.id;
  const deleted = await fetch(`${emu.url}/v2/meetings/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${access_token}` },
  });
  assert.equal(deleted.status, 204);
  assert.equal(await deleted.text(), '');
  const again = await api(emu, 'DELETE', `/v2/meetings/${id}`, access_token);
  assert.equal(again.status, 404);
  assert.deepEqual(again.body, { code: 3001, message: `Meeting does not exist: ${id}.` });
  assert.equal(emu.control.meetings().length, 0);
  assert.equal(emu.control.meetings('deleted').length, 1);
});

test('§2.1 missing granular scope → 400 code 4711 naming the scopes', async () => {
  const { access_token } = await connect(emu, 'noscope@example.com');
  const created = await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody);
  assert.equal(created.status, 201);
  const refused = await api(emu, 'DELETE', `/v2/meetings/${created.body.id}`, access_token);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.code, 4711);
  assert.match(
    String(refused.body.message),
    /does not contain scopes:\[meeting:delete:meeting:admin, meeting:delete:meeting\]/,
  );
});

test('§6.2 100 creates per user per UTC day → 429 (dailyLimitAnswer "documented": ISO Retry-After and X-RateLimit-*); resets at 00:00 UTC', async () => {
  emu.control.setLimits({ dailyMeetingCreateLimit: 3, perSecond: { pro: { light: 1000, medium: 1000, heavy: 1000 } } });
  emu.control.setOptions({ dailyLimitAnswer: 'documented' });
  await emu.control.setClock(new Date('2031-03-01T22:00:00Z'));
  const { access_token } = await connect(emu);
  for (let i = 0; i < 3; i++)
    assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody)).status, 201);
  const limited = await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2031-03-02T00:00:00Z');
  assert.equal(limited.headers.get('x-ratelimit-type'), 'Daily-limit');
  assert.equal(limited.headers.get('x-ratelimit-remaining'), '0');
  assert.equal(limited.headers.get('x-ratelimit-limit'), '3');
  assert.match(String(limited.body.message), /maximum daily rate limit/);
  await emu.control.setClock(new Date('2031-03-02T00:00:01Z'));
  const fresh = await connect(emu);
  assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', fresh.access_token, meetingBody)).status, 201);
});

test('§6.2 per-second limits by plan and label → 429 with Retry-After in seconds', async () => {
  emu.control.setLimits({ perSecond: { pro: { light: 2, medium: 2, heavy: 1 } } });
  const { access_token } = await connect(emu);
  const results = await Promise.all(Array.from({ length: 6 }, () => api(emu, 'GET', '/v2/users/me', access_token)));
  const limited = results.filter((r) => r.status === 429);
  assert.ok(limited.length >= 4, `expected ≥4 of 6 limited, got ${limited.length}`);
  assert.equal(limited[0]!.headers.get('retry-after'), '1');
  assert.equal(limited[0]!.headers.get('x-ratelimit-type'), 'QPS');
  assert.match(String(limited[0]!.body.message), /per-second rate limit/);
});

test('faults: 5xx for the next N calls, then normal again', async () => {
  const { access_token } = await connect(emu);
  emu.control.addFault({ operation: 'meetings.create', kind: 'status', status: 503, count: 2 });
  assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody)).status, 503);
  assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody)).status, 503);
  assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody)).status, 201);
  assert.equal(emu.control.meetings().length, 1);
});

test('faults: removeFault ends one fault and leaves the others', async () => {
  const { access_token } = await connect(emu);
  const createDown = emu.control.addFault({ operation: 'meetings.create', kind: 'status', status: 503, rate: 1 });
  emu.control.addFault({ operation: 'meetings.delete', kind: 'status', status: 500, rate: 1 });
  assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody)).status, 503);
  emu.control.removeFault(createDown);
  assert.equal((await api(emu, 'POST', '/v2/users/me/meetings', access_token, meetingBody)).status, 201);
  assert.equal((await api(emu, 'DELETE', '/v2/meetings/1', access_token)).status, 500);
});

test('faults: injected 429 with Retry-After seconds', async () => {
  const { access_token } = await connect(emu);
  emu.control.addFault({ operation: 'meetings.delete', kind: 'rate_limit', retryAfterSeconds: 7 });
  const limited = await api(emu, 'DELETE', '/v2/meetings/81234567890', access_token);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '7');
});

test('faults: timeout after commit — the meeting exists but no answer comes', async () => {
  const { access_token } = await connect(emu);
  emu.control.addFault({ operation: 'meetings.create', kind: 'timeout_after_commit' });
  await assert.rejects(
    fetch(`${emu.url}/v2/users/me/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(meetingBody),
      signal: AbortSignal.timeout(300),
    }),
    /TimeoutError|aborted/,
  );
  assert.equal(emu.control.meetings().length, 1);
});

test('faults: a fixed delay, a dropped connection, and a rate of failures', async () => {
  const { access_token } = await connect(emu);
  emu.control.addFault({ operation: 'users.me', kind: 'network_drop' });
  await assert.rejects(fetch(`${emu.url}/v2/users/me`, { headers: { authorization: `Bearer ${access_token}` } }));
  emu.control.addFault({ operation: 'users.me', kind: 'delay', delayMs: 50 });
  assert.equal((await api(emu, 'GET', '/v2/users/me', access_token)).status, 200);
  emu.control.addFault({ operation: 'users.me', kind: 'status', status: 500, rate: 1, count: 3 });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await api(emu, 'GET', '/v2/users/me', access_token)).status);
  assert.deepEqual(statuses, [500, 500, 500, 200]);
});

test('the call log names operation, status and token id for every call', async () => {
  const { access_token } = await connect(emu);
  emu.control.clearCalls();
  await api(emu, 'GET', '/v2/users/me', access_token);
  await api(emu, 'DELETE', '/v2/meetings/12345678901', access_token);
  const calls = emu.control.calls();
  assert.deepEqual(
    calls.map((c) => [c.method, c.operation, c.status]),
    [
      ['GET', 'users.me', 200],
      ['DELETE', 'meetings.delete', 404],
    ],
  );
  assert.ok(calls.every((c) => typeof c.tokenId === 'string' && c.tokenId.length === 12));
});

test('the control API over HTTP: users, faults, clock, calls, limits, reset', async () => {
  const post = (path: string, body: unknown) =>
    fetch(`${emu.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const created = await post('/_emulator/users', { email: 'new@example.com', type: 1, scopes: ['user:read:user'] });
  assert.equal(created.status, 201);
  assert.equal((await post('/_emulator/users', { email: 'not-an-email' })).status, 400);
  const users = (await (await fetch(`${emu.url}/_emulator/users`)).json()) as { items: { email: string }[] };
  assert.ok(users.items.some((u) => u.email === 'new@example.com'));
  assert.equal(
    (await post('/_emulator/faults', { operation: 'users.me', kind: 'status', status: 502, count: 1 })).status,
    201,
  );
  assert.equal((await post('/_emulator/faults', { operation: 'users.me', kind: 'explode' })).status, 400);
  const clock = (await (await post('/_emulator/clock', { advanceSeconds: 86400 })).json()) as { now: string };
  assert.ok(Date.parse(clock.now) > Date.now() + 86_000_000);
  assert.equal((await post('/_emulator/latency', { ms: 0 })).status, 200);
  assert.equal((await post('/_emulator/limits', { dailyMeetingCreateLimit: 50 })).status, 200);
  assert.equal((await fetch(`${emu.url}/_emulator/calls`)).status, 200);
  assert.equal((await post('/_emulator/reset', {})).status, 200);
  assert.equal(emu.control.userByEmail('new@example.com'), undefined);
});
