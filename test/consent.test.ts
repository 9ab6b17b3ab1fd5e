/**
 * docs/product.md §2 through the HTTP surface, with the Zoom emulator: membership by invitation, a host's
 * Zoom only with the host's consent (and a per-creator daily limit), who may name whom as host,
 * who sees what, self-registration, and the last admin. Runs on PGlite and on PostgreSQL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNotNull } from '../src/db/orm.ts';
import { mailMessages, meetings, memberships } from '../src/db/schema.ts';
import { Client, connectZoom, createTestApp, future, type TestApp } from './helpers/testApp.ts';
import { allowZoomForOthers, inviteAndAccept, openAllWeek } from './helpers/membership.ts';

let t: TestApp;
let admin: Client;
let host: Client;
let member: Client;
let other: Client;
let ecoId: string;
let hostId: string;
let adminId: string;

interface MeetingJson {
  id: string;
  attendees: { email: string }[];
  zoom: { status: string; joinUrl?: string; meetingId?: string; passcode?: string };
}

const zoomMeetingsOf = (email: string) => t.emulator!.control.meetings('all').filter((m) => m.hostEmail === email);
const mailTo = (email: string) =>
  t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email));
/** A new hour for each record: one host is never in two places at once (docs/product.md §12.1). */
let hours = 0;
const nextStart = () => new Date(Date.parse(future(4)) + ++hours * 3_600_000).toISOString();
const booking = (overrides: Record<string, unknown> = {}) => ({
  kind: 'booking',
  title: 'Office hour',
  startTime: nextStart(),
  durationMinutes: 30,
  timezone: 'Europe/Helsinki',
  hostUserId: hostId,
  location: { type: 'zoom' },
  ...overrides,
});

before(async () => {
  t = await createTestApp({ zoom: true });
  // Zoom's per-second limits are real-time windows; this suite is about consent, not rate limits.
  t.emulator!.control.setLimits({ perSecond: { pro: { light: 1000, medium: 1000, heavy: 1000 } } });
  t.emulator!.control.createUser({ email: 'hana@example.com' });
  t.emulator!.control.createUser({ email: 'ada@example.com' });
  admin = new Client(t.app);
  host = new Client(t.app);
  member = new Client(t.app);
  other = new Client(t.app);
  adminId = (await admin.signUp('Ada Admin', 'ada@example.com')).id;
  hostId = (await host.signUp('Hana Host', 'hana@example.com')).id;
  await member.signUp('Mika Member', 'mika@example.com');
  await other.signUp('Olga Other', 'olga@example.com');
  ecoId = ((await (await admin.api('POST', '/api/ecosystems', { name: 'Accelerator' })).json()) as { id: string }).id;
  await inviteAndAccept(admin, ecoId, host, 'hana@example.com', 'host');
  await inviteAndAccept(admin, ecoId, member, 'mika@example.com', 'member');
  await inviteAndAccept(admin, ecoId, other, 'olga@example.com', 'member');
  assert.equal((await connectZoom(host, t.emulator!, 'hana@example.com')).status, 200);
  assert.equal((await connectZoom(admin, t.emulator!, 'ada@example.com')).status, 200);
  await openAllWeek(host, ecoId);
});
after(() => t.close());

