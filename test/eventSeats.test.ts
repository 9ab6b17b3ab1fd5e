/**
 * Events people can plan (docs/product.md §14): capacity, a waitlist that promotes itself, and a
 * time registration closes — through the HTTP surface, with everyone registering or leaving at
 * once: on PostgreSQL through two app instances sharing the database, on the embedded database
 * through one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, like } from '../src/db/orm.ts';
import { attendees, mailMessages } from '../src/db/schema.ts';
import { openPostgres } from '../src/db/client.ts';
import { Client, connectZoom, createTestApp, distinctFuture, type TestApp } from './helpers/testApp.ts';
import { seedMembers } from './helpers/membership.ts';
import { onPostgres } from './helpers/testDatabase.ts';

const PEOPLE = 60;
const CAPACITY = 10;
let t: TestApp;
let second: TestApp | undefined;
let host: Client;
let ecoId = '';
/** Members with a session each, `member{n}@example.com`. */
const people: { client: Client; email: string }[] = [];

const json = async <T>(response: Response, status: number): Promise<T> => {
  // On a failure, the app's last logged error says why.
  const lastError = () =>
    [...t.logLines, ...(second?.logLines ?? [])].filter((l) => l.includes('"level":50')).at(-1) ?? '';
  assert.equal(response.status, status, `${await response.clone().text()} ${lastError().slice(0, 600)}`);
  return (await response.json()) as T;
};
const errorCode = async (response: Response) =>
  ((await response.clone().json()) as { error: { code: string } }).error.code;

interface Seat {
  id: string;
  email: string;
  status: 'registered' | 'waitlisted';
  position?: number;
}
const seatsOf = async (eventId: string) =>
  (await json<{ attendees: Seat[] }>(await host.api('GET', `/api/meetings/${eventId}`), 200)).attendees;

async function newEvent(body: Record<string, unknown> = {}) {
  return json<{ id: string; startTime: string }>(
    await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'event',
      title: `Workshop ${randomUUID().slice(0, 6)}`,
      startTime: distinctFuture(5),
      durationMinutes: 60,
      timezone: 'Europe/Helsinki',
      location: { type: 'zoom' },
      capacity: CAPACITY,
      ...body,
    }),
    201,
  );
}

const register = (who: (typeof people)[number], eventId: string) =>
  who.client.api('POST', `/api/meetings/${eventId}/registrations`, { email: who.email, name: who.email.split('@')[0] });

before(async () => {
  t = await createTestApp({ zoom: true });
  host = new Client(t.app);
  await host.signUp('Hana Host', 'hana@example.com');
  ecoId = (await json<{ id: string }>(await host.api('POST', '/api/ecosystems', { name: 'Workshops' }), 201)).id;
  t.emulator!.control.createUser({ email: 'hana@example.com' });
  assert.equal((await connectZoom(host, t.emulator!, 'hana@example.com')).status, 200);
  if (onPostgres) {
    const database = openPostgres(t.testDb.url!);
    second = await createTestApp({
      sharedEmulator: t.emulator!,
      testDb: { database, url: t.testDb.url, close: () => database.close() },
    });
  }
  // The members join in the database (their sign-ups are not what this file is about).
  people.push(...(await seedMembers(t, second, ecoId, PEOPLE)));
});

after(async () => {
  await second?.close();
  await t.close();
});

test(`${PEOPLE} people register at once${onPostgres ? ' through two instances' : ''} for ${CAPACITY} seats: ${CAPACITY} registered, the rest waitlisted 1–${PEOPLE - CAPACITY} without gaps`, async () => {
  const event = await newEvent();
  const answers = await Promise.all(
    people.map(async (p) => json<{ id: string; status: string; position?: number }>(await register(p, event.id), 201)),
  );
  const registered = answers.filter((a) => a.status === 'registered');
  const waiting = answers.filter((a) => a.status === 'waitlisted');
  assert.equal(registered.length, CAPACITY);
  assert.equal(waiting.length, PEOPLE - CAPACITY);
  assert.ok(registered.every((a) => a.position === undefined));
  assert.deepEqual(
    waiting.map((a) => a.position).sort((x, y) => x! - y!),
    Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1),
  );
  // The record says the same, with each registrant's id, status and place.
  const seats = await seatsOf(event.id);
  assert.equal(seats.filter((s) => s.status === 'registered').length, CAPACITY);
  assert.deepEqual(
    seats
      .filter((s) => s.status === 'waitlisted')
      .map((s) => s.position)
      .sort((x, y) => x! - y!),
    Array.from({ length: PEOPLE - CAPACITY }, (_, i) => i + 1),
  );
  // Those waiting see the event, not its join URL; those with a seat see it.
  const firstWaiting = people.find((p) => p.email === seats.find((s) => s.position === 1)!.email)!;
  const seen = await json<{ zoom: { joinUrl?: string }; full: boolean; seats?: unknown; attendees: Seat[] }>(
    await firstWaiting.client.api('GET', `/api/meetings/${event.id}`),
    200,
  );
  assert.equal(seen.zoom.joinUrl, undefined);
  assert.equal(seen.full, true);
  assert.equal(seen.seats, undefined, 'counts are for those who see the registrants');
  assert.deepEqual(
    seen.attendees.map((a) => [a.status, a.position]),
    [['waitlisted', 1]],
  );
  const seated = people.find((p) => p.email === seats.find((s) => s.status === 'registered')!.email)!;
  const theirs = await json<{ zoom: { joinUrl?: string } }>(
    await seated.client.api('GET', `/api/meetings/${event.id}`),
    200,
  );
  assert.ok(theirs.zoom.joinUrl);
  // Mail: the join link only to those with a seat; those waiting get their place.
  await t.queue.runDueJobs();
  const mails = await t.deps.database.db
    .select({ to: mailMessages.toAddress, subject: mailMessages.subject, text: mailMessages.textBody })
    .from(mailMessages)
    .where(eq(mailMessages.meetingId, event.id));
  for (const seat of seats) {
    const theirMails = mails.filter((m) => m.to === seat.email);
    if (seat.status === 'registered') {
      assert.ok(
        theirMails.some((m) => m.text.includes(theirs.zoom.joinUrl!)),
        `${seat.email} has the join link`,
      );
    } else {
      assert.deepEqual(
        theirMails.map((m) => m.subject),
        [`On the waitlist: ${mails[0]!.subject.replace(/^[^:]+: /, '')}`],
        seat.email,
      );
      assert.match(theirMails[0]!.text, new RegExp(`waitlist, number ${seat.position}\\.`));
      assert.ok(!theirMails[0]!.text.includes(theirs.zoom.joinUrl!), 'no join link while waiting');
    }
  }
});

