/**
 * Around the meeting (docs/product.md §13), through the HTTP surface with the app's clock (pg-boss's
 * TestClock, shared by the jobs and the app): reminders at their time and only for the record as it
 * is, the personal links in mails, and bookings that wait for the host's approval — with the Zoom
 * emulator holding a meeting only for what the host approved.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from 'pg-boss';
import { asc, eq } from '../src/db/orm.ts';
import { mailMessages, meetings } from '../src/db/schema.ts';
import { sendReminder } from '../src/meetings/reminders.ts';
import { Client, connectZoom, createTestApp, type TestApp } from './helpers/testApp.ts';
import { allowZoomForOthers, inviteAndAccept, openAllWeek } from './helpers/membership.ts';
import { respondTokenIn } from './helpers/respondLinks.ts';

const MINUTE = 60_000;
const clock = new TestClock(new Date(Math.ceil(Date.now() / MINUTE) * MINUTE));

let t: TestApp;
let admin: Client;
let host: Client;
let member: Client;
let other: Client;
let ecoId = '';
let hostId = '';
/** Each record of this file gets an hour of its own: a host is never in two meetings at once. */
let hours = 0;
const nextHour = () => clock.now() + (2 + ++hours) * 60 * MINUTE;

const errorCode = async (response: Response) =>
  ((await response.clone().json()) as { error: { code: string } }).error.code;
const json = async <T>(response: Response, status: number): Promise<T> => {
  assert.equal(response.status, status, await response.clone().text());
  return (await response.json()) as T;
};

/** The mails queued for a record, oldest first. */
async function mailsOf(meetingId: string) {
  return t.deps.database.db
    .select({ to: mailMessages.toAddress, subject: mailMessages.subject, text: mailMessages.textBody })
    .from(mailMessages)
    .where(eq(mailMessages.meetingId, meetingId))
    .orderBy(asc(mailMessages.createdAt));
}

const linkFor = (meetingId: string, email: string) => respondTokenIn(t.deps.database.db, meetingId, email);

const moveClock = async (to: number) => {
  await clock.setTime(to);
  await t.emulator!.control.advanceClock(Math.max(0, Math.round((to - Date.now()) / 1000)));
};

const liveZoomMeetings = () =>
  t.emulator!.control.meetings('all').filter((m) => m.hostEmail === 'hana@example.com' && !m.deletedAt);

before(async () => {
  t = await createTestApp({ zoom: true, clock });
  admin = new Client(t.app);
  await admin.signUp('Ada Admin', 'ada@example.com');
  ecoId = (await json<{ id: string }>(await admin.api('POST', '/api/ecosystems', { name: 'Accelerator' }), 201)).id;
  host = new Client(t.app);
  hostId = (await host.signUp('Hana Host', 'hana@example.com')).id;
  await inviteAndAccept(admin, ecoId, host, 'hana@example.com', 'host');
  member = new Client(t.app);
  await member.signUp('Mia Member', 'mia@example.com');
  await inviteAndAccept(admin, ecoId, member, 'mia@example.com', 'member');
  other = new Client(t.app);
  await other.signUp('Otto Other', 'otto@example.com');
  await inviteAndAccept(admin, ecoId, other, 'otto@example.com', 'member');
  t.emulator!.control.createUser({ email: 'hana@example.com' });
  assert.equal((await connectZoom(host, t.emulator!, 'hana@example.com')).status, 200);
  await allowZoomForOthers(host, ecoId);
  await openAllWeek(host, ecoId);
});
after(() => t.close());

