/**
 * A host's Zoom only with the host's consent, asked every time someone else puts a new meeting on
 * it (docs/product.md §2) — written as the attacks: a member who booked a host earlier reschedules after the
 * host turned consent off; an admin moves a host's own session; anyone moves the session of a host
 * who has left; ten creators together spend a host's Zoom day. The host is mailed about every new
 * meeting others make on their Zoom. Through the HTTP surface with the Zoom emulator, on PGlite and
 * on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../src/db/orm.ts';
import { mailMessages, meetings } from '../src/db/schema.ts';
import { Client, connectZoom, createTestApp, future, type TestApp } from './helpers/testApp.ts';
import { allowZoomForOthers, inviteAndAccept, openAllWeek } from './helpers/membership.ts';

let t: TestApp;
let admin: Client;
let member: Client;
let other: Client;
let ecoId: string;
let seq = 0;

const zoomCreates = () => t.emulator!.control.calls({ operation: 'meetings.create' }).length;
const liveMeetingsOf = (email: string) =>
  t.emulator!.control.meetings('all').filter((m) => m.hostEmail === email && !m.deletedAt).length;
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

/** A host of the ecosystem with their own connected Zoom, optionally letting others use it. */
async function newHost(allow: boolean): Promise<{ client: Client; id: string; email: string }> {
  const email = `host${++seq}@example.com`;
  const client = new Client(t.app);
  const { id } = await client.signUp(`Host ${seq}`, email);
  await inviteAndAccept(admin, ecoId, client, email, 'host');
  t.emulator!.control.createUser({ email });
  assert.equal((await connectZoom(client, t.emulator!, email)).status, 200);
  if (allow) await allowZoomForOthers(client, ecoId);
  await openAllWeek(client, ecoId);
  return { client, id, email };
}

/** A new hour for each record: one host is never in two places at once (docs/product.md §12.1). */
let hours = 0;
const nextStart = (days: number) => new Date(Date.parse(future(days)) + ++hours * 3_600_000).toISOString();

async function zoomRecord(
  by: Client,
  hostUserId: string,
  kind = 'booking',
): Promise<{ id: string; startTime: string }> {
  const response = await by.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind,
    title: `Office hour ${++seq}`,
    startTime: nextStart(5),
    durationMinutes: 30,
    timezone: 'UTC',
    hostUserId,
    location: { type: 'zoom' },
    attendeeEmails: ['guest@example.com'],
  });
  assert.equal(response.status, 201, await response.clone().text());
  const created = (await response.json()) as { id: string; startTime: string; zoom: { status: string } };
  assert.equal(created.zoom.status, 'created');
  return created;
}

const reschedule = (by: Client, id: string) =>
  by.api('POST', `/api/meetings/${id}/reschedule`, { startTime: nextStart(9), durationMinutes: 45 });

/** Refused as docs/product.md §2 says, with nothing changed: no new meeting at Zoom, the record as it was, no mail. */
async function assertRefusedWithNothingAtZoom(response: Response, recordId: string, hostEmail: string) {
  const createsBefore = zoomCreates();
  const liveBefore = liveMeetingsOf(hostEmail);
  const [before] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, recordId));
  const mailsBefore = (await t.deps.database.db.select().from(mailMessages)).length;
  assert.equal(response.status, 422, await response.clone().text());
  assert.equal(await errorCode(response), 'zoom_not_allowed_by_host');
  await t.queue.runDueJobs();
  assert.equal(zoomCreates(), createsBefore, 'nothing created at Zoom');
  assert.equal(liveMeetingsOf(hostEmail), liveBefore, 'the old meeting stays');
  const [after] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, recordId));
  assert.deepEqual(
    [after!.startAt.getTime(), after!.sequence, after!.zoomStatus],
    [before!.startAt.getTime(), before!.sequence, 'created'],
  );
  assert.equal((await t.deps.database.db.select().from(mailMessages)).length, mailsBefore, 'no mail');
}

before(async () => {
  t = await createTestApp({ zoom: true, env: { ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY: '3' } });
  t.emulator!.control.setLimits({ perSecond: { pro: { light: 1000, medium: 1000, heavy: 1000 } } });
  admin = new Client(t.app);
  member = new Client(t.app);
  other = new Client(t.app);
  await admin.signUp('Ada Admin', 'ada@example.com');
  await member.signUp('Mika Member', 'mika@example.com');
  await other.signUp('Olga Other', 'olga@example.com');
  ecoId = ((await (await admin.api('POST', '/api/ecosystems', { name: 'Consent' })).json()) as { id: string }).id;
  await inviteAndAccept(admin, ecoId, member, 'mika@example.com', 'member');
  await inviteAndAccept(admin, ecoId, other, 'olga@example.com', 'member');
});
after(() => t.close());