test('the stranger scenario: inviting a Zoom-connected host and naming them puts nothing on their Zoom and sends no meeting mail', async () => {
  const victim = new Client(t.app);
  await victim.signUp('Vera Victim', 'vera@example.com');
  t.emulator!.control.createUser({ email: 'vera@example.com' });
  assert.equal((await connectZoom(victim, t.emulator!, 'vera@example.com')).status, 200);
  const victimId = ((await (await victim.api('GET', '/api/me')).json()) as { user: { id: string } }).user.id;

  const stranger = new Client(t.app);
  await stranger.signUp('Sam Stranger', 'sam@example.com');
  const eco = ((await (await stranger.api('POST', '/api/ecosystems', { name: 'Spam Inc' })).json()) as { id: string })
    .id;
  const invited = await stranger.api('POST', `/api/ecosystems/${eco}/members`, {
    email: 'vera@example.com',
    role: 'host',
  });
  assert.equal(invited.status, 201);
  assert.equal(((await invited.json()) as { status: string }).status, 'invited');

  // Not a member until Vera accepts: she cannot be named as host, for any kind.
  for (const kind of ['event', 'mentorship', 'booking']) {
    const response = await stranger.api('POST', `/api/ecosystems/${eco}/meetings`, {
      ...booking({ kind, hostUserId: victimId }),
      attendeeEmails: ['x@example.com'],
    });
    assert.equal(response.status, 400, kind);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_host');
  }
  assert.equal(zoomMeetingsOf('vera@example.com').length, 0);
  await t.queue.runDueJobs();
  const meetingMail = (
    await t.deps.database.db.select().from(mailMessages).where(isNotNull(mailMessages.meetingId))
  ).filter((m) => [m.toAddress].includes('x@example.com') || m.textBody.includes('Vera'));
  assert.equal(meetingMail.length, 0, 'no meeting mail with the victim as organizer');
  // Vera sees the invitation and nothing else of the ecosystem.
  const mine = (await (await victim.api('GET', '/api/invitations')).json()) as {
    items: { ecosystem: { name: string } }[];
  };
  assert.deepEqual(
    mine.items.map((i) => i.ecosystem.name),
    ['Spam Inc'],
  );
  assert.equal((await victim.api('GET', `/api/ecosystems/${eco}/meetings`)).status, 404);

  // Even had she accepted as host, her Zoom needs her own consent in that ecosystem.
  const [inv] = mine.items as unknown as { id: string }[];
  assert.equal((await victim.api('POST', `/api/invitations/${inv!.id}/accept`)).status, 200);
  const refused = await stranger.api(
    'POST',
    `/api/ecosystems/${eco}/meetings`,
    booking({ kind: 'event', hostUserId: victimId }),
  );
  assert.equal(refused.status, 422);
  const { error } = (await refused.json()) as { error: { code: string; message: string } };
  assert.equal(error.code, 'zoom_not_allowed_by_host');
  assert.match(error.message, /Let members schedule Zoom meetings with me/);
  assert.equal(zoomMeetingsOf('vera@example.com').length, 0);
  assert.equal((await t.deps.database.db.select().from(meetings).where(eq(meetings.hostUserId, victimId))).length, 0);
});

test('invitations answer alike for known and unknown emails; the invitee is not a member until they accept; decline and revoke work', async () => {
  const known = await admin.api('POST', `/api/ecosystems/${ecoId}/members`, {
    email: 'olga-second@example.com',
    role: 'member',
  });
  const unknown = await admin.api('POST', `/api/ecosystems/${ecoId}/members`, {
    email: 'nobody-yet@example.com',
    role: 'member',
  });
  const shape = (r: { id: string; email: string; role: string; status: string; invitedAt: string }) =>
    Object.keys(r).sort().join(',');
  const a = (await known.json()) as { id: string; email: string; role: string; status: string; invitedAt: string };
  const b = (await unknown.json()) as typeof a;
  assert.equal(known.status, unknown.status);
  assert.equal(shape(a), shape(b));
  assert.equal(a.status, 'invited');
  assert.equal(b.status, 'invited');

  // Someone without an account sees the invitation once they sign up with that email.
  const newcomer = new Client(t.app);
  await newcomer.signUp('Nina Newcomer', 'nobody-yet@example.com');
  const list = (await (await newcomer.api('GET', '/api/invitations')).json()) as {
    items: { id: string; ecosystem: { id: string } }[];
  };
  assert.deepEqual(
    list.items.map((i) => i.ecosystem.id),
    [ecoId],
  );
  assert.equal((await newcomer.api('GET', `/api/ecosystems/${ecoId}/meetings`)).status, 404, 'not a member yet');
  // Someone else cannot answer it.
  assert.equal((await member.api('POST', `/api/invitations/${list.items[0]!.id}/accept`)).status, 404);
  assert.equal((await newcomer.api('POST', `/api/invitations/${list.items[0]!.id}/decline`)).status, 200);
  assert.equal(
    (await newcomer.api('POST', `/api/invitations/${list.items[0]!.id}/accept`)).status,
    404,
    'answered already',
  );
  assert.equal((await newcomer.api('GET', `/api/ecosystems/${ecoId}/meetings`)).status, 404);

  // Revoked invitations disappear and can no longer be accepted.
  const again = (await (
    await admin.api('POST', `/api/ecosystems/${ecoId}/members`, { email: 'nobody-yet@example.com', role: 'host' })
  ).json()) as { id: string };
  const pending = (await (await admin.api('GET', `/api/ecosystems/${ecoId}/invitations`)).json()) as {
    items: { id: string }[];
  };
  assert.ok(pending.items.some((i) => i.id === again.id));
  assert.equal((await member.api('GET', `/api/ecosystems/${ecoId}/invitations`)).status, 403, 'admins only');
  assert.equal((await admin.api('DELETE', `/api/ecosystems/${ecoId}/invitations/${again.id}`)).status, 204);
  assert.equal((await newcomer.api('POST', `/api/invitations/${again.id}/accept`)).status, 404);
  assert.deepEqual(((await (await newcomer.api('GET', '/api/invitations')).json()) as { items: unknown[] }).items, []);

  // Inviting someone who is already a member is a clear conflict, not a second membership.
  const dup = await admin.api('POST', `/api/ecosystems/${ecoId}/members`, { email: 'mika@example.com', role: 'admin' });
  assert.equal(dup.status, 409);
  assert.equal(((await dup.json()) as { error: { code: string } }).error.code, 'already_member');
  // The invitee is mailed, with no hint of whether they have an account.
  const invitationMail = async (to: string) => (await mailTo(to)).filter((m) => / invited you to /.test(m.subject));
  const [unknownMail] = await invitationMail('nobody-yet@example.com');
  const [knownMail] = await invitationMail('olga-second@example.com');
  assert.equal(unknownMail!.subject, knownMail!.subject);
  assert.equal(unknownMail!.textBody, knownMail!.textBody);
});

