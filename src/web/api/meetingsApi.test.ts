import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../../db/orm.ts';
import { attendees, mailMessages, meetings } from '../../db/schema.ts';
import { Client, createTestApp, future, type TestApp } from '../../../test/helpers/testApp.ts';
import { inviteAndAccept, openAllWeek } from '../../../test/helpers/membership.ts';

let t: TestApp;
let admin: Client;
let host: Client;
let member: Client;
let outsider: Client;
let ecosystemId: string;
let hostId: string;

interface MeetingJson {
  id: string;
  kind: string;
  status: string;
  title: string;
  startTime: string;
  durationMinutes: number;
  attendees: { email: string }[];
  zoom: { status: string };
  location: { type: string };
}

before(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  host = new Client(t.app);
  member = new Client(t.app);
  outsider = new Client(t.app);
  await admin.signUp('Admin', 'admin@example.com');
  hostId = (await host.signUp('Host', 'host@example.com')).id;
  await member.signUp('Member', 'member@example.com');
  await outsider.signUp('Outsider', 'outsider@example.com');
  const eco = await admin.api('POST', '/api/ecosystems', { name: 'Accelerator' });
  ecosystemId = ((await eco.json()) as { id: string }).id;
  await inviteAndAccept(admin, ecosystemId, host, 'host@example.com', 'host');
  await inviteAndAccept(admin, ecosystemId, member, 'member@example.com', 'member');
  await openAllWeek(host, ecosystemId);
});

/** A new hour for each record: one host is never booked twice at once (docs/product.md §12.1). */
let hours = 0;
const nextStart = () => new Date(Date.parse(future(3)) + ++hours * 3_600_000).toISOString();
after(() => t.close());

const validBooking = () => ({
  kind: 'booking',
  title: 'Intro call',
  startTime: nextStart(),
  durationMinutes: 30,
  timezone: 'Europe/Helsinki',
  hostUserId: hostId,
  location: { type: 'in_person', address: 'Lapinlahdenkatu 16, Helsinki' },
  attendeeEmails: ['first@example.com', 'second@example.com'],
});

async function countRows() {
  const { db } = t.deps.database;
  return {
    meetings: (await db.select().from(meetings)).length,
    attendees: (await db.select().from(attendees)).length,
    mail: (await db.select().from(mailMessages)).length,
  };
}

test('a member books the host in person with two attendees: 201, they and the member get a confirmation with an ICS invite', async () => {
  const response = await member.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, validBooking());
  assert.equal(response.status, 201);
  const created = (await response.json()) as MeetingJson;
  assert.equal(created.kind, 'booking');
  assert.equal(created.zoom.status, 'not_applicable');
  assert.deepEqual(created.attendees.map((a) => a.email).sort(), ['first@example.com', 'second@example.com']);
  await t.queue.runDueJobs();
  const mail = await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.meetingId, created.id));
  // The member who booked is mailed like an attendee (docs/product.md §13.2), with a cancel link.
  assert.deepEqual(mail.map((m) => m.toAddress).sort(), [
    'first@example.com',
    'member@example.com',
    'second@example.com',
  ]);
  assert.match(mail.find((m) => m.toAddress === 'member@example.com')!.textBody, /Cancel this booking: .*\/respond\//);
  for (const message of mail) {
    assert.match(message.ics ?? '', /METHOD:REQUEST/);
    assert.match(message.ics ?? '', /Lapinlahdenkatu 16/);
    assert.equal(message.status, 'stored');
  }
  const fetched = await member.api('GET', `/api/meetings/${created.id}`);
  assert.equal(fetched.status, 200);
  const list = (await (await member.api('GET', `/api/ecosystems/${ecosystemId}/meetings`)).json()) as {
    items: MeetingJson[];
  };
  assert.ok(list.items.some((m) => m.id === created.id));
});

test('hosts create mentorship sessions and events; a plain member may not', async () => {
  for (const kind of ['mentorship', 'event'] as const) {
    const body = { ...validBooking(), kind, location: { type: 'link', url: 'https://meet.example.com/abc' } };
    const ok = await host.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, body);
    assert.equal(ok.status, 201, kind);
    const denied = await member.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, body);
    assert.equal(denied.status, 403, kind);
  }
});

test('invalid inputs answer 400 naming the field and change nothing', async () => {
  const past = new Date(Date.now() - 3600_000).toISOString();
  const cases: [Record<string, unknown>, string][] = [
    [{ unknownField: 1 }, 'unknownField'],
    [{ durationMinutes: '30' }, 'durationMinutes'],
    [{ durationMinutes: 4 }, 'durationMinutes'],
    [{ durationMinutes: 601 }, 'durationMinutes'],
    [{ durationMinutes: 30.5 }, 'durationMinutes'],
    [{ startTime: past }, 'startTime'],
    [{ startTime: 'tomorrow' }, 'startTime'],
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ title: '' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ description: 'x'.repeat(2001) }, 'description'],
    [{ kind: 'webinar' }, 'kind'],
    [{ location: { type: 'link', url: 'javascript:alert(1)' } }, 'location'],
    [{ location: { type: 'link', url: 'not a url' } }, 'location'],
    [{ location: { type: 'in_person' } }, 'location'],
    [{ location: { type: 'carrier_pigeon' } }, 'location'],
    [{ attendeeEmails: ['ok@example.com', 'nope'] }, 'attendeeEmails'],
    [{ hostUserId: 'not-a-uuid' }, 'hostUserId'],
  ];
  const before = await countRows();
  for (const [override, field] of cases) {
    const response = await member.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, {
      ...validBooking(),
      ...override,
    });
    assert.equal(response.status, 400, JSON.stringify(override));
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    assert.match(error.code, /^invalid_/);
    assert.match(error.message, new RegExp(field), `${JSON.stringify(override)} → ${error.message}`);
  }
  await t.queue.runDueJobs();
  assert.deepEqual(await countRows(), before);
});

