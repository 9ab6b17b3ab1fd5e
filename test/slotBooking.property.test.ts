/**
 * Booking a host's free slot (docs/product.md §12), end to end over the JSON API on the embedded
 * database: random hosts with random availability and busy time; every slot listed can be booked,
 * a booking takes away exactly the slots it meets widened by the buffers (or fills the week), a
 * time not listed is refused with the nearest listed slots, and the host's live records never
 * overlap. And two hundred members racing for one slot: one gets it, and cancelling frees it at once.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eq } from '../src/db/orm.ts';
import { meetings, memberships, users } from '../src/db/schema.ts';
import { createSession, SESSION_COOKIE } from '../src/auth/sessions.ts';
import { Client, createTestApp, type TestApp } from './helpers/testApp.ts';
import { inviteAndAccept } from './helpers/membership.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const ROOM = { type: 'in_person', address: 'Room 1' } as const;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

let t: TestApp;
let admin: Client;
let adminId: string;
let member: Client;
let ecoId: string;
let seq = 0;

interface Slot {
  start: string;
  end: string;
}
interface ErrorBody {
  error: { code: string; message: string; nearestSlots?: Slot[] };
}

before(async () => {
  t = await createTestApp({
    env: {
      MAIL_QUOTA_PER_PERSON_HOUR: '100000',
      MAIL_QUOTA_PER_PERSON_DAY: '100000',
      MAIL_QUOTA_PER_ECOSYSTEM_HOUR: '100000',
    },
  });
  admin = new Client(t.app);
  member = new Client(t.app);
  adminId = (await admin.signUp('Ada Admin', 'ada@example.com')).id;
  await member.signUp('Mika Member', 'mika@example.com');
  const created = await admin.api('POST', '/api/ecosystems', { name: 'Lets Meet' });
  assert.equal(created.status, 201, await created.clone().text());
  ecoId = ((await created.json()) as { id: string }).id;
  await inviteAndAccept(admin, ecoId, member, 'mika@example.com', 'member');
});
after(() => t.close());

/**
 * People made straight in the database, each signed in on their own client: sign-up through the
 * API hashes a password with scrypt (tested elsewhere), which this suite would pay hundreds of times.
 */
async function people(
  count: number,
  role: 'host' | 'member',
): Promise<{ client: Client; id: string; email: string }[]> {
  const db = t.deps.database.db;
  const rows = Array.from({ length: count }, () => {
    const n = ++seq;
    return { id: randomUUID(), email: `${role}${n}@example.com`, name: `${role} ${n}`, passwordHash: 'not-a-password' };
  });
  await db.insert(users).values(rows);
  await db.insert(memberships).values(rows.map((p) => ({ ecosystemId: ecoId, userId: p.id, role })));
  const made = [];
  for (const row of rows) {
    const { token } = await createSession(db, row.id);
    const client = new Client(t.app);
    client.cookies.set(SESSION_COOKIE, token);
    made.push({ client, id: row.id, email: row.email });
  }
  return made;
}

async function newHost(): Promise<{ client: Client; id: string; email: string }> {
  return (await people(1, 'host'))[0]!;
}

async function json<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, `${what}: ${text}`);
  return JSON.parse(text) as T;
}

async function listSlots(by: Client, hostId: string, from: number, to: number, duration: number): Promise<Slot[]> {
  const query = new URLSearchParams({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    duration: String(duration),
  });
  const body = await json<{ durationMinutes: number; items: Slot[] }>(
    await by.get(`/api/ecosystems/${ecoId}/hosts/${hostId}/slots?${query}`),
    200,
    'list slots',
  );
  assert.equal(body.durationMinutes, duration);
  return body.items;
}

function book(by: Client, hostUserId: string, start: number, durationMinutes: number, timezone = 'UTC') {
  return by.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'booking',
    title: `Booking ${++seq}`,
    startTime: new Date(start).toISOString(),
    durationMinutes,
    timezone,
    hostUserId,
    location: ROOM,
  });
}