test('a member books a host who allowed it: a Zoom meeting on the host’s Zoom, the host is mailed; the 11th that day answers 429', async () => {
  const refused = await member.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking());
  assert.equal(refused.status, 422);
  assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'zoom_not_allowed_by_host');
  const before = zoomMeetingsOf('hana@example.com').length;

  await allowZoomForOthers(host, ecoId);
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) {
    const response = await member.api(
      'POST',
      `/api/ecosystems/${ecoId}/meetings`,
      booking({ title: `Office hour ${i}` }),
    );
    assert.equal(response.status, 201, await response.clone().text());
    const created = (await response.json()) as MeetingJson;
    assert.equal(created.zoom.status, 'created');
    assert.ok(created.zoom.joinUrl);
    ids.push(created.id);
  }
  assert.equal(zoomMeetingsOf('hana@example.com').length, before + 10);
  const rows = await t.deps.database.db.select().from(meetings).where(eq(meetings.hostUserId, hostId));
  const eleventh = await member.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking({ title: 'One too many' }));
  assert.equal(eleventh.status, 429);
  assert.equal(((await eleventh.json()) as { error: { code: string } }).error.code, 'host_booking_limit');
  assert.ok(Number(eleventh.headers.get('retry-after')) > 0);
  assert.equal(
    (await t.deps.database.db.select().from(meetings).where(eq(meetings.hostUserId, hostId))).length,
    rows.length,
    'nothing stored',
  );
  assert.equal(zoomMeetingsOf('hana@example.com').length, before + 10);
  // The limit is per creator: another member still can; the host's own records never count.
  assert.equal(
    (await other.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking({ title: 'Olga’s turn' }))).status,
    201,
  );
  assert.equal((await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking({ title: 'Mine' }))).status, 201);

  await t.queue.runDueJobs();
  const hostMail = (await mailTo('hana@example.com')).filter((m) =>
    m.subject.startsWith('Mika Member scheduled a Zoom meeting'),
  );
  assert.equal(hostMail.length, 10);
  for (const id of ids)
    assert.ok(
      hostMail.some((m) => m.textBody.includes(`/meetings/${id}`)),
      'each mail links its record',
    );

  // Rescheduling makes a new Zoom meeting, so it counts too: Mika is at her limit.
  const moved = await member.api('POST', `/api/meetings/${ids[0]}/reschedule`, {
    startTime: future(9),
    durationMinutes: 30,
  });
  assert.equal(moved.status, 429);
  assert.equal(((await moved.json()) as { error: { code: string } }).error.code, 'host_booking_limit');
  assert.equal(zoomMeetingsOf('hana@example.com').filter((m) => !m.deletedAt).length >= 10, true);
  // The host moving it is their own doing and never counts.
  assert.equal(
    (await host.api('POST', `/api/meetings/${ids[0]}/reschedule`, { startTime: future(9), durationMinutes: 30 }))
      .status,
    200,
  );

  // Turning it off stops new ones at once.
  await allowZoomForOthers(host, ecoId, false);
  assert.equal(
    (await other.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking({ title: 'After off' }))).status,
    422,
  );
});