test('ecosystem settings: admins read and change the reminder offsets; bad input changes nothing', async () => {
  const read = await json<{ reminderMinutesBefore: number[] }>(
    await admin.api('GET', `/api/ecosystems/${ecoId}/settings`),
    200,
  );
  assert.deepEqual(read.reminderMinutesBefore, [1440, 60]);
  assert.equal((await host.api('GET', `/api/ecosystems/${ecoId}/settings`)).status, 403);
  const refused = await host.api('PUT', `/api/ecosystems/${ecoId}/settings`, { reminderMinutesBefore: [] });
  assert.equal(refused.status, 403);
  for (const bad of [[0], [20_161], [1.5], [60, 60], 'soon']) {
    const answer = await admin.api('PUT', `/api/ecosystems/${ecoId}/settings`, { reminderMinutesBefore: bad });
    assert.equal(answer.status, 400, JSON.stringify(bad));
    assert.equal(await errorCode(answer), 'invalid_input');
  }
  const unchanged = await json<{ reminderMinutesBefore: number[] }>(
    await admin.api('GET', `/api/ecosystems/${ecoId}/settings`),
    200,
  );
  assert.deepEqual(unchanged.reminderMinutesBefore, [1440, 60]);
  const changed = await json<{ reminderMinutesBefore: number[] }>(
    await admin.api('PUT', `/api/ecosystems/${ecoId}/settings`, { reminderMinutesBefore: [2] }),
    200,
  );
  assert.deepEqual(changed.reminderMinutesBefore, [2]);
});

/** A booking the host makes for themselves, `minutesAhead` from the app's now, with two attendees. */
async function hostBooking(minutesAhead: number, location: object = { type: 'in_person', address: 'Room 1' }) {
  const start = new Date(clock.now() + minutesAhead * MINUTE);
  return json<{ id: string; startTime: string }>(
    await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'mentorship',
      title: `Session ${minutesAhead}`,
      startTime: start.toISOString(),
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      location,
      attendeeEmails: ['aino@example.com', 'bo@example.com'],
    }),
    201,
  );
}

const reminders = async (meetingId: string) =>
  (await mailsOf(meetingId)).filter((m) => m.subject.startsWith('Reminder:'));