test('a member who booked a host earlier reschedules after the host turned consent off: 422, nothing at Zoom', async () => {
  const host = await newHost(true);
  const booked = await zoomRecord(member, host.id);
  await allowZoomForOthers(host.client, ecoId, false);
  await assertRefusedWithNothingAtZoom(await reschedule(member, booked.id), booked.id, host.email);
  // The host moving their own meeting is their own doing.
  assert.equal((await reschedule(host.client, booked.id)).status, 200);
});

test('an admin rescheduling a host’s own Zoom session without the host’s consent: 422, nothing at Zoom', async () => {
  const host = await newHost(false);
  const session = await zoomRecord(host.client, host.id, 'mentorship');
  await assertRefusedWithNothingAtZoom(await reschedule(admin, session.id), session.id, host.email);
  // The form says the same.
  const csrf = await admin.csrfToken('/ecosystems');
  const viaForm = await admin.form(
    `/meetings/${session.id}/reschedule`,
    { startLocal: future(9).slice(0, 16), durationMinutes: '45' },
    csrf,
  );
  assert.equal(viaForm.status, 422);
  assert.match(await viaForm.text(), /Zoom is not available with Host/);
});

test('a host who left: nobody else can put a meeting on their Zoom; they still see, and may cancel, what they host', async () => {
  const host = await newHost(true);
  const booked = await zoomRecord(member, host.id);
  assert.equal((await host.client.api('DELETE', `/api/ecosystems/${ecoId}/members/${host.id}`)).status, 204);
  await assertRefusedWithNothingAtZoom(await reschedule(member, booked.id), booked.id, host.email);
  await assertRefusedWithNothingAtZoom(await reschedule(admin, booked.id), booked.id, host.email);

  const seen = await host.client.api('GET', `/api/meetings/${booked.id}`);
  assert.equal(seen.status, 200, 'the host still sees it');
  const page = await (await host.client.get('/ecosystems')).text();
  assert.match(page, new RegExp(`/meetings/${booked.id}`), 'listed on My ecosystems');
  assert.equal((await reschedule(host.client, booked.id)).status, 403, 'moving it is the ecosystem’s business now');
  assert.equal((await host.client.api('GET', `/api/ecosystems/${ecoId}/meetings`)).status, 404);
  const cancelled = await host.client.api('POST', `/api/meetings/${booked.id}/cancel`);
  assert.equal(cancelled.status, 200, await cancelled.clone().text());
  await t.queue.runDueJobs();
  assert.equal(liveMeetingsOf(host.email), 0, 'and its Zoom meeting is gone');
});

test('a host made a plain member: nobody else can put a meeting on their Zoom any more', async () => {
  const host = await newHost(true);
  const booked = await zoomRecord(member, host.id);
  assert.equal((await admin.api('PUT', `/api/ecosystems/${ecoId}/members/${host.id}`, { role: 'member' })).status, 200);
  await assertRefusedWithNothingAtZoom(await reschedule(member, booked.id), booked.id, host.email);
});

test('the host is mailed about every new meeting others put on their Zoom, reschedules included, each with a link', async () => {
  const host = await newHost(true);
  const booked = await zoomRecord(member, host.id);
  assert.equal((await reschedule(member, booked.id)).status, 200);
  assert.equal((await reschedule(admin, booked.id)).status, 200);
  assert.equal((await reschedule(host.client, booked.id)).status, 200, 'their own move needs no notice');
  const notices = (
    await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, host.email))
  ).filter((m) => / (scheduled|moved) a Zoom meeting on your Zoom/.test(m.subject));
  assert.deepEqual(notices.map((m) => m.subject.split(' a Zoom')[0]).sort(), [
    'Ada Admin moved',
    'Mika Member moved',
    'Mika Member scheduled',
  ]);
  for (const notice of notices) assert.ok(notice.textBody.includes(`/meetings/${booked.id}`));
});

test('all others together put at most ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY meetings a day on one host’s Zoom; the host’s own never count', async () => {
  const host = await newHost(true);
  await zoomRecord(member, host.id);
  await zoomRecord(member, host.id);
  await zoomRecord(other, host.id);
  const createsBefore = zoomCreates();
  const fourth = await other.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'booking',
    title: 'One too many',
    startTime: future(6),
    durationMinutes: 30,
    timezone: 'UTC',
    hostUserId: host.id,
    location: { type: 'zoom' },
  });
  assert.equal(fourth.status, 429);
  assert.equal(await errorCode(fourth), 'host_booking_limit');
  assert.ok(Number(fourth.headers.get('retry-after')) > 0);
  assert.equal(zoomCreates(), createsBefore, 'nothing at Zoom');
  await zoomRecord(host.client, host.id);
});