test('three registered people unregister at once: waitlist places 1–3 get the seats, each mailed the join link once; the rest move up', async () => {
  const event = await newEvent();
  for (const p of people.slice(0, CAPACITY + 7)) await json(await register(p, event.id), 201);
  await t.queue.runDueJobs();
  const before = await seatsOf(event.id);
  const leaving = before.filter((s) => s.status === 'registered').slice(0, 3);
  const firstThree = [1, 2, 3].map((n) => before.find((s) => s.position === n)!.email);
  const leavers = leaving.map((s) => people.find((p) => p.email === s.email)!);
  const answers = await Promise.all(
    leavers.map((p, i) => p.client.api('DELETE', `/api/meetings/${event.id}/registrations/${leaving[i]!.id}`)),
  );
  assert.deepEqual(
    answers.map((a) => a.status),
    [204, 204, 204],
  );
  const after = await seatsOf(event.id);
  assert.equal(after.filter((s) => s.status === 'registered').length, CAPACITY);
  for (const email of firstThree) assert.equal(after.find((s) => s.email === email)?.status, 'registered', email);
  assert.deepEqual(
    after
      .filter((s) => s.status === 'waitlisted')
      .map((s) => s.position)
      .sort((x, y) => x! - y!),
    [1, 2, 3, 4],
  );
  for (const s of leaving) assert.ok(!after.some((a) => a.email === s.email), 'people who left are not listed');
  await t.queue.runDueJobs();
  const { zoom } = await json<{ zoom: { joinUrl: string } }>(await host.api('GET', `/api/meetings/${event.id}`), 200);
  for (const email of firstThree) {
    const withLink = await t.deps.database.db
      .select({ subject: mailMessages.subject })
      .from(mailMessages)
      .where(
        and(
          eq(mailMessages.meetingId, event.id),
          eq(mailMessages.toAddress, email),
          like(mailMessages.textBody, `%${zoom.joinUrl}%`),
        ),
      );
    assert.equal(withLink.length, 1, `${email} is mailed the join link once`);
  }
  for (const s of leaving) {
    const told = await t.deps.database.db
      .select({ subject: mailMessages.subject, ics: mailMessages.ics })
      .from(mailMessages)
      .where(and(eq(mailMessages.meetingId, event.id), eq(mailMessages.toAddress, s.email)))
      .orderBy(asc(mailMessages.createdAt));
    assert.match(told.at(-1)!.subject, /^Unregistered: /);
    assert.match(told.at(-1)!.ics ?? '', /METHOD:CANCEL/);
  }
});

test('someone else’s registration answers 404 to a member; the host removes anyone; a waitlisted person leaving moves the rest up', async () => {
  const event = await newEvent({ capacity: 1 });
  for (const p of people.slice(0, 4)) await json(await register(p, event.id), 201);
  const seats = await seatsOf(event.id);
  const [seated, w1, w2, w3] = [
    seats.find((s) => s.status === 'registered')!,
    ...[1, 2, 3].map((n) => seats.find((s) => s.position === n)!),
  ];
  const stranger = people[10]!;
  assert.equal(
    (await stranger.client.api('DELETE', `/api/meetings/${event.id}/registrations/${seated.id}`)).status,
    404,
  );
  assert.equal((await stranger.client.api('DELETE', `/api/meetings/${event.id}/registrations/not-an-id`)).status, 404);
  assert.equal((await host.api('DELETE', `/api/meetings/${event.id}/registrations/${w2!.id}`)).status, 204);
  const after = await seatsOf(event.id);
  assert.deepEqual(
    after.map((s) => [s.email, s.status, s.position]),
    [
      [seated.email, 'registered', undefined],
      [w1!.email, 'waitlisted', 1],
      [w3!.email, 'waitlisted', 2],
    ].sort((a, b) => seats.findIndex((s) => s.email === a[0]) - seats.findIndex((s) => s.email === b[0])),
  );
  assert.equal((await host.api('DELETE', `/api/meetings/${event.id}/registrations/${w2!.id}`)).status, 404);
});