test('the daily limit holds under concurrent creates', async () => {
  await allowZoomForOthers(host, ecoId);
  const racer = new Client(t.app);
  await racer.signUp('Rita Racer', 'rita@example.com');
  await inviteAndAccept(admin, ecoId, racer, 'rita@example.com', 'member');
  const responses = await Promise.all(
    Array.from({ length: 14 }, (_, i) =>
      racer.api(
        'POST',
        `/api/ecosystems/${ecoId}/meetings`,
        booking({ title: `Race ${i}`, location: { type: 'in_person', address: 'x' } }),
      ),
    ),
  );
  assert.ok(
    responses.every((r) => r.status === 201),
    'in-person bookings are not limited',
  );
  const zoomed = await Promise.all(
    Array.from({ length: 14 }, (_, i) =>
      racer.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking({ title: `Zoom race ${i}` })),
    ),
  );
  assert.deepEqual(zoomed.map((r) => r.status).sort(), [...Array(10).fill(201), ...Array(4).fill(429)]);
  await allowZoomForOthers(host, ecoId, false);
});

test('who may name whom as host', async () => {
  const inPerson = { location: { type: 'in_person', address: 'Room 1' } };
  const cases: [Client, Record<string, unknown>, number, string?][] = [
    [member, { ...inPerson, hostUserId: adminId }, 403, 'host_not_allowed'], // a member books role host only
    [member, { ...inPerson, kind: 'mentorship' }, 403, 'not_host'],
    [member, { ...inPerson, hostUserId: undefined }, 400, 'host_required'],
    [host, { ...inPerson, kind: 'mentorship', hostUserId: adminId }, 403, 'host_not_allowed'], // hosts name only themselves
    [admin, { ...inPerson, kind: 'mentorship' }, 201], // admins name any host
    [admin, { ...inPerson, kind: 'event', hostUserId: adminId }, 201],
    [host, { ...inPerson, kind: 'event' }, 201], // hosts host their own
    [admin, { ...inPerson, hostUserId: await memberId() }, 400, 'invalid_host'], // a plain member never hosts
  ];
  for (const [client, override, status, code] of cases) {
    const response = await client.api('POST', `/api/ecosystems/${ecoId}/meetings`, booking(override));
    assert.equal(response.status, status, JSON.stringify(override));
    if (code) assert.equal(((await response.json()) as { error: { code: string } }).error.code, code);
  }
});

async function memberId() {
  return ((await (await member.api('GET', '/api/me')).json()) as { user: { id: string } }).user.id;
}

