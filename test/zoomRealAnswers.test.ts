/**
 * Zoom as it really answers (docs/zoom-facts.md §10), each against an emulator that answers the
 * way Zoom does — the daily limit without Retry-After, deleting a running meeting, Basic hosts,
 * time zones, revoke with an expired token and the webhook it triggers, and what we keep of the
 * deauthorization payload and do when the compliance endpoint is gone.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from '../src/db/orm.ts';
import { meetings, providerMeetings, zoomConnections, zoomDeauthorizations } from '../src/db/schema.ts';
import { signWebhook } from '../src/zoom/webhookSignature.ts';
import { nextUtcMidnight } from '../src/utcDay.ts';
import { zoomUserRef } from '../src/integrations/zoom/deauthorization.ts';
import { zoomScenario, type Scenario } from './helpers/zoomScenario.ts';
import { Client, connectZoom, future, readMetrics } from './helpers/testApp.ts';
import { allowZoomForOthers, inviteAndAccept, openAllWeek } from './helpers/membership.ts';

let s: Scenario;
before(async () => {
  s = await zoomScenario({ listen: true });
});
after(() => s.t.close());
beforeEach(async () => {
  const { control } = s.t.emulator!;
  control.clearFaults();
  control.setLimits({ perSecond: { pro: { light: 1000, medium: 1000, heavy: 1000 } } });
  if ((await connectionStatus(s.hostId)) !== 'connected') await connectZoom(s.host, s.t.emulator!);
});

const db = () => s.t.deps.database.db;
async function connectionStatus(userId: string) {
  const [row] = await db()
    .select({ status: zoomConnections.status })
    .from(zoomConnections)
    .where(eq(zoomConnections.userId, userId));
  return row?.status;
}
async function record(id: string) {
  const [row] = await db().select().from(meetings).where(eq(meetings.id, id));
  return row!;
}
const hostZoomUser = () => s.t.emulator!.control.userByEmail('host@demo.ekosistem.app')!;

test('§10.1 the daily limit as Zoom really answers it (no Retry-After, no X-RateLimit-Type): the record waits for 00:00 UTC, asked once, and the others wait without asking', async () => {
  const { control } = s.t.emulator!;
  control.setOptions({ dailyLimitAnswer: 'observed' });
  // Other apps used up the host's quota: Zoom says no while our own count is far below 100.
  const used = control.calls({ operation: 'meetings.create' }).filter((c) => c.status === 201).length;
  control.setLimits({ dailyMeetingCreateLimit: used + 1 });
  const first = await s.createZoomRecord({ title: 'Fits' });
  assert.equal(first.zoom.status, 'created');
  control.clearCalls();
  const second = await s.createZoomRecord({ title: 'Over the limit' });
  const third = await s.createZoomRecord({ title: 'Also over' });
  for (const id of [second.id, third.id]) {
    const row = await record(id);
    assert.equal(row.zoomStatus, 'waiting_for_daily_limit', row.zoomDetail ?? '');
    assert.equal(row.zoomRetryAt!.getTime(), nextUtcMidnight(new Date(s.clock.now())).getTime());
  }
  await s.t.queue.runDueJobs();
  await s.advance(30_000);
  await s.t.queue.runDueJobs();
  const refused = control.calls({ operation: 'meetings.create' });
  assert.equal(
    refused.length,
    1,
    'Zoom was asked once; the second waiting record did not ask, and nothing retried each second',
  );
  assert.equal(refused[0]!.status, 429);
  const page = await (await s.host.get(`/meetings/${second.id}`)).text();
  assert.match(page, /daily limit/);
  assert.doesNotMatch(page, /slow down/);

  control.setLimits({ dailyMeetingCreateLimit: 100 });
  const midnight = nextUtcMidnight(new Date(s.clock.now())).getTime();
  await s.advance(midnight + 60_000 - s.clock.now());
  await s.settle();
  assert.equal((await record(second.id)).zoomStatus, 'created');
  assert.equal((await record(third.id)).zoomStatus, 'created');
  control.setOptions({ dailyLimitAnswer: 'documented' });
});

test('§10.3 cancelling a meeting that is running: Zoom answers 3002, the record explains the wait, the delete is retried after the scheduled end and succeeds', async () => {
  const { control } = s.t.emulator!;
  const created = await s.createZoomRecord({ title: 'Running now', startTime: future(1), durationMinutes: 30 });
  const start = Date.parse(created.startTime);
  await s.advance(start + 10 * 60_000 - s.clock.now()); // ten minutes into the meeting, on both clocks
  const cancelled = await s.host.api('POST', `/api/meetings/${created.id}/cancel`);
  assert.equal(cancelled.status, 200);
  const refused = control.calls({ operation: 'meetings.delete' }).at(-1)!;
  assert.equal(refused.status, 400, 'Zoom refuses to delete a running meeting');
  const row = await record(created.id);
  assert.equal(row.zoomStatus, 'deleting');
  assert.match(row.zoomDetail ?? '', /in progress/);
  const end = start + 30 * 60_000;
  assert.ok(row.zoomRetryAt!.getTime() > end, 'retried only after the scheduled end');
  const page = await (await s.host.get(`/meetings/${created.id}`)).text();
  assert.match(page, /in progress/);
  const mails = await s.mailTo('hana@example.com');
  assert.ok(!mails.some((m) => /could not be deleted/.test(m.subject)), 'the host is not told to delete it by hand');

  // Nothing is retried before the end, however often jobs run.
  const deletesBefore = control.calls({ operation: 'meetings.delete' }).length;
  await s.t.queue.runDueJobs();
  assert.equal(control.calls({ operation: 'meetings.delete' }).length, deletesBefore);
  await s.advance(row.zoomRetryAt!.getTime() + 1000 - s.clock.now());
  await s.settle({ stepMs: 60_000, maxSteps: 5 });
  assert.equal((await record(created.id)).zoomStatus, 'deleted');
  assert.ok(control.meetings('deleted').some((m) => String(m.id) === created.zoom.meetingId));
});

test('§10.3 a meeting that runs over its end is tried again later, until Zoom lets it go', async () => {
  const { control } = s.t.emulator!;
  const created = await s.createZoomRecord({ title: 'Runs over', startTime: future(2), durationMinutes: 30 });
  const start = Date.parse(created.startTime);
  // Zoom keeps a meeting "in progress" while people are in it: here it runs 50 minutes over.
  control.setMeetingEnd(Number(created.zoom.meetingId), new Date(start + 80 * 60_000));
  await s.advance(start + 5 * 60_000 - s.clock.now());
  await s.host.api('POST', `/api/meetings/${created.id}/cancel`);
  await s.settle({ stepMs: 5 * 60_000, maxSteps: 30 });
  const row = await record(created.id);
  assert.equal(row.zoomStatus, 'deleted');
  const deletes = control.calls({ operation: 'meetings.delete' }).filter((c) => c.meetingId === created.zoom.meetingId);
  assert.ok(deletes.filter((c) => c.status === 400).length >= 2, 'refused at the start and again while running over');
  assert.equal(deletes.at(-1)!.status, 204);
  assert.ok(Date.parse(deletes.at(-1)!.at) >= start + 80 * 60_000, 'deleted once it had ended');
  assert.ok(deletes.length <= 8, `not hammered: ${deletes.length} delete calls`);
});

test('§10.2 a Basic host: a 60-minute record is saved with a warning (API, record page, form hint) and Zoom cuts it at 40 minutes; 30 minutes gives none', async () => {
  const basic = new Client(s.t.app);
  const basicId = (await basic.signUp('Basil Basic', 'basil@example.com')).id;
  await connectZoom(basic, s.t.emulator!, 'basic@example.com');
  const eco = (await (await basic.api('POST', '/api/ecosystems', { name: 'Free tier' })).json()) as { id: string };
  const create = (durationMinutes: number) =>
    basic.api('POST', `/api/ecosystems/${eco.id}/meetings`, {
      kind: 'mentorship',
      title: `Session ${durationMinutes}`,
      startTime: future(4),
      durationMinutes,
      timezone: 'Europe/Helsinki',
      location: { type: 'zoom' },
    });
  const long = await create(60);
  assert.equal(long.status, 201, 'never blocked');
  const body = (await long.json()) as {
    id: string;
    zoom: { status: string; meetingId: string };
    warnings?: { code: string; message: string }[];
  };
  assert.equal(body.zoom.status, 'created');
  assert.equal(body.warnings?.[0]?.code, 'meeting_length_limit');
  assert.match(body.warnings![0]!.message, /Basic plan.*40 minutes/);
  const atZoom = s.t.emulator!.control.meetings().find((m) => String(m.id) === body.zoom.meetingId)!;
  assert.equal(atZoom.cutAt40, true);
  assert.equal(Date.parse(atZoom.endsAt!) - Date.parse(atZoom.startTime!), 40 * 60_000);
  assert.match(await (await basic.get(`/meetings/${body.id}`)).text(), /cut off at 40 minutes/);
  const again = (await (await basic.api('GET', `/api/meetings/${body.id}`)).json()) as { warnings?: unknown[] };
  assert.equal(again.warnings?.length, 1);

  const short = (await (await create(30)).json()) as { warnings?: unknown[] };
  assert.equal(short.warnings, undefined);
  const form = await (await basic.get(`/ecosystems/${eco.id}/lets-meet/new?kind=mentorship`)).text();
  assert.match(form, /id="zoom-length-hint"/);
  assert.match(form, /data-zoom-max-minutes="40"/);
  // A Licensed host's form has no hint.
  const licensedForm = await (await s.host.get(`/ecosystems/${s.ecosystemId}/lets-meet/new`)).text();
  assert.doesNotMatch(licensedForm, /zoom-length-hint/);

  // A member booking the Basic host (a host in Hana's ecosystem, with consent): the notice carries the warning.
  const member = new Client(s.t.app);
  await member.signUp('Mia Member', 'mia@example.com');
  await inviteAndAccept(s.host, s.ecosystemId, member, 'mia@example.com', 'member');
  await inviteAndAccept(s.host, s.ecosystemId, basic, 'basil@example.com', 'host');
  await allowZoomForOthers(basic, s.ecosystemId);
  await openAllWeek(basic, s.ecosystemId);
  const booked = await member.api('POST', `/api/ecosystems/${s.ecosystemId}/meetings`, {
    kind: 'booking',
    title: 'Long chat',
    startTime: future(5),
    durationMinutes: 45,
    timezone: 'UTC',
    hostUserId: basicId,
    location: { type: 'zoom' },
  });
  assert.equal(booked.status, 201, await booked.clone().text());
  const bookedBody = (await booked.json()) as { warnings?: unknown[] };
  assert.equal(bookedBody.warnings?.length, 1, 'the creator manages the record and sees the warning');
  const notice = (await s.mailTo('basil@example.com')).find((m) =>
    /scheduled a Zoom meeting on your Zoom: Long chat/.test(m.subject),
  );
  assert.ok(notice, 'the host was told');
  assert.match(notice!.textBody, /cut off at 40 minutes/);
});

test('§10.4 time zones: a zone Zoom does not list is sent as a listed zone with the same offsets (or an alias), the instant stays exact', async () => {
  const { control } = s.t.emulator!;
  const cases: [string, (sent: string) => boolean][] = [
    ['Europe/Tallinn', (z) => z.startsWith('Europe/')],
    ['America/Toronto', (z) => z === 'America/Montreal' || z === 'America/New_York'],
    ['Etc/UTC', (z) => z === 'UTC' || z === 'Etc/Greenwich'],
    ['Asia/Kolkata', (z) => z === 'Asia/Kolkata'],
  ];
  for (const [zone, acceptable] of cases) {
    const created = await s.createZoomRecord({ title: `TZ ${zone}`, timezone: zone, attendeeEmails: [] });
    assert.equal(created.zoom.status, 'created', `${zone}: ${created.zoom.detail ?? ''}`);
    const atZoom = control.meetings().find((m) => String(m.id) === created.zoom.meetingId)!;
    assert.ok(acceptable(atZoom.timezone!), `${zone} was sent as ${atZoom.timezone}`);
    assert.equal(Date.parse(atZoom.startTime!), Date.parse(created.startTime), 'the same instant');
    assert.equal((created as unknown as { timezone: string }).timezone, zone, 'the record keeps its own zone');
  }
});

test('§10.5 disconnect with an expired access token: refreshed first, then revoked with a live token; the webhook revoke triggers (even before revoke answers) is a no-op', async () => {
  const { control } = s.t.emulator!;
  control.setOptions({ revokeAcceptsExpiredAccessToken: false, revokeWebhookDelayMs: 'before_answer' });
  control.expireAccessToken(hostZoomUser().id);
  await db()
    .update(zoomConnections)
    .set({ accessTokenExpiresAt: new Date(s.clock.now() - 60_000) })
    .where(eq(zoomConnections.userId, s.hostId));
  const deauthsBefore = (await db().select().from(zoomDeauthorizations)).length;
  const mailsBefore = (await s.mailTo('hana@example.com')).length;
  control.clearCalls();
  const result = (await (await s.host.api('POST', '/integrations/zoom/disconnect')).json()) as {
    outcome: string;
    message: string;
  };
  assert.equal(result.outcome, 'revoked', result.message);
  const calls = control.calls().map((c) => `${c.operation}:${c.status}`);
  assert.deepEqual(
    calls.filter((c) => c.startsWith('oauth.')),
    ['oauth.token.refresh_token:200', 'oauth.revoke:200'],
  );
  assert.equal(hostZoomUser().installed, false);
  await control.settleWebhooks();
  const delivery = control.deliveries().at(-1)!;
  assert.equal(delivery.state, 'delivered');
  assert.match(delivery.body, /app_deauthorized/);
  assert.equal(
    (await db().select().from(zoomDeauthorizations)).length,
    deauthsBefore,
    'no deauthorization recorded, so no compliance notice',
  );
  const mails = (await s.mailTo('hana@example.com')).slice(mailsBefore);
  assert.ok(
    !mails.some((m) => /removed from your Zoom account/.test(m.subject)),
    'no "app removed" mail for a disconnect made here',
  );
  assert.equal(await connectionStatus(s.hostId), undefined);
  control.setOptions({ revokeWebhookDelayMs: 0 });
});

test('§10.5 a dead connection (needs_reconnect): the page says to remove the app in Zoom Marketplace, and disconnect says nothing could be revoked', async () => {
  await db()
    .update(zoomConnections)
    .set({ status: 'needs_reconnect', accessTokenSealed: null, refreshTokenSealed: null })
    .where(eq(zoomConnections.userId, s.hostId));
  const page = await (await s.host.get(`/ecosystems/${s.ecosystemId}/lets-meet/manage`)).text();
  assert.match(page, /Reconnect Zoom/);
  assert.match(page, /Zoom Marketplace → Manage → Installed Apps/);
  const result = (await (await s.host.api('POST', '/integrations/zoom/disconnect')).json()) as {
    outcome: string;
    revokedAtZoom: boolean;
    message: string;
  };
  assert.equal(result.outcome, 'no_tokens');
  assert.equal(result.revokedAtZoom, false);
  assert.match(result.message, /Installed Apps/);
});

test('§10.6 a 404 that is not Zoom\'s JSON error is not "already deleted": the delete is retried and the meeting really goes', async () => {
  const { control } = s.t.emulator!;
  const created = await s.createZoomRecord({ title: 'Proxy 404' });
  control.addFault({ operation: 'meetings.delete', kind: 'status', status: 404, html: true });
  await s.host.api('POST', `/api/meetings/${created.id}/cancel`);
  assert.notEqual((await record(created.id)).zoomStatus, 'deleted', 'an HTML 404 proves nothing');
  assert.ok(
    control.meetings('live').some((m) => String(m.id) === created.zoom.meetingId),
    'still at Zoom',
  );
  await s.settle({ stepMs: 60_000, maxSteps: 10 });
  assert.equal((await record(created.id)).zoomStatus, 'deleted');
  assert.ok(
    control.meetings('deleted').some((m) => String(m.id) === created.zoom.meetingId),
    'deleted at Zoom',
  );
});

const webhookUrl = () => `http://127.0.0.1:${s.t.port}/integrations/zoom/webhook`;
async function sendDeauthorization(payload: Record<string, unknown>) {
  const body = JSON.stringify({ event: 'app_deauthorized', event_ts: s.clock.now(), payload });
  const ts = String(Math.floor(s.clock.now() / 1000));
  return fetch(webhookUrl(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zm-request-timestamp': ts,
      'x-zm-signature': signWebhook(s.t.emulator!.webhookSecret, ts, body),
    },
    body,
  });
}

test('the deauthorization payload is kept as Zoom sent it (unknown keys too) and handed back in the compliance notice', async () => {
  const user = hostZoomUser();
  const payload = {
    account_id: user.accountId,
    user_id: user.id,
    client_id: s.t.emulator!.clientId,
    deauthorization_time: new Date(s.clock.now()).toISOString(),
    signature: 'a'.repeat(64),
    future_field: { nested: [1, 'two'] },
  };
  const response = await sendDeauthorization(payload);
  assert.equal(response.status, 200);
  const [row] = await db()
    .select()
    .from(zoomDeauthorizations)
    .where(and(eq(zoomDeauthorizations.noticeStatus, 'pending')));
  assert.deepEqual(row!.eventPayload, payload);
  await s.t.queue.runDueJobs();
  const notice = s.t.emulator!.control.complianceNotices().at(-1)!.body as { deauthorization_event_received: unknown };
  assert.deepEqual(notice.deauthorization_event_received, payload);
});

test('the compliance endpoint gone (404/410): recorded as endpoint_gone at once, Zoom data dropped, one operator alert for any number of deauthorizations', async () => {
  const { control } = s.t.emulator!;
  control.addFault({ operation: 'oauth.data_compliance', kind: 'status', status: 410, rate: 1 });
  const alertsBefore = s.t.logLines.filter(
    (l) => l.includes('Data Compliance endpoint is gone') && l.includes('"level":50'),
  ).length;
  const ids: string[] = [];
  for (const n of [1, 2]) {
    const zoomUser = control.createUser({ email: `gone${n}@example.com`, type: 2 });
    const client = new Client(s.t.app);
    await client.signUp(`Gone ${n}`, `gone${n}-app@example.com`);
    await connectZoom(client, s.t.emulator!, zoomUser.email);
    await control.deauthorize(zoomUser.id);
    const [row] = await db()
      .select()
      .from(zoomDeauthorizations)
      .where(eq(zoomDeauthorizations.zoomUserRef, zoomUserRef(zoomUser.id)));
    ids.push(row!.id);
    await s.t.queue.runDueJobs();
  }
  for (const id of ids) {
    const [row] = await db().select().from(zoomDeauthorizations).where(eq(zoomDeauthorizations.id, id));
    assert.equal(row!.noticeStatus, 'endpoint_gone');
    assert.equal(row!.noticeAttempts, 1, 'not retried for ten days');
    assert.equal(row!.zoomUserId, null);
    assert.equal(row!.eventPayload, null);
  }
  await s.advance(86_400_000);
  await s.t.queue.runDueJobs();
  assert.equal(
    control.calls({ operation: 'oauth.data_compliance' }).filter((c) => c.status === 410).length,
    2,
    'one call each, no retries',
  );
  const alerts = s.t.logLines.filter(
    (l) => l.includes('Data Compliance endpoint is gone') && l.includes('"level":50'),
  ).length;
  assert.equal(alerts - alertsBefore, 1, 'one operator alert');
  assert.match(await readMetrics(s.host), /zoom_deauthorizations\{notice="endpoint_gone"\} 2/);
  control.clearFaults();
});

test("provider meetings remember the schedule they were made with (a reschedule does not move an old meeting's end)", async () => {
  const created = await s.createZoomRecord({ title: 'Schedule kept', durationMinutes: 45 });
  const [row] = await db().select().from(providerMeetings).where(eq(providerMeetings.meetingId, created.id));
  assert.equal(row!.startsAt!.toISOString(), new Date(created.startTime).toISOString());
  assert.equal(row!.durationMinutes, 45);
});
