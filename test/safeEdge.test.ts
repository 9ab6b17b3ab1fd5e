/**
 * The app's edge: request body limits before parsing and authentication, security
 * headers on every response, no inline script, safe redirects, real dates in forms, https-only Zoom
 * join URLs, readable error codes in logs with the OAuth code still redacted, and /metrics behind
 * a bearer token.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { count } from '../src/db/orm.ts';
import { meetings, providerMeetings } from '../src/db/schema.ts';
import { createLogger } from '../src/logger.ts';
import { createMeeting } from '../src/zoom/meetings.ts';
import { ZoomError } from '../src/zoom/zoomErrors.ts';
import { renderMeetingMail, type MeetingForMail } from '../src/mail/renderMeetingMail.ts';
import { REQUEST_BODY_LIMIT, WEBHOOK_BODY_LIMIT } from '../src/web/middleware/bodyLimits.ts';
import {
  Client,
  TEST_METRICS_TOKEN,
  connectZoom,
  createTestApp,
  distinctFuture,
  future,
  type TestApp,
} from './helpers/testApp.ts';
import { utcToZonedLocal } from '../src/meetings/zonedTime.ts';

let t: TestApp;
let host: Client;
let ecoId: string;
before(async () => {
  t = await createTestApp({ zoom: true });
  host = new Client(t.app);
  await host.signUp('Hana Host', 'hana@example.com');
  ecoId = ((await (await host.api('POST', '/api/ecosystems', { name: 'Edge' })).json()) as { id: string }).id;
});
after(() => t.close());

const meetingCount = async () => (await t.deps.database.db.select({ n: count() }).from(meetings))[0]!.n;

/** A body of `total` bytes produced lazily, recording how much of it was read. */
function lazyBody(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const size = Math.min(chunk, total - state.pulled);
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, state };
}

async function assertTooLarge(response: Response, json = true) {
  assert.equal(response.status, 413);
  if (json) {
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'payload_too_large');
    assert.equal(typeof body.error.message, 'string');
  }
}

test('a declared body over the limit is refused with 413 before parsing or authentication (API, form, webhook)', async () => {
  const big = 'x'.repeat(REQUEST_BODY_LIMIT + 1);
  const anonymous = new Client(t.app);
  await assertTooLarge(await anonymous.api('POST', '/api/auth/login', { email: 'a@example.com', password: big }));
  // Without a session or Origin the answer would be 401/403: the limit comes first.
  await assertTooLarge(
    await anonymous.request('/api/ecosystems', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    }),
  );
  await assertTooLarge(
    await anonymous.request('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=a&password=${big}`,
    }),
    false,
  );
  await assertTooLarge(
    await anonymous.request('/integrations/zoom/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(WEBHOOK_BODY_LIMIT + 1),
    }),
  );
  // Under the limits, the usual answers.
  assert.equal((await anonymous.api('POST', '/api/auth/login', { email: 'a@example.com', password: 'x' })).status, 401);
  assert.equal((await anonymous.request('/integrations/zoom/webhook', { method: 'POST', body: '{}' })).status, 401);
});