test('who sees what: a booking exists only for its people; an event’s join URL and registrants only for its people', async () => {
  await allowZoomForOthers(host, ecoId);
  const response = await other.api(
    'POST',
    `/api/ecosystems/${ecoId}/meetings`,
    booking({ title: 'Private chat', attendeeEmails: ['mika@example.com'] }),
  );
  assert.equal(response.status, 201);
  const created = (await response.json()) as MeetingJson;
  await allowZoomForOthers(host, ecoId, false);
  // Olga created it, Mika is an attendee; admin, host and creator manage it.
  for (const client of [member, host, admin, other]) {
    const response = await client.api('GET', `/api/meetings/${created.id}`);
    assert.equal(response.status, 200);
    const seen = (await response.json()) as MeetingJson;
    assert.ok(seen.zoom.joinUrl, JSON.stringify(seen.zoom));
  }
  const third = new Client(t.app);
  await third.signUp('Tuomas Third', 'tuomas@example.com');
  await inviteAndAccept(admin, ecoId, third, 'tuomas@example.com', 'member');
  const hidden = await third.api('GET', `/api/meetings/${created.id}`);
  assert.equal(hidden.status, 404);
  assert.doesNotMatch(await hidden.text(), /Private chat/);
  assert.equal((await third.api('POST', `/api/meetings/${created.id}/cancel`)).status, 404);
  const list = (await (await third.api('GET', `/api/ecosystems/${ecoId}/meetings`)).json()) as {
    items: { id: string }[];
  };
  assert.ok(!list.items.some((m) => m.id === created.id));
  assert.doesNotMatch(await (await third.get(`/ecosystems/${ecoId}/lets-meet`)).text(), /Private chat/);
  assert.equal((await third.get(`/meetings/${created.id}`)).status, 404);
  // The attendee may see it, but not cancel it.
  assert.equal((await member.api('POST', `/api/meetings/${created.id}/cancel`)).status, 403);

  // An event: every member sees it; registrants and the join URL only for its people.
  const event = (await (
    await host.api(
      'POST',
      `/api/ecosystems/${ecoId}/meetings`,
      booking({ kind: 'event', title: 'Demo day', attendeeEmails: ['olga@example.com'] }),
    )
  ).json()) as MeetingJson;
  assert.ok(event.zoom.joinUrl);
  const seen = (await (await third.api('GET', `/api/meetings/${event.id}`)).json()) as MeetingJson;
  assert.equal(seen.zoom.joinUrl, undefined);
  assert.equal(seen.zoom.passcode, undefined);
  assert.deepEqual(seen.attendees, []);
  const page = await (await third.get(`/meetings/${event.id}`)).text();
  assert.doesNotMatch(page, /olga@example\.com/);
  assert.doesNotMatch(page, new RegExp(event.zoom.joinUrl!.replace(/[.?]/g, '\\$&')));
  // A member registers only themselves …
  const forStranger = await third.api('POST', `/api/meetings/${event.id}/registrations`, {
    email: 'someone@else.example',
    name: 'Someone',
  });
  assert.equal(forStranger.status, 403);
  assert.equal(((await forStranger.json()) as { error: { code: string } }).error.code, 'register_self_only');
  const self = await third.api('POST', `/api/meetings/${event.id}/registrations`, {
    email: 'tuomas@example.com',
    name: 'Tuomas',
  });
  assert.equal(self.status, 201);
  assert.equal(((await self.json()) as { status: string }).status, 'registered');
  const registered = (await (await third.api('GET', `/api/meetings/${event.id}`)).json()) as MeetingJson;
  assert.equal(registered.zoom.joinUrl, event.zoom.joinUrl, 'a registrant sees the join URL');
  assert.deepEqual(
    registered.attendees.map((a) => a.email),
    ['tuomas@example.com'],
    '… and only their own registration',
  );
  // … while the host (and admins) may register others.
  assert.equal(
    (await host.api('POST', `/api/meetings/${event.id}/registrations`, { email: 'guest@example.com', name: 'Guest' }))
      .status,
    201,
  );
  await t.queue.runDueJobs();
  const [confirmation] = (await mailTo('tuomas@example.com')).filter((m) => m.meetingId === event.id);
  assert.ok(confirmation!.textBody.includes(event.zoom.joinUrl!), 'the registrant’s confirmation carries the join URL');
  assert.doesNotMatch(confirmation!.ics ?? '', /olga@example\.com|guest@example\.com/, 'and names no other registrant');
});

test('the last admin stays; with two admins, concurrent demotions leave one', async () => {
  const meId = adminId;
  const self = await admin.api('PUT', `/api/ecosystems/${ecoId}/members/${meId}`, { role: 'member' });
  assert.equal(self.status, 409);
  assert.equal(((await self.json()) as { error: { code: string } }).error.code, 'last_admin');
  assert.equal((await admin.api('DELETE', `/api/ecosystems/${ecoId}/members/${meId}`)).status, 409);
  assert.equal((await member.api('PUT', `/api/ecosystems/${ecoId}/members/${meId}`, { role: 'member' })).status, 403);

  const second = new Client(t.app);
  const secondId = (await second.signUp('Aino Admin', 'aino@example.com')).id;
  await inviteAndAccept(admin, ecoId, second, 'aino@example.com', 'admin');
  const [a, b] = await Promise.all([
    admin.api('PUT', `/api/ecosystems/${ecoId}/members/${secondId}`, { role: 'member' }),
    second.api('PUT', `/api/ecosystems/${ecoId}/members/${meId}`, { role: 'member' }),
  ]);
  // Exactly one wins. The loser is refused either as the last admin (409: both checks ran before
  // either demotion committed) or as no longer an admin (403: the winner's demotion committed
  // before the loser's own role was checked) — which one depends on timing, not on correctness.
  const statuses = [a.status, b.status].sort();
  assert.equal(statuses[0], 200, `one demotion succeeds: ${statuses}`);
  assert.ok([403, 409].includes(statuses[1]!), `the other is refused: ${statuses}`);
  const admins = await t.deps.database.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.ecosystemId, ecoId), eq(memberships.role, 'admin')));
  assert.equal(admins.length, 1);
});
