/** The webhook endpoint (docs/product.md §5, §6), deauthorization, and the 10-day compliance notice. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../src/db/orm.ts';
import { zoomConnections, zoomDeauthorizations, zoomWebhookReceipts } from '../src/db/schema.ts';
import { signWebhook } from '../src/zoom/webhookSignature.ts';
import { zoomScenario, type Scenario } from './helpers/zoomScenario.ts';
import { connectZoom, readMetrics } from './helpers/testApp.ts';

let s: Scenario;
let url: string;
before(async () => {
  s = await zoomScenario({ listen: true });
  url = `http://127.0.0.1:${s.t.port}/integrations/zoom/webhook`;
});
after(() => s.t.close());

const secret = () => s.t.emulator!.webhookSecret;
const nowSeconds = () => String(Math.floor(s.clock.now() / 1000));
const send = (body: string, headers: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const signed = (body: string, ts = nowSeconds(), key = secret()) => ({
  'x-zm-request-timestamp': ts,
  'x-zm-signature': signWebhook(key, ts, body),
});

async function receiptCount() {
  return (await s.t.deps.database.db.select().from(zoomWebhookReceipts)).length;
}

test('docs/zoom-facts.md §7.3: url validation is answered with plainToken and encryptedToken; the emulator checks it', async () => {
  const response = await fetch(`${s.t.emulator!.url}/_emulator/webhooks/validate`, { method: 'POST' });
  const result = (await response.json()) as { valid: boolean };
  assert.equal(result.valid, true);
});

test('forged, wrong-secret, stale (±5 min), replayed, unsigned and one-byte-changed deliveries are rejected and change nothing', async () => {
  const userId = s.t.emulator!.control.userByEmail('host@demo.ekosistem.app')!.id;
  const body = JSON.stringify({
    event: 'app_deauthorized',
    event_ts: s.clock.now(),
    payload: {
      account_id: 'a',
      user_id: userId,
      client_id: 'c',
      deauthorization_time: new Date(s.clock.now()).toISOString(),
    },
  });
  const before = await receiptCount();
  const cases: [string, Promise<Response>, number][] = [
    [
      'forged signature',
      send(body, { 'x-zm-request-timestamp': nowSeconds(), 'x-zm-signature': `v0=${'0'.repeat(64)}` }),
      401,
    ],
    ['wrong secret', send(body, signed(body, nowSeconds(), 'not-the-secret')), 401],
    ['stale: 6 minutes old', send(body, signed(body, String(Number(nowSeconds()) - 360))), 401],
    ['stale: 6 minutes ahead', send(body, signed(body, String(Number(nowSeconds()) + 360))), 401],
    ['missing headers', send(body, {}), 401],
    ['body changed by one byte', send(body.replace('"a"', '"b"'), signed(body)), 401],
    ['malformed JSON, correctly signed', send('{"event":', signed('{"event":')), 400],
  ];
  for (const [name, response, status] of cases) assert.equal((await response).status, status, name);
  const accepted = signed(JSON.stringify({ event: 'meeting.started', event_ts: 1, payload: {} }));
  const okBody = JSON.stringify({ event: 'meeting.started', event_ts: 1, payload: {} });
  assert.equal((await send(okBody, accepted)).status, 200, 'unknown events are acknowledged');
  assert.equal((await send(okBody, accepted)).status, 409, 'the same delivery again is a replay');
  assert.equal(await receiptCount(), before + 1);
  const [row] = await s.t.deps.database.db.select().from(zoomConnections).where(eq(zoomConnections.userId, s.hostId));
  assert.equal(row!.status, 'connected', 'nothing was deauthorized');
});

test('uninstall at Zoom Marketplace → tokens gone within the request; the host is told; the notice reaches Zoom with the documented body', async () => {
  const zoomUser = s.t.emulator!.control.userByEmail('host@demo.ekosistem.app')!;
  const created = await s.createZoomRecord({ title: 'Stays on Zoom' });
  await s.t.emulator!.control.deauthorize(zoomUser.id);
  const delivery = s.t.emulator!.control.deliveries().at(-1)!;
  assert.equal(delivery.state, 'delivered');
  const [row] = await s.t.deps.database.db.select().from(zoomConnections).where(eq(zoomConnections.userId, s.hostId));
  assert.equal(row!.status, 'deauthorized');
  assert.equal(row!.accessTokenSealed, null);
  assert.equal(row!.refreshTokenSealed, null);
  assert.equal(row!.zoomEmail, null);
  const me = (await (await s.host.api('GET', '/api/me')).json()) as { zoom: { status: string } };
  assert.equal(me.zoom.status, 'deauthorized');
  const mail = await s.mailTo('hana@example.com');
  assert.ok(mail.some((m) => /removed from your Zoom account/.test(m.subject)));

  await s.t.queue.runDueJobs();
  const notices = s.t.emulator!.control.complianceNotices();
  assert.equal(notices.length, 1);
  const notice = notices[0]!.body as Record<string, unknown>;
  assert.equal(notice.client_id, s.t.emulator!.clientId);
  assert.equal(notice.user_id, zoomUser.id);
  assert.equal(notice.account_id, zoomUser.accountId);
  assert.equal(notice.compliance_completed, true);
  assert.equal((notice.deauthorization_event_received as Record<string, unknown>).user_id, zoomUser.id);
  const [record] = await s.t.deps.database.db.select().from(zoomDeauthorizations);
  assert.equal(record!.noticeStatus, 'sent');
  assert.equal(record!.zoomUserId, null, 'after the notice nothing about the Zoom user remains');
  assert.equal(record!.eventPayload, null);
  // The meeting stays on Zoom and its id stays on the record (docs/product.md §6: what records need).
  assert.equal(
    ((await (await s.host.api('GET', `/api/meetings/${created.id}`)).json()) as { zoom: { meetingId: string } }).zoom
      .meetingId,
    created.zoom.meetingId,
  );

  // Zoom delivering the same event again (same body, a later timestamp) is a harmless no-op.
  // (The very same timestamp and body would be a replay, refused with 409 by the test above.)
  const retriedAt = String(Math.floor(Date.parse(delivery.attempts.at(-1)!.at) / 1000) + 1);
  const again = await send(delivery.body, signed(delivery.body, retriedAt));
  assert.equal(again.status, 200);
  assert.equal(((await again.json()) as { outcome: string }).outcome, 'nothing_to_do');
  assert.equal((await s.t.deps.database.db.select().from(zoomDeauthorizations)).length, 1);
});

test('the app_deauthorized that follows our own disconnect (revoke) finds nothing to do', async () => {
  await connectZoom(s.host, s.t.emulator!);
  const before = (await s.t.deps.database.db.select().from(zoomDeauthorizations)).length;
  const result = (await (await s.host.api('POST', '/integrations/zoom/disconnect')).json()) as { outcome: string };
  assert.equal(result.outcome, 'revoked');
  await s.t.emulator!.control.settleWebhooks();
  assert.equal(s.t.emulator!.control.deliveries().at(-1)!.state, 'delivered');
  assert.equal((await s.t.deps.database.db.select().from(zoomDeauthorizations)).length, before);
});

test('an unknown Zoom user is fine', async () => {
  const body = JSON.stringify({
    event: 'app_deauthorized',
    event_ts: 1,
    payload: { account_id: 'x', user_id: 'nobody', client_id: 'c' },
  });
  const response = await send(body, signed(body));
  assert.equal(response.status, 200);
});

test('Zoom refusing the notice for 9 days: it still reaches Zoom before day 10, and the day-8 alert fired', async () => {
  await connectZoom(s.host, s.t.emulator!);
  const zoomUser = s.t.emulator!.control.userByEmail('host@demo.ekosistem.app')!;
  s.t.emulator!.control.addFault({ operation: 'oauth.data_compliance', kind: 'status', status: 503, rate: 1 });
  const noticesBefore = s.t.emulator!.control.complianceNotices().length;
  const start = s.clock.now();
  await s.t.emulator!.control.deauthorize(zoomUser.id);
  const day = 86_400_000;
  while (s.clock.now() - start < 9 * day) {
    await s.t.queue.runDueJobs();
    await s.advance(60 * 60_000);
  }
  assert.equal(s.t.emulator!.control.complianceNotices().length, noticesBefore, 'refused so far');
  assert.ok(
    s.t.emulator!.control.calls({ operation: 'oauth.data_compliance' }).filter((c) => c.status === 503).length > 10,
    'retried',
  );
  const alert = s.t.logLines.find(
    (line) => line.includes('"level":50') && line.includes('data-compliance notice unsent 8 days'),
  );
  assert.ok(alert, 'the day-8 alert was logged at error level');
  const metrics = await readMetrics(s.host);
  assert.match(metrics, /zoom_compliance_notices_overdue 1/);
  assert.match(metrics, /zoom_deauthorizations\{notice="overdue"\} 1/);
  s.t.emulator!.control.clearFaults();
  while (s.t.emulator!.control.complianceNotices().length === noticesBefore && s.clock.now() - start < 10 * day) {
    await s.t.queue.runDueJobs();
    await s.advance(30 * 60_000);
  }
  assert.equal(s.t.emulator!.control.complianceNotices().length, noticesBefore + 1);
  assert.ok(s.clock.now() - start < 10 * day, 'before day 10');
  const rows = await s.t.deps.database.db.select().from(zoomDeauthorizations);
  assert.ok(rows.every((r) => r.noticeStatus === 'sent'));
  assert.match(await readMetrics(s.host), new RegExp(`zoom_deauthorizations\\{notice="sent"\\} ${rows.length}`));
});

test('/help/zoom renders the corrected page: three scopes and the compliance wording', async () => {
  const response = await s.host.get('/help/zoom');
  assert.equal(response.status, 200);
  const text = await response.text();
  for (const scope of ['meeting:write:meeting', 'meeting:delete:meeting', 'user:read:user'])
    assert.ok(text.includes(scope), scope);
  assert.match(
    text,
    /data-compliance notification within Zoom&#39;s 10-day window|data-compliance notification within Zoom's 10-day window/,
  );
  assert.match(text, /Disconnect Zoom/);
  // docs/product.md §2 in a host's words: others' records use your Zoom only where you turned it on.
  assert.match(text, /When your Zoom is used/);
  assert.match(text, /Let members schedule Zoom meetings with me/);
  assert.match(text, /at most 10 meetings a day on your Zoom/);
});