test('a chunked body without Content-Length is read only up to the limit (200 MB sent, about 1 MB read)', async () => {
  for (const [path, limit] of [
    ['/api/auth/login', REQUEST_BODY_LIMIT],
    ['/integrations/zoom/webhook', WEBHOOK_BODY_LIMIT],
  ] as const) {
    const { stream, state } = lazyBody(200 * 1024 * 1024);
    const response = await t.app.request(`http://localhost:3000${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await assertTooLarge(response);
    assert.ok(state.pulled <= limit + 256 * 1024, `${path}: read ${state.pulled} bytes`);
  }
});

test('every response carries the security headers: CSP without inline script, no framing, nosniff, a referrer policy', async () => {
  const responses = [
    await host.get('/ecosystems'),
    await host.get(`/ecosystems/${ecoId}/lets-meet/manage`),
    await host.get('/signin'),
    await host.api('GET', '/api/me'),
    await host.get('/no/such/page'),
    await host.get('/healthz'),
    await new Client(t.app).api('POST', '/api/auth/login', { password: 'x'.repeat(REQUEST_BODY_LIMIT + 1) }),
  ];
  for (const response of responses) {
    const csp = response.headers.get('content-security-policy') ?? '';
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.ok(scriptSrc.includes("'self'"), csp);
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.match(response.headers.get('referrer-policy') ?? '', /^(no-referrer|same-origin)$/);
  }
});

test('no page has an inline script or a javascript: link; the scripts they load are served as files', async () => {
  const pages = [
    await host.get('/ecosystems'),
    await host.get(`/ecosystems/${ecoId}/lets-meet/manage`),
    await host.get(`/ecosystems/${ecoId}/lets-meet/new`),
    await host.get('/help/zoom'),
    await host.get('/no/such/page'),
    await connectZoom(host, t.emulator!),
  ];
  const sources = new Set<string>();
  for (const page of pages) {
    const text = await page.text();
    for (const tag of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      const src = /\ssrc="([^"]+)"/.exec(tag)?.[1];
      assert.ok(src, `inline script: ${tag.slice(0, 80)}`);
      assert.match(tag, /^<script\b[^>]*><\/script>$/, 'a script with src has no body');
      sources.add(src);
    }
    assert.doesNotMatch(text, /href="javascript:/i);
    assert.doesNotMatch(text, /\son[a-z]+="/i, 'no inline event handlers');
  }
  assert.ok(sources.has('/assets/zoomCard.js') && sources.has('/assets/zoomConnected.js'), [...sources].join(','));
  for (const src of sources) {
    const script = await host.get(src);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  }
  assert.equal((await host.get('/assets/..%2Fapp.ts')).status, 404);
});

test('disconnect returnTo cannot leave the site: /.//host, /\\host, //host fall back to a local path', async () => {
  for (const returnTo of [
    '/.//evil.example/x',
    '/\\evil.example',
    '//evil.example',
    '/..//evil.example',
    'https://evil.example/',
  ]) {
    const response = await host.form(
      '/integrations/zoom/disconnect',
      { returnTo },
      await host.csrfToken('/ecosystems'),
    );
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    assert.match(location, /^\/(?![/\\])/, `${returnTo} → ${location}`);
    assert.equal(new URL(location, 'http://localhost:3000').origin, 'http://localhost:3000');
  }
  const kept = await host.form(
    '/integrations/zoom/disconnect',
    { returnTo: `/ecosystems/${ecoId}/lets-meet/manage` },
    await host.csrfToken('/ecosystems'),
  );
  assert.match(kept.headers.get('location') ?? '', new RegExp(`^/ecosystems/${ecoId}/lets-meet/manage\\?zoom=`));
  // The sign-in form's `next` follows the same rule.
  const signIn = await new Client(t.app).get('/signin?next=/.//evil.example/x');
  assert.doesNotMatch(await signIn.text(), /evil\.example/);
});

test('the HTML form refuses impossible dates as the JSON API does, and stores nothing', async () => {
  const before = await meetingCount();
  const form = (startLocal: string) => ({
    kind: 'booking',
    title: 'Dates',
    description: '',
    startLocal,
    timezone: 'Europe/Helsinki',
    durationMinutes: '30',
    hostUserId: '',
    locationType: 'in_person',
    address: 'Somewhere 1',
    url: '',
    attendees: '',
  });
  for (const startLocal of ['2031-02-30T10:00', '2031-13-45T99:99', '2031-04-31T10:00', '2031-02-28T24:00']) {
    const response = await host.form(
      `/ecosystems/${ecoId}/lets-meet/new`,
      form(startLocal),
      await host.csrfToken('/ecosystems'),
    );
    assert.equal(response.status, 400, startLocal);
    assert.match(await response.text(), /not a real date and time/);
    const api = await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'booking',
      title: 'Dates',
      startTime: `${startLocal}:00Z`,
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'in_person', address: 'x' },
    });
    assert.equal(api.status, 400, `API ${startLocal}`);
  }
  assert.equal(await meetingCount(), before);
  const real = await host.form(
    `/ecosystems/${ecoId}/lets-meet/new`,
    form(utcToZonedLocal(new Date(future(4)), 'Europe/Helsinki')),
    await host.csrfToken('/ecosystems'),
  );
  assert.equal(real.status, 303);
});

test('a Zoom join_url that is not https (javascript:, data:, http elsewhere) is refused, never stored', async () => {
  const answer = (joinUrl: string) =>
    (async () =>
      new Response(
        JSON.stringify({
          id: 81234567890,
          uuid: 'u==',
          join_url: joinUrl,
          start_url: 'https://zoom.us/s/1?zak=x',
          password: 'p',
        }),
        { status: 201, headers: { 'content-type': 'application/json' } },
      )) as typeof fetch;
  const request = { topic: 't', startTime: new Date(future(2)), durationMinutes: 30, timezone: 'UTC' };
  for (const joinUrl of [
    'javascript:alert(1)//https://zoom.us/j/1',
    'data:text/html,<script>alert(1)</script>',
    'http://zoom.us/j/1',
    'ftp://zoom.us/j/1',
  ]) {
    await assert.rejects(
      createMeeting({ apiBaseUrl: 'https://api.zoom.us', fetch: answer(joinUrl) }, 'at', request),
      (e: unknown) => e instanceof ZoomError && e.code === 'zoom_permanent',
      joinUrl,
    );
  }
  const ok = await createMeeting(
    { apiBaseUrl: 'https://api.zoom.us', fetch: answer('https://us02web.zoom.us/j/81234567890?pwd=x') },
    'at',
    request,
  );
  assert.equal(ok.joinUrl, 'https://us02web.zoom.us/j/81234567890?pwd=x');
  // The offline emulator's own http origin is the one exception.
  const emulated = await createMeeting(
    { apiBaseUrl: 'http://127.0.0.1:4010', fetch: answer('http://127.0.0.1:4010/j/81234567890') },
    'at',
    request,
  );
  assert.equal(emulated.joinUrl, 'http://127.0.0.1:4010/j/81234567890');
  await assert.rejects(
    createMeeting({ apiBaseUrl: 'http://127.0.0.1:4010', fetch: answer('http://evil.example/j/1') }, 'at', request),
  );
});

test('a stored non-http(s) join URL is never rendered as a link, in the page or in mail', async () => {
  await connectZoom(host, t.emulator!);
  const created = (await (
    await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'booking',
      title: 'Link check',
      startTime: distinctFuture(3),
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'zoom' },
    })
  ).json()) as { id: string; zoom: { status: string } };
  assert.equal(created.zoom.status, 'created');
  // As if an older version had stored one.
  await t.deps.database.db.update(providerMeetings).set({ joinUrl: 'javascript:alert(document.cookie)' });
  const page = await (await host.get(`/meetings/${created.id}`)).text();
  assert.doesNotMatch(page, /href="javascript:/i);
  const mail = renderMeetingMail(
    {
      id: created.id,
      kind: 'booking',
      title: 'Link check',
      description: '',
      startAt: new Date(future(3)),
      durationMinutes: 30,
      timezone: 'UTC',
      hostName: 'H',
      hostEmail: 'h@example.com',
      location: { type: 'zoom', joinUrl: 'javascript:alert(1)' },
      sequence: 0,
      recordUrl: 'http://localhost:3000/meetings/x',
    } satisfies MeetingForMail,
    { email: 'a@example.com', name: 'A' },
    'invitation',
  );
  assert.doesNotMatch(mail.html, /href="javascript:/i);
});

test('logs keep error codes readable (ZoomError.code, err.code) and still redact the OAuth code wherever it is carried', () => {
  const lines: string[] = [];
  const log = createLogger({
    level: 'info',
    destination: new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  log.warn({ err: new ZoomError('zoom_rate_limited', 'slow down') }, 'zoom failed');
  log.warn({ error: { code: 'zoom_token_dead' }, code: 'invalid_grant' }, 'plain codes');
  log.info({ query: { code: 'AUTHCODE-1', state: 's' } }, 'callback');
  log.info({ request: { body: { grant_type: 'authorization_code', code: 'AUTHCODE-2' } } }, 'token call');
  log.info(
    { grant: { code: 'AUTHCODE-3' }, authorizationCode: 'AUTHCODE-4', nested: { authorization_code: 'AUTHCODE-5' } },
    'grant',
  );
  const text = lines.join('');
  assert.match(text, /"code":"zoom_rate_limited"/);
  assert.match(text, /"code":"zoom_token_dead"/);
  assert.match(text, /"code":"invalid_grant"/);
  assert.doesNotMatch(text, /AUTHCODE-/);
});

test('/metrics answers only to the METRICS_TOKEN bearer; without the token configured it does not exist', async () => {
  const anonymous = new Client(t.app);
  const denied = await anonymous.get('/metrics');
  assert.equal(denied.status, 401);
  assert.match(denied.headers.get('www-authenticate') ?? '', /^Bearer/);
  assert.equal(
    (await anonymous.request('/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status,
    401,
  );
  const allowed = await anonymous.request('/metrics', { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
  assert.equal(allowed.status, 200);
  assert.match(await allowed.text(), /meeting_records/);
  const unset = await createTestApp({ env: { METRICS_TOKEN: '' }, testDb: t.testDb });
  try {
    assert.equal((await new Client(unset.app).get('/metrics')).status, 404);
  } finally {
    await unset.close();
  }
});

test('text PostgreSQL cannot store (a NUL character) never reaches it: free text loses it on input (found by the fuzz suite)', async () => {
  const api = await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'booking',
    title: 'a\u0000b',
    description: 'line\u0000one',
    startTime: distinctFuture(3),
    durationMinutes: 30,
    timezone: 'UTC',
    location: { type: 'in_person', address: 'x\u0000y' },
  });
  assert.equal(api.status, 201);
  const created = (await api.json()) as { title: string; description: string; location: { address: string } };
  assert.deepEqual([created.title, created.description, created.location.address], ['ab', 'lineone', 'xy']);
  const only = await host.api('POST', '/api/ecosystems', { name: '\u0000' });
  assert.equal(only.status, 400, 'a name of nothing but NUL is empty');
  assert.equal(((await only.json()) as { error: { code: string } }).error.code, 'invalid_input');
});