test('a Zoom location is refused with a clear error while the host has no Zoom connection', async () => {
  const before = await countRows();
  const response = await host.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, {
    ...validBooking(),
    location: { type: 'zoom' },
  });
  assert.equal(response.status, 400);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(error.code, 'zoom_not_connected');
  assert.match(error.message, /Connect Zoom/);
  assert.deepEqual(await countRows(), before);
});

test('only host, creator or admin may cancel; attendees get a METHOD:CANCEL; a second cancel is a conflict', async () => {
  const created = (await (
    await host.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, validBooking())
  ).json()) as MeetingJson;
  await t.queue.runDueJobs();
  // A member who is not on the booking: it does not exist for them (docs/product.md §2), so 404.
  const denied = await member.api('POST', `/api/meetings/${created.id}/cancel`);
  assert.equal(denied.status, 404);
  const [still] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, created.id));
  assert.equal(still!.status, 'scheduled');
  const ok = await admin.api('POST', `/api/meetings/${created.id}/cancel`);
  assert.equal(ok.status, 200);
  assert.equal(((await ok.json()) as MeetingJson).status, 'cancelled');
  assert.equal((await host.api('POST', `/api/meetings/${created.id}/cancel`)).status, 409);
  await t.queue.runDueJobs();
  const mail = await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.meetingId, created.id));
  const cancellations = mail.filter((m) => /METHOD:CANCEL/.test(m.ics ?? ''));
  assert.deepEqual(cancellations.map((m) => m.toAddress).sort(), ['first@example.com', 'second@example.com']);
});

test('the creator may reschedule; attendees and the creator get an updated invite with a higher SEQUENCE', async () => {
  const created = (await (
    await member.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, validBooking())
  ).json()) as MeetingJson;
  const newStart = future(10, 13);
  const response = await member.api('POST', `/api/meetings/${created.id}/reschedule`, {
    startTime: newStart,
    durationMinutes: 45,
  });
  assert.equal(response.status, 200);
  const updated = (await response.json()) as MeetingJson;
  assert.equal(updated.startTime, newStart);
  assert.equal(updated.durationMinutes, 45);
  await t.queue.runDueJobs();
  const mail = await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.meetingId, created.id));
  assert.equal(mail.filter((m) => /SEQUENCE:1/.test(m.ics ?? '')).length, 3);
  const bad = await member.api('POST', `/api/meetings/${created.id}/reschedule`, {
    startTime: newStart,
    durationMinutes: 1000,
  });
  assert.equal(bad.status, 400);
});

test('people register for an event until it starts; a duplicate registration is a conflict', async () => {
  const event = (await (
    await host.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, {
      ...validBooking(),
      kind: 'event',
      attendeeEmails: [],
    })
  ).json()) as MeetingJson;
  const registered = await member.api('POST', `/api/meetings/${event.id}/registrations`, {
    email: 'member@example.com',
    name: 'Member',
  });
  assert.equal(registered.status, 201);
  assert.equal(
    (await member.api('POST', `/api/meetings/${event.id}/registrations`, { email: 'MEMBER@example.com', name: 'M' }))
      .status,
    409,
  );
  await t.queue.runDueJobs();
  const mail = await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.meetingId, event.id));
  assert.deepEqual(
    mail.map((m) => m.toAddress),
    ['member@example.com'],
  );
  const booking = (await (
    await member.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, validBooking())
  ).json()) as MeetingJson;
  assert.equal(
    (await member.api('POST', `/api/meetings/${booking.id}/registrations`, { email: 'x@example.com', name: 'X' }))
      .status,
    400,
  );
});

test('the OpenAPI document is generated from the validating schemas', async () => {
  const response = await outsider.get('/api/openapi.json');
  assert.equal(response.status, 200);
  const doc = (await response.json()) as {
    paths: Record<string, unknown>;
    components: { schemas: Record<string, unknown> };
  };
  for (const path of [
    '/auth/signup',
    '/auth/login',
    '/me',
    '/ecosystems',
    '/ecosystems/{ecosystemId}/meetings',
    '/meetings/{meetingId}/cancel',
  ]) {
    assert.ok(doc.paths[path] ?? doc.paths[`/api${path}`], path);
  }
  assert.ok(doc.components.schemas.CreateMeeting);
});