test('a record 3 minutes ahead with [2] gets exactly one reminder to each attendee and the host, 2 minutes before', async () => {
  await moveClock(nextHour());
  const record = await hostBooking(3);
  const start = Date.parse(record.startTime);
  // Not yet: a minute later is still before start − 2 minutes.
  await moveClock(start - 2 * MINUTE - 30_000);
  await t.queue.runDueJobs();
  assert.deepEqual(await reminders(record.id), []);
  await moveClock(start - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  const sent = await reminders(record.id);
  assert.deepEqual(sent.map((m) => m.to).sort(), ['aino@example.com', 'bo@example.com', 'hana@example.com']);
  for (const mail of sent) assert.match(mail.text, /Where: Room 1/);
  // Attendees carry their personal link; the host acts in the app.
  assert.match(sent.find((m) => m.to === 'aino@example.com')!.text, /Can’t make it\? Decline: http.*\/respond\//);
  assert.doesNotMatch(sent.find((m) => m.to === 'hana@example.com')!.text, /\/respond\//);
  // The job run again (a crash after its commit) sends nothing more.
  const again = await sendReminder(t.deps.providerJobs, {
    meetingId: record.id,
    ecosystemId: ecoId,
    startAt: new Date(start).toISOString(),
    minutesBefore: 2,
  });
  assert.equal(again, 'already_sent');
  await t.queue.runDueJobs();
  assert.equal((await reminders(record.id)).length, 3);
});

test('each person is reminded in their own time zone, named; without an account, in the record’s', async () => {
  await moveClock(nextHour());
  const setZone = async (who: Client, timezone: string | null) =>
    json<{ user: { timezone: string | null } }>(await who.api('PUT', '/api/me', { timezone }), 200);
  assert.equal((await setZone(host, 'Asia/Tokyo')).user.timezone, 'Asia/Tokyo');
  await setZone(member, 'America/New_York');
  const refused = await member.api('PUT', '/api/me', { timezone: 'Mars/Olympus' });
  assert.equal(refused.status, 400);
  const me = await json<{ user: { timezone: string | null } }>(await member.api('GET', '/api/me'), 200);
  assert.equal(me.user.timezone, 'America/New_York', 'a refused change changes nothing');
  const start = new Date(clock.now() + 10 * MINUTE);
  const record = await json<{ id: string }>(
    await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'mentorship',
      title: 'Across zones',
      startTime: start.toISOString(),
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      location: { type: 'in_person', address: 'Room 1' },
      attendeeEmails: ['mia@example.com', 'bo@example.com'],
    }),
    201,
  );
  await moveClock(start.getTime() - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  const sent = await reminders(record.id);
  const local = (zone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(
      start,
    );
  for (const [to, zone] of [
    ['hana@example.com', 'Asia/Tokyo'],
    ['mia@example.com', 'America/New_York'],
    ['bo@example.com', 'Europe/Helsinki'],
  ] as const) {
    const mail = sent.find((m) => m.to === to);
    assert.ok(mail, to);
    assert.match(
      mail.text,
      new RegExp(`When: [^\\n]*, ${local(zone)}–\\d\\d:\\d\\d \\(${zone.replace('/', '\\/')}\\)`),
      to,
    );
  }
  await setZone(host, null);
  await setZone(member, null);
});

test('rescheduled first, only the new time is reminded; cancelled first, nothing is', async () => {
  await moveClock(nextHour());
  const moved = await hostBooking(3);
  const cancelled = await hostBooking(40);
  const newStart = clock.now() + 10 * MINUTE;
  await json(
    await host.api('POST', `/api/meetings/${moved.id}/reschedule`, {
      startTime: new Date(newStart).toISOString(),
      durationMinutes: 30,
    }),
    200,
  );
  await json(await host.api('POST', `/api/meetings/${cancelled.id}/cancel`), 200);
  // The old time's reminder is due: it finds the record moved and sends nothing.
  await moveClock(Date.parse(moved.startTime) - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  assert.deepEqual(await reminders(moved.id), []);
  await moveClock(newStart - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  const sent = await reminders(moved.id);
  assert.equal(sent.length, 3);
  const newTime = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(newStart);
  assert.ok(
    sent.every((m) => m.text.includes(`, ${newTime}–`)),
    'the reminder names the new time',
  );
  await moveClock(Date.parse(cancelled.startTime) - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  assert.deepEqual(await reminders(cancelled.id), []);
});

test('an offset already past is skipped; a removed offset sends nothing more; a Zoom reminder carries the join link', async () => {
  await moveClock(nextHour());
  const soon = await hostBooking(1);
  const zoom = await hostBooking(40, { type: 'zoom' });
  await t.queue.runDueJobs();
  await moveClock(Date.parse(soon.startTime) - 30_000);
  await t.queue.runDueJobs();
  assert.deepEqual(await reminders(soon.id), [], 'start − 2 min had passed when it was made');
  await moveClock(Date.parse(zoom.startTime) - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  const sent = await reminders(zoom.id);
  assert.equal(sent.length, 3);
  for (const mail of sent) assert.match(mail.text, /Join Zoom: https?:\/\//);
  // Offsets taken away by an admin are not sent for records made before.
  await json(await admin.api('PUT', `/api/ecosystems/${ecoId}/settings`, { reminderMinutesBefore: [5, 2] }), 200);
  const later = await hostBooking(90);
  await json(await admin.api('PUT', `/api/ecosystems/${ecoId}/settings`, { reminderMinutesBefore: [2] }), 200);
  await moveClock(Date.parse(later.startTime) - 5 * MINUTE + 1000);
  await t.queue.runDueJobs();
  assert.deepEqual(await reminders(later.id), []);
  await moveClock(Date.parse(later.startTime) - 2 * MINUTE + 1000);
  await t.queue.runDueJobs();
  assert.equal((await reminders(later.id)).length, 3);
});

test('personal links: GET changes nothing; an attendee declines with a reason and the host is told; used links answer 404', async () => {
  await moveClock(nextHour());
  const record = await hostBooking(120);
  const token = await linkFor(record.id, 'aino@example.com');
  const anonymous = new Client(t.app);
  for (let i = 0; i < 2; i++) {
    const offered = await json<{ record: { id: string }; actions: string[]; email: string }>(
      await anonymous.api('GET', `/api/respond/${token}`),
      200,
    );
    assert.equal(offered.record.id, record.id);
    assert.deepEqual(offered.actions, ['decline']);
    assert.equal(offered.email, 'aino@example.com');
  }
  const page = await anonymous.get(`/respond/${token}`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /Can’t make it\?/);
  const wrong = await anonymous.api('POST', `/api/respond/${token}`, { action: 'cancel' });
  assert.equal(wrong.status, 403);
  const declined = await json<{ done: string }>(
    await anonymous.api('POST', `/api/respond/${token}`, { action: 'decline', reason: 'I am ill that day' }),
    200,
  );
  assert.equal(declined.done, 'decline');
  const now = await json<{ attendees: { email: string }[] }>(await host.api('GET', `/api/meetings/${record.id}`), 200);
  assert.deepEqual(
    now.attendees.map((a) => a.email),
    ['bo@example.com'],
  );
  const told = (await mailsOf(record.id)).filter(
    (m) => m.to === 'hana@example.com' && m.subject.startsWith('Declined:'),
  );
  assert.equal(told.length, 1);
  assert.match(told[0]!.text, /aino@example\.com declined/);
  assert.match(told[0]!.text, /Reason: I am ill that day/);
  for (const method of ['GET', 'POST'] as const) {
    const used = await anonymous.api(
      method,
      `/api/respond/${token}`,
      method === 'POST' ? { action: 'decline' } : undefined,
    );
    assert.equal(used.status, 404, method);
  }
  assert.equal((await anonymous.get(`/respond/${token}`)).status, 404);
  for (const unknown of ['nope', 'A'.repeat(43), '../meetings']) {
    assert.equal((await anonymous.api('GET', `/api/respond/${encodeURIComponent(unknown)}`)).status, 404);
  }
  // Bo's link is Bo's: it works on its own record only, and still works.
  const bo = await linkFor(record.id, 'bo@example.com');
  assert.equal((await anonymous.api('GET', `/api/respond/${bo}`)).status, 200);
});

test('the person who booked cancels through their link: the Zoom meeting is deleted and the host is told why', async () => {
  await moveClock(nextHour());
  // On the host's 5-minute slot grid.
  const start = new Date(Math.ceil((clock.now() + 3 * 60 * MINUTE) / (5 * MINUTE)) * 5 * MINUTE);
  const booked = await json<{ id: string; status: string }>(
    await member.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'booking',
      title: 'Pitch review',
      startTime: start.toISOString(),
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      hostUserId: hostId,
      location: { type: 'zoom' },
    }),
    201,
  );
  await t.queue.runDueJobs();
  assert.equal(liveZoomMeetings().filter((m) => m.topic === 'Pitch review').length, 1);
  // The booker's confirmation is the invitation, with the join link and their own cancel link.
  const confirmation = (await mailsOf(booked.id)).find((m) => m.to === 'mia@example.com')!;
  assert.match(confirmation.text, /Join Zoom: /);
  const token = await linkFor(booked.id, 'mia@example.com');
  const anonymous = new Client(t.app);
  const csrf = await anonymous.csrfToken(`/respond/${token}`);
  const done = await anonymous.form(
    `/respond/${token}`,
    { action: 'cancel', reason: 'Found the answer already' },
    csrf,
  );
  assert.equal(done.status, 200);
  assert.match(await done.text(), /Your booking is cancelled/);
  await t.queue.runDueJobs();
  const record = (await t.deps.database.db.select().from(meetings).where(eq(meetings.id, booked.id)))[0]!;
  assert.equal(record.status, 'cancelled');
  assert.equal(record.statusReason, 'Found the answer already');
  assert.equal(liveZoomMeetings().filter((m) => m.topic === 'Pitch review').length, 0);
  const hostMail = (await mailsOf(booked.id)).filter(
    (m) => m.to === 'hana@example.com' && m.subject.startsWith('Cancelled'),
  );
  assert.equal(hostMail.length, 1);
  assert.match(hostMail[0]!.text, /Reason: Found the answer already/);
  assert.equal((await anonymous.api('GET', `/api/respond/${token}`)).status, 404);
});

test('with approval on: a request holds the slot with nothing at Zoom; approve makes one meeting, decline and expiry none', async () => {
  await moveClock(nextHour());
  const saved = await host.api('PUT', `/api/ecosystems/${ecoId}/my-availability`, {
    requiresApproval: true,
    minimumNoticeMinutes: 60,
  });
  assert.equal(saved.status, 200, await saved.clone().text());
  const zoomBefore = liveZoomMeetings().length;
  const request = (title: string, by: Client, start: number) =>
    by.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'booking',
      title,
      startTime: new Date(start).toISOString(),
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      hostUserId: hostId,
      location: { type: 'zoom' },
    });
  const at = Math.ceil((clock.now() + 5 * 60 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
  const approved = await json<{ id: string; status: string; zoom: { status: string } }>(
    await request('To approve', member, at),
    201,
  );
  assert.equal(approved.status, 'requested');
  const declined = await json<{ id: string }>(await request('To decline', member, at + 60 * MINUTE), 201);
  const expiring = await json<{ id: string; requestExpiresAt: string }>(
    await request('To expire', member, at + 120 * MINUTE),
    201,
  );
  await t.queue.runDueJobs();
  assert.equal(liveZoomMeetings().length, zoomBefore, 'nothing at Zoom for requests');
  // The slot is held: a second request for it is refused.
  const second = await request('Same slot', other, at);
  assert.equal(second.status, 409);
  assert.equal(await errorCode(second), 'host_busy');
  // The booker got a confirmation of the request; the host a notice.
  const requestMails = await mailsOf(approved.id);
  assert.ok(requestMails.some((m) => m.to === 'mia@example.com' && m.subject === 'Requested: To approve'));
  assert.ok(requestMails.some((m) => m.to === 'hana@example.com' && m.subject === 'Booking request: To approve'));
  // Only the host answers.
  for (const who of [member, admin, other]) {
    const refused = await who.api('POST', `/api/meetings/${approved.id}/approve`);
    assert.ok([403, 404].includes(refused.status), String(refused.status));
  }
  const answer = await json<{ status: string; zoom: { status: string; joinUrl?: string } }>(
    await host.api('POST', `/api/meetings/${approved.id}/approve`),
    200,
  );
  assert.equal(answer.status, 'scheduled');
  await t.queue.runDueJobs();
  assert.equal(liveZoomMeetings().length, zoomBefore + 1, 'one meeting after approval');
  assert.equal((await host.api('POST', `/api/meetings/${approved.id}/approve`)).status, 409);
  const invitation = (await mailsOf(approved.id)).find(
    (m) => m.to === 'mia@example.com' && m.subject.startsWith('You’re invited'),
  );
  assert.ok(invitation, 'the booker is sent the invitation');
  assert.match(invitation.text, /Join Zoom: /);

  const no = await json<{ status: string; statusReason?: string }>(
    await host.api('POST', `/api/meetings/${declined.id}/decline`, { reason: 'Travelling that week' }),
    200,
  );
  assert.equal(no.status, 'declined');
  assert.equal(no.statusReason, 'Travelling that week');
  const declineMail = (await mailsOf(declined.id)).find((m) => m.subject === 'Declined: To decline');
  assert.ok(declineMail);
  assert.match(declineMail.text, /Travelling that week/);
  // Its time is free again: the other member books it.
  assert.equal((await request('Freed slot', other, at + 60 * MINUTE)).status, 201);

  // Unanswered until start minus the minimum notice (60 min): expired, and the booker told.
  assert.equal(Date.parse(expiring.requestExpiresAt), at + 120 * MINUTE - 60 * MINUTE);
  await moveClock(Date.parse(expiring.requestExpiresAt) - MINUTE);
  await t.queue.runDueJobs();
  assert.equal(
    (await t.deps.database.db.select().from(meetings).where(eq(meetings.id, expiring.id)))[0]!.status,
    'requested',
  );
  await moveClock(Date.parse(expiring.requestExpiresAt) + 1000);
  await t.queue.runDueJobs();
  const expired = (await t.deps.database.db.select().from(meetings).where(eq(meetings.id, expiring.id)))[0]!;
  assert.equal(expired.status, 'expired');
  assert.ok(
    (await mailsOf(expiring.id)).some((m) => m.to === 'mia@example.com' && m.subject === 'Not confirmed: To expire'),
  );
  assert.equal(liveZoomMeetings().length, zoomBefore + 1, 'still only the approved one');
  assert.equal((await host.api('POST', `/api/meetings/${expiring.id}/approve`)).status, 409);
  await host.api('PUT', `/api/ecosystems/${ecoId}/my-availability`, {
    requiresApproval: false,
    minimumNoticeMinutes: 0,
  });
});