/** The Monday (as a day number) of the host's Monday-to-Monday week holding the instant. */
function weekOf(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  for (const p of format.formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const day = Date.UTC(parts.year!, parts.month! - 1, parts.day!) / DAY;
  return day - ((((day + 3) % 7) + 7) % 7);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const span = (s: Slot) => ({ start: Date.parse(s.start), end: Date.parse(s.end) });

/** The host's live records (every ecosystem), straight from the database. */
async function liveRecordsOf(hostId: string) {
  const rows = await t.deps.database.db
    .select({ id: meetings.id, start: meetings.startAt, minutes: meetings.durationMinutes, status: meetings.status })
    .from(meetings)
    .where(eq(meetings.hostUserId, hostId));
  return rows
    .filter((r) => r.status !== 'cancelled')
    .map((r) => ({ id: r.id, start: r.start.getTime(), end: r.start.getTime() + r.minutes * MIN }));
}

function assertNoOverlap(records: { id: string; start: number; end: number }[]) {
  const sorted = [...records].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(
      sorted[i - 1]!.end <= sorted[i]!.start,
      `records ${sorted[i - 1]!.id} and ${sorted[i]!.id} overlap: ${JSON.stringify(sorted.slice(i - 1, i + 1))}`,
    );
  }
}

const clockOf = (fiveMinutes: number) => {
  const m = fiveMinutes * 5;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** A weekly window anywhere in the day, "24:00" ends included (windows of adjacent days touch). */
const window = fc
  .tuple(fc.constantFrom(...DAYS), fc.integer({ min: 0, max: 288 }), fc.integer({ min: 0, max: 288 }))
  .filter(([, a, b]) => a !== b)
  .map(([day, a, b]) => ({ day, start: clockOf(Math.min(a, b)), end: clockOf(Math.max(a, b)) }));

/** A span placed in the asked range: minutes after `from`, and its length. */
const placed = (maxMinutes: number) =>
  fc.record({
    at: fc.integer({ min: -120, max: 5 * 1440 }).map((m) => m - (m % 5)),
    minutes: fc.integer({ min: 5, max: maxMinutes }),
  });

const scenario = fc.record({
  zone: fc.constantFrom(
    'Europe/Helsinki',
    'America/New_York',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'UTC',
    'Pacific/Chatham',
  ),
  weekly: fc.array(window, { minLength: 1, maxLength: 6 }),
  extra: fc.array(placed(180), { maxLength: 2 }),
  blocked: fc.array(placed(240), { maxLength: 2 }),
  durations: fc.uniqueArray(fc.constantFrom(15, 20, 25, 30, 45, 60, 90), { minLength: 1, maxLength: 3 }),
  durationPick: fc.nat(),
  slotStepMinutes: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
  bufferBeforeMinutes: fc.integer({ min: 0, max: 30 }),
  bufferAfterMinutes: fc.integer({ min: 0, max: 30 }),
  horizonDays: fc.integer({ min: 2, max: 30 }),
  weeklyLimit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  /** Records the host makes themselves, and records of the admin the host attends. */
  ownRecords: fc.array(placed(120), { maxLength: 4 }),
  attended: fc.array(placed(90), { maxLength: 2 }),
  daysAhead: fc.integer({ min: 1, max: 3 }),
  fromMinute: fc.integer({ min: 0, max: 1439 }),
  rangeHours: fc.integer({ min: 12, max: 5 * 24 }),
  bookings: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  /** Times to try that are not listed: minutes into the asked range (modulo its length). */
  probes: fc.array(fc.nat(), { maxLength: 4 }),
});

test('listed slots can be booked, bookings take exactly what they meet, others are refused with listed slots', async () => {
  let booked = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const host = await newHost();
      const duration = s.durations[s.durationPick % s.durations.length]!;
      const from = Math.floor(Date.now() / DAY) * DAY + s.daysAhead * DAY + s.fromMinute * MIN;
      const to = from + s.rangeHours * 60 * MIN;
      const iso = (x: { at: number; minutes: number }) => ({
        start: new Date(from + x.at * MIN).toISOString(),
        end: new Date(from + (x.at + x.minutes) * MIN).toISOString(),
      });
      const availability = {
        bookable: true,
        timezone: s.zone,
        weekly: s.weekly,
        extra: s.extra.map(iso),
        blocked: s.blocked.map(iso),
        durations: s.durations,
        slotStepMinutes: s.slotStepMinutes ?? null,
        bufferBeforeMinutes: s.bufferBeforeMinutes,
        bufferAfterMinutes: s.bufferAfterMinutes,
        minimumNoticeMinutes: 0,
        horizonDays: s.horizonDays,
        weeklyLimit: s.weeklyLimit ?? null,
        requiresApproval: false,
        location: ROOM,
      };
      await json(
        await host.client.api('PUT', `/api/ecosystems/${ecoId}/my-availability`, availability),
        200,
        'publish availability',
      );

      // The host schedules outside their windows as they like, but never over their own records.
      for (const r of s.ownRecords) {
        const response = await host.client.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
          kind: 'mentorship',
          title: `Own ${++seq}`,
          startTime: iso(r).start,
          durationMinutes: r.minutes,
          timezone: s.zone,
          location: ROOM,
        });
        if (response.status === 409) assert.equal(((await response.json()) as ErrorBody).error.code, 'host_busy');
        else await json(response, 201, 'the host’s own record');
      }
      // Records the host attends are busy time too (the admin hosts them; their own may collide).
      for (const r of s.attended) {
        const response = await admin.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
          kind: 'mentorship',
          title: `Attended ${++seq}`,
          startTime: iso(r).start,
          durationMinutes: r.minutes,
          timezone: 'UTC',
          location: ROOM,
          attendeeEmails: [host.email],
        });
        if (response.status === 409) assert.equal(((await response.json()) as ErrorBody).error.code, 'host_busy');
        else await json(response, 201, 'a record the host attends');
      }

      const before = s.bufferBeforeMinutes * MIN;
      const afterBuffer = s.bufferAfterMinutes * MIN;
      let listedAt = Date.now();
      let listed = await listSlots(member, host.id, from, to, duration);
      for (const slot of listed) {
        const { start, end } = span(slot);
        assert.ok(start >= from && start < to && end - start === duration * MIN, JSON.stringify(slot));
      }

      for (const pick of s.bookings) {
        if (listed.length === 0) break;
        const slot = listed[pick % listed.length]!;
        const created = await json<{ id: string }>(
          await book(member, host.id, Date.parse(slot.start), duration, s.zone),
          201,
          `book the listed slot ${slot.start} (${JSON.stringify(s)})`,
        );
        assert.ok(created.id);
        booked++;
        const b = span(slot);
        const earlierListedAt = listedAt;
        listedAt = Date.now();
        const now = await listSlots(member, host.id, from, to, duration);
        const nowStarts = new Set(now.map((x) => x.start));
        assert.ok(!nowStarts.has(slot.start), `the booked slot ${slot.start} is still listed`);
        for (const other of listed) {
          if (other.start === slot.start || nowStarts.has(other.start)) continue;
          const p = span(other);
          const meets = overlaps({ start: p.start - before, end: p.end + afterBuffer }, b);
          const weekFull = s.weeklyLimit !== undefined && weekOf(p.start, s.zone) === weekOf(b.start, s.zone);
          assert.ok(meets || weekFull, `${other.start} went away, though it does not meet the booking ${slot.start}`);
        }
        // A booking frees nothing: whatever is listed now was listed before, but a slot the moving
        // horizon has just reached.
        const before_ = new Set(listed.map((x) => x.start));
        for (const x of now) {
          if (before_.has(x.start)) continue;
          assert.ok(
            Date.parse(x.start) >= earlierListedAt + s.horizonDays * DAY - MIN,
            `${x.start} appeared after a booking`,
          );
        }
        listed = now;
      }

      // A time in the range asked that is not listed is refused, with up to 3 listed slots nearest to it.
      const listedStarts = new Set(listed.map((x) => Date.parse(x.start)));
      for (const offset of s.probes) {
        const start = from + (offset % (s.rangeHours * 60)) * MIN;
        if (listedStarts.has(start) || start < Date.now() + MIN) continue;
        const response = await book(member, host.id, start, duration);
        const body = (await response.json()) as ErrorBody;
        const hostRecords = await liveRecordsOf(host.id);
        const busy = hostRecords.some((r) => overlaps(r, { start, end: start + duration * MIN }));
        assert.deepEqual(
          [response.status, body.error.code],
          busy ? [409, 'host_busy'] : [422, 'slot_not_available'],
          `${new Date(start).toISOString()}: ${JSON.stringify(body)}`,
        );
        refused++;
        const nearest = body.error.nearestSlots;
        assert.ok(Array.isArray(nearest) && nearest.length <= 3, JSON.stringify(body));
        // Every listed slot lies within 14 days of the time asked, so at least that many come back.
        assert.ok(nearest.length >= Math.min(3, listed.length), JSON.stringify({ nearest, listed: listed.length }));
        if (nearest.length > 0) {
          const starts = nearest.map((x) => Date.parse(x.start));
          const around = await listSlots(member, host.id, Math.min(...starts), Math.max(...starts) + 1, duration);
          const aroundStarts = new Set(around.map((x) => x.start));
          for (const x of nearest) {
            assert.ok(aroundStarts.has(x.start), `nearest slot ${x.start} is not listed`);
            assert.equal(Date.parse(x.end) - Date.parse(x.start), duration * MIN);
          }
        }
      }

      assertNoOverlap(await liveRecordsOf(host.id));
    }),
    { numRuns: 20 },
  );
  assertNoOverlap(await liveRecordsOf(adminId));
  assert.ok(booked >= 10, `the scenarios should book slots (booked ${booked})`);
  assert.ok(refused >= 5, `the scenarios should try times that are not listed (tried ${refused})`);
});