test('lowering the capacity keeps everyone registered and promotes nobody until there is room; raising it seats the first waiting', async () => {
  const event = await newEvent({ capacity: 3 });
  for (const p of people.slice(0, 5)) await json(await register(p, event.id), 201);
  const move = (capacity: number | null) =>
    host.api('POST', `/api/meetings/${event.id}/reschedule`, {
      startTime: event.startTime,
      durationMinutes: 60,
      capacity,
    });
  await json(await move(2), 200);
  let seats = await seatsOf(event.id);
  assert.equal(seats.filter((s) => s.status === 'registered').length, 3);
  // One leaves: 2 registered, capacity 2, no room: nobody is promoted.
  const one = seats.find((s) => s.status === 'registered')!;
  assert.equal((await host.api('DELETE', `/api/meetings/${event.id}/registrations/${one.id}`)).status, 204);
  seats = await seatsOf(event.id);
  assert.equal(seats.filter((s) => s.status === 'registered').length, 2);
  assert.equal(seats.filter((s) => s.status === 'waitlisted').length, 2);
  await json(await move(3), 200);
  seats = await seatsOf(event.id);
  assert.equal(seats.filter((s) => s.status === 'registered').length, 3);
  assert.deepEqual(
    seats.filter((s) => s.status === 'waitlisted').map((s) => s.position),
    [1],
  );
  // No limit any more: everyone waiting gets a seat.
  await json(await move(null), 200);
  assert.ok((await seatsOf(event.id)).every((s) => s.status === 'registered'));
});

test('a registration after registrationClosesAt answers 422 registration_closed and stores nothing; a close after the start is refused', async () => {
  // Closed a minute ago (an organizer may close registration at once); another closes in an hour.
  const event = await newEvent({ registrationClosesAt: new Date(Date.now() - 60_000).toISOString(), capacity: null });
  const late = await newEvent({ registrationClosesAt: new Date(Date.now() + 3_600_000).toISOString() });
  assert.equal((await register(people[0]!, late.id)).status, 201);
  const before = await t.deps.database.db.select().from(attendees).where(eq(attendees.meetingId, event.id));
  const refused = await register(people[0]!, event.id);
  assert.equal(refused.status, 422);
  assert.equal(await errorCode(refused), 'registration_closed');
  assert.deepEqual(await t.deps.database.db.select().from(attendees).where(eq(attendees.meetingId, event.id)), before);
  const afterStart = await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'event',
    title: 'Closes too late',
    startTime: distinctFuture(5),
    durationMinutes: 60,
    timezone: 'UTC',
    location: { type: 'link', url: 'https://meet.example.org/x' },
    registrationClosesAt: new Date(Date.now() + 400 * 86_400_000).toISOString(),
  });
  assert.equal(afterStart.status, 400);
  const notAnEvent = await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'mentorship',
    title: 'No seats here',
    startTime: distinctFuture(5),
    durationMinutes: 60,
    timezone: 'UTC',
    location: { type: 'link', url: 'https://meet.example.org/x' },
    capacity: 3,
  });
  assert.equal(notAnEvent.status, 400);
});

test('a waitlisted person’s personal link leaves the waitlist; a registrant’s frees the seat for the first waiting', async () => {
  const event = await newEvent({ capacity: 1 });
  for (const p of people.slice(20, 23)) await json(await register(p, event.id), 201);
  const seats = await seatsOf(event.id);
  const linkOf = async (email: string) => {
    const [mail] = await t.deps.database.db
      .select({ text: mailMessages.textBody })
      .from(mailMessages)
      .where(
        and(
          eq(mailMessages.meetingId, event.id),
          eq(mailMessages.toAddress, email),
          like(mailMessages.textBody, '%/respond/%'),
        ),
      );
    return /\/respond\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  };
  const seated = seats.find((s) => s.status === 'registered')!;
  const first = seats.find((s) => s.position === 1)!;
  const second_ = seats.find((s) => s.position === 2)!;
  const anonymous = new Client(t.app);
  const firstLink = (await linkOf(first.email))!;
  await json(await anonymous.api('POST', `/api/respond/${firstLink}`, { action: 'unregister' }), 200);
  let now = await seatsOf(event.id);
  assert.deepEqual(now.find((s) => s.email === second_.email)?.position, 1);
  await json(
    await anonymous.api('POST', `/api/respond/${(await linkOf(seated.email))!}`, {
      action: 'unregister',
      reason: 'Ill',
    }),
    200,
  );
  now = await seatsOf(event.id);
  assert.deepEqual(
    now.map((s) => [s.email, s.status]),
    [[second_.email, 'registered']],
  );
});