test('200 members book the same slot at once: one gets it; cancelled, it is listed again at once', async () => {
  const host = await newHost();
  await json(
    await host.client.api('PUT', `/api/ecosystems/${ecoId}/my-availability`, {
      bookable: true,
      timezone: 'Europe/Helsinki',
      weekly: DAYS.map((day) => ({ day, start: '09:00', end: '17:00' })),
      durations: [30],
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      minimumNoticeMinutes: 0,
      horizonDays: 60,
      location: ROOM,
    }),
    200,
    'publish availability',
  );
  const members = (await people(200, 'member')).map((m) => m.client);
  const from = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
  const to = from + 3 * DAY;
  const listed = await listSlots(members[0]!, host.id, from, to, 30);
  assert.ok(listed.length > 20, `slots: ${listed.length}`);
  const slot = listed[7]!;

  const answers = await Promise.all(members.map((m) => book(m, host.id, Date.parse(slot.start), 30)));
  const outcomes = await Promise.all(
    answers.map(async (response, i) => {
      const body = (await response.json()) as { id?: string } & Partial<ErrorBody>;
      return { member: i, status: response.status, code: body.error?.code, id: body.id };
    }),
  );
  const won = outcomes.filter((o) => o.status === 201);
  assert.equal(won.length, 1, JSON.stringify(outcomes.filter((o) => o.status !== 409 && o.status !== 422)));
  for (const o of outcomes) {
    if (o.status === 201) continue;
    assert.ok(
      (o.status === 409 && o.code === 'host_busy') || (o.status === 422 && o.code === 'slot_not_available'),
      JSON.stringify(o),
    );
  }
  const live = await liveRecordsOf(host.id);
  assert.deepEqual(
    live.map((r) => [r.id, new Date(r.start).toISOString()]),
    [[won[0]!.id, slot.start]],
  );
  const taken = await listSlots(members[1]!, host.id, from, to, 30);
  assert.ok(!taken.some((x) => x.start === slot.start));

  const winner = members[won[0]!.member]!;
  await json(await winner.api('POST', `/api/meetings/${won[0]!.id}/cancel`), 200, 'cancel');
  assert.deepEqual(await listSlots(members[1]!, host.id, from, to, 30), listed);
  assert.deepEqual(await liveRecordsOf(host.id), []);
});
