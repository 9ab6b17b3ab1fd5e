/**
 * The slot engine (docs/product.md §12.2–§12.3) against examples around daylight-saving changes
 * and every rule, and against a brute-force reference written here independently: it resolves
 * wall-clock times with its own Intl reading of the zone's offsets, marks the available and busy
 * minutes one by one, and steps slots through the runs of available minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Availability, WEEKDAYS, type Weekday } from './availabilityInput.ts';
import { listSlots, type SlotQuery, type SlotRules, type Span, weekStart, windowsAround } from './slots.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const EVERY_DAY = [...WEEKDAYS];

const at = (iso: string) => Date.parse(iso);
const isoOf = (spans: readonly Span[]) => spans.map((s) => new Date(s.start).toISOString());

function rules(over: Partial<SlotRules> = {}): SlotRules {
  return {
    timezone: 'UTC',
    weekly: [],
    extra: [],
    blocked: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: 365,
    ...over,
  };
}

function query(over: Partial<SlotQuery> & Pick<SlotQuery, 'from' | 'to'>): SlotQuery {
  return { now: over.from, durationMinutes: 30, busy: [], bookingStarts: [], ...over };
}

const daily = (start: string, end: string, days: readonly Weekday[] = EVERY_DAY): Availability['weekly'] =>
  days.map((day) => ({ day, start, end }));

/** "2027-03-28 09:00" — the wall clock in the zone, read by Intl. */
function localClock(instant: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

// ---------------------------------------------------------------------------------------------
// Examples

for (const [season, from, to] of [
  ['spring', '2027-03-25T00:00:00Z', '2027-04-01T00:00:00Z'],
  ['autumn', '2027-10-28T00:00:00Z', '2027-11-04T00:00:00Z'],
] as const) {
  test(`Europe/Helsinki 09:00–17:00 every day stays 09:00–17:00 local across the ${season} change`, () => {
    const zone = 'Europe/Helsinki';
    const slots = listSlots(
      rules({ timezone: zone, weekly: daily('09:00', '17:00') }),
      query({ from: at(from), to: at(to), durationMinutes: 60 }),
    );
    const byDay = new Map<string, string[]>();
    for (const s of slots) {
      const [day, time] = localClock(s.start, zone).split(' ') as [string, string];
      byDay.set(day, [...(byDay.get(day) ?? []), time]);
      assert.equal(s.end - s.start, HOUR);
    }
    const hours = ['09', '10', '11', '12', '13', '14', '15', '16'].map((h) => `${h}:00`);
    assert.equal(byDay.size, 7);
    for (const [day, times] of byDay) assert.deepEqual(times, hours, day);
    // The UTC hour of 09:00 moves with the offset: +2 in winter, +3 in summer.
    const utcHours = new Set(slots.map((s) => localClock(s.start, 'UTC').slice(11)));
    assert.ok(utcHours.has('06:00') && utcHours.has('07:00'), [...utcHours].join());
  });
}

/** The windows of the one local day `day` (YYYY-MM-DD) in the zone, as [start, end) ISO pairs. */
function windowsOn(zone: string, weekly: Availability['weekly'], day: string): string[][] {
  const noon = at(`${day}T12:00:00Z`);
  return windowsAround({ timezone: zone, weekly, extra: [] }, noon - 3 * DAY, noon + 3 * DAY)
    .filter((w) => localClock(w.start, zone).startsWith(day))
    .map((w) => [new Date(w.start).toISOString(), new Date(w.end).toISOString()]);
}

test('Europe/Helsinki: a Sunday 02:00–05:00 window is 2 real hours on the spring day, 4 on the autumn day', () => {
  const zone = 'Europe/Helsinki';
  const weekly = daily('02:00', '05:00', ['sun']);
  // 2027-03-28: 03:00 EET → 04:00 EEST. 02:00 is +02 (00:00Z), 05:00 is +03 (02:00Z).
  assert.deepEqual(windowsOn(zone, weekly, '2027-03-28'), [['2027-03-28T00:00:00.000Z', '2027-03-28T02:00:00.000Z']]);
  // 2027-10-31: 04:00 EEST → 03:00 EET. 02:00 is +03 (23:00Z the day before), 05:00 is +02 (03:00Z).
  assert.deepEqual(windowsOn(zone, weekly, '2027-10-31'), [['2027-10-30T23:00:00.000Z', '2027-10-31T03:00:00.000Z']]);
  // The Sundays around keep 3 hours, one window each: none lost, none doubled.
  for (const day of ['2027-03-21', '2027-04-04', '2027-10-24', '2027-11-07']) {
    const windows = windowsOn(zone, weekly, day);
    assert.equal(windows.length, 1, day);
    assert.equal(at(windows[0]![1]!) - at(windows[0]![0]!), 3 * HOUR, day);
  }
  // Hour slots: 2 on the spring day, 4 on the autumn day, each starting on the wall clock asked.
  const spring = listSlots(
    rules({ timezone: zone, weekly }),
    query({ from: at('2027-03-27T00:00:00Z'), to: at('2027-03-29T00:00:00Z'), durationMinutes: 60 }),
  );
  assert.deepEqual(
    spring.map((s) => localClock(s.start, zone)),
    ['2027-03-28 02:00', '2027-03-28 04:00'],
  );
  const autumn = listSlots(
    rules({ timezone: zone, weekly }),
    query({ from: at('2027-10-30T00:00:00Z'), to: at('2027-11-01T00:00:00Z'), durationMinutes: 60 }),
  );
  assert.deepEqual(
    autumn.map((s) => localClock(s.start, zone)),
    ['2027-10-31 02:00', '2027-10-31 03:00', '2027-10-31 03:00', '2027-10-31 04:00'],
  );
  // A window starting inside the spring gap moves forward: 03:30 is read as 04:30.
  assert.deepEqual(windowsOn(zone, daily('03:30', '05:00', ['sun']), '2027-03-28'), [
    ['2027-03-28T01:30:00.000Z', '2027-03-28T02:00:00.000Z'],
  ]);
});

test('America/New_York: a Sunday 01:00–04:00 window is 2 real hours on 2027-03-14, 4 on 2027-11-07', () => {
  const zone = 'America/New_York';
  const weekly = daily('01:00', '04:00', ['sun']);
  // Spring: 02:00 EST → 03:00 EDT. 01:00 is −5 (06:00Z), 04:00 is −4 (08:00Z).
  assert.deepEqual(windowsOn(zone, weekly, '2027-03-14'), [['2027-03-14T06:00:00.000Z', '2027-03-14T08:00:00.000Z']]);
  // Autumn: 02:00 EDT → 01:00 EST. 01:00 is ambiguous: the earlier, −4 (05:00Z); 04:00 is −5 (09:00Z).
  assert.deepEqual(windowsOn(zone, weekly, '2027-11-07'), [['2027-11-07T05:00:00.000Z', '2027-11-07T09:00:00.000Z']]);
  for (const day of ['2027-03-07', '2027-03-21', '2027-10-31', '2027-11-14']) {
    const windows = windowsOn(zone, weekly, day);
    assert.equal(windows.length, 1, day);
    assert.equal(at(windows[0]![1]!) - at(windows[0]![0]!), 3 * HOUR, day);
  }
  // 09:00–17:00 weekdays stays 09:00 local on both sides of both changes.
  for (const [from, to] of [
    ['2027-03-10T00:00:00Z', '2027-03-18T00:00:00Z'],
    ['2027-11-03T00:00:00Z', '2027-11-11T00:00:00Z'],
  ] as const) {
    const slots = listSlots(
      rules({ timezone: zone, weekly: daily('09:00', '17:00', ['mon', 'tue', 'wed', 'thu', 'fri']) }),
      query({ from: at(from), to: at(to), durationMinutes: 480 }),
    );
    assert.equal(slots.length, 6);
    for (const s of slots) assert.match(localClock(s.start, zone), / 09:00$/);
    for (const s of slots) assert.match(localClock(s.end, zone), / 17:00$/);
  }
});

test('buffers widen the slot against busy time (and may reach outside the window)', () => {
  const slots = listSlots(
    rules({ weekly: daily('09:00', '12:00', ['mon']), bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }),
    query({
      from: at('2027-06-07T00:00:00Z'),
      to: at('2027-06-08T00:00:00Z'),
      busy: [{ start: at('2027-06-07T10:00:00Z'), end: at('2027-06-07T10:30:00Z') }],
    }),
  );
  // 09:30 (09:15–10:15) and 10:30 (10:15–11:15) meet the busy half hour once widened.
  assert.deepEqual(isoOf(slots), ['2027-06-07T09:00:00.000Z', '2027-06-07T11:00:00.000Z', '2027-06-07T11:30:00.000Z']);
  // Busy time just outside the window still counts against a widened slot.
  const edge = listSlots(
    rules({ weekly: daily('09:00', '10:00', ['mon']), bufferAfterMinutes: 10 }),
    query({
      from: at('2027-06-07T00:00:00Z'),
      to: at('2027-06-08T00:00:00Z'),
      busy: [{ start: at('2027-06-07T10:05:00Z'), end: at('2027-06-07T11:00:00Z') }],
    }),
  );
  assert.deepEqual(isoOf(edge), ['2027-06-07T09:00:00.000Z']);
  // A busy span ending exactly at a slot's widened start does not meet it ([start, end)).
  const touching = listSlots(
    rules({ weekly: daily('09:00', '10:00', ['mon']), bufferBeforeMinutes: 30 }),
    query({
      from: at('2027-06-07T00:00:00Z'),
      to: at('2027-06-08T00:00:00Z'),
      busy: [{ start: at('2027-06-07T08:00:00Z'), end: at('2027-06-07T08:30:00Z') }],
    }),
  );
  assert.deepEqual(isoOf(touching), ['2027-06-07T09:00:00.000Z', '2027-06-07T09:30:00.000Z']);
});

test('minimum notice: slots start at or after now + notice, still stepped from the window start', () => {
  const slots = listSlots(
    rules({ weekly: daily('09:00', '12:00', ['mon']), minimumNoticeMinutes: 60 }),
    query({ from: at('2027-06-07T00:00:00Z'), to: at('2027-06-08T00:00:00Z'), now: at('2027-06-07T08:50:00Z') }),
  );
  assert.deepEqual(isoOf(slots), [
    '2027-06-07T10:00:00.000Z',
    '2027-06-07T10:30:00.000Z',
    '2027-06-07T11:00:00.000Z',
    '2027-06-07T11:30:00.000Z',
  ]);
  // Exactly now + notice is allowed.
  const exact = listSlots(
    rules({ weekly: daily('09:00', '12:00', ['mon']), minimumNoticeMinutes: 60 }),
    query({ from: at('2027-06-07T00:00:00Z'), to: at('2027-06-07T10:31:00Z'), now: at('2027-06-07T09:30:00Z') }),
  );
  assert.deepEqual(isoOf(exact), ['2027-06-07T10:30:00.000Z']);
});

test('horizon: slots start before now + horizonDays', () => {
  const slots = listSlots(
    rules({ weekly: daily('08:00', '09:00'), horizonDays: 2 }),
    query({ from: at('2027-06-07T08:00:00Z'), to: at('2027-06-14T00:00:00Z') }),
  );
  assert.deepEqual(isoOf(slots), [
    '2027-06-07T08:00:00.000Z',
    '2027-06-07T08:30:00.000Z',
    '2027-06-08T08:00:00.000Z',
    '2027-06-08T08:30:00.000Z',
  ]);
});

test('weekly limit counts bookings per Monday-to-Monday week in the host’s zone', () => {
  const zone = 'Europe/Helsinki';
  const availability = rules({ timezone: zone, weekly: daily('00:00', '01:00').concat(daily('23:00', '24:00')) });
  // Monday 2027-06-07 00:30 in Helsinki (+03) — still Sunday in UTC.
  const booking = at('2027-06-06T21:30:00Z');
  const range = { from: at('2027-06-05T00:00:00Z'), to: at('2027-06-16T00:00:00Z'), durationMinutes: 60 };
  const free = listSlots(availability, query({ ...range, bookingStarts: [booking] }));
  const limited = listSlots({ ...availability, weeklyLimit: 1 }, query({ ...range, bookingStarts: [booking] }));
  const weekFrom = at('2027-06-06T21:00:00Z'); // Monday 00:00 Helsinki
  const weekTo = at('2027-06-13T21:00:00Z'); // the next Monday 00:00 Helsinki
  assert.equal(weekStart(booking, zone), weekFrom);
  assert.deepEqual(isoOf(limited), isoOf(free.filter((s) => s.start < weekFrom || s.start >= weekTo)));
  assert.ok(isoOf(limited).includes('2027-06-06T20:00:00.000Z'), 'Sunday 23:00 Helsinki is the week before');
  assert.ok(isoOf(limited).includes('2027-06-13T21:00:00.000Z'), 'the next Monday 00:00 Helsinki is a new week');
  assert.ok(!isoOf(limited).includes('2027-06-06T21:00:00.000Z'));
  // Below the limit nothing is taken away.
  assert.deepEqual(
    isoOf(listSlots({ ...availability, weeklyLimit: 2 }, query({ ...range, bookingStarts: [booking] }))),
    isoOf(free),
  );
  // null means no limit.
  assert.deepEqual(
    isoOf(listSlots({ ...availability, weeklyLimit: null }, query({ ...range, bookingStarts: [booking, booking] }))),
    isoOf(free),
  );
});

test('blocked time removes slots like busy time, buffers included', () => {
  const slots = listSlots(
    rules({
      weekly: daily('09:00', '12:00', ['mon']),
      blocked: [{ start: '2027-06-07T12:00:00+02:00', end: '2027-06-07T12:30:00+02:00' }],
      bufferAfterMinutes: 5,
    }),
    query({ from: at('2027-06-07T00:00:00Z'), to: at('2027-06-08T00:00:00Z') }),
  );
  // Blocked 10:00–10:30Z: 09:30 (ends 10:00, widened to 10:05) and 10:00 go.
  assert.deepEqual(isoOf(slots), [
    '2027-06-07T09:00:00.000Z',
    '2027-06-07T10:30:00.000Z',
    '2027-06-07T11:00:00.000Z',
    '2027-06-07T11:30:00.000Z',
  ]);
});

test('extra windows add slots, stepped from their own start even where they touch a weekly window', () => {
  const base = { weekly: daily('09:00', '10:00', ['mon']) };
  const range = { from: at('2027-06-07T00:00:00Z'), to: at('2027-06-09T00:00:00Z'), durationMinutes: 25 };
  const merged = listSlots(
    rules({ ...base, extra: [{ start: '2027-06-07T10:00:00Z', end: '2027-06-07T10:50:00Z' }] }),
    query(range),
  );
  assert.deepEqual(isoOf(merged), [
    '2027-06-07T09:00:00.000Z',
    '2027-06-07T09:25:00.000Z',
    '2027-06-07T10:00:00.000Z',
    '2027-06-07T10:25:00.000Z',
  ]);
  const apart = listSlots(
    rules({ ...base, extra: [{ start: '2027-06-08T13:05:00+03:00', end: '2027-06-08T14:00:00+03:00' }] }),
    query(range),
  );
  assert.deepEqual(isoOf(apart), [
    '2027-06-07T09:00:00.000Z',
    '2027-06-07T09:25:00.000Z',
    '2027-06-08T10:05:00.000Z',
    '2027-06-08T10:30:00.000Z',
  ]);
});

test('slotStepMinutes steps slots independently of the duration', () => {
  const slots = listSlots(
    rules({ weekly: daily('09:00', '11:00', ['mon']), slotStepMinutes: 15 }),
    query({ from: at('2027-06-07T00:00:00Z'), to: at('2027-06-08T00:00:00Z'), durationMinutes: 60 }),
  );
  assert.deepEqual(
    slots.map((s) => localClock(s.start, 'UTC').slice(11)),
    ['09:00', '09:15', '09:30', '09:45', '10:00'],
  );
  for (const s of slots) assert.equal(s.end - s.start, HOUR);
});

test('`from` is clamped to now; `to` is exclusive', () => {
  const availability = rules({ weekly: daily('09:00', '12:00', ['mon']) });
  const clamped = listSlots(
    availability,
    query({ from: at('2027-06-01T00:00:00Z'), to: at('2027-06-08T00:00:00Z'), now: at('2027-06-07T10:00:00.001Z') }),
  );
  assert.deepEqual(isoOf(clamped), [
    '2027-06-07T10:30:00.000Z',
    '2027-06-07T11:00:00.000Z',
    '2027-06-07T11:30:00.000Z',
  ]);
  const exclusive = listSlots(
    availability,
    query({ from: at('2027-06-07T09:00:00Z'), to: at('2027-06-07T10:00:00Z') }),
  );
  assert.deepEqual(isoOf(exclusive), ['2027-06-07T09:00:00.000Z', '2027-06-07T09:30:00.000Z']);
  assert.deepEqual(
    listSlots(availability, query({ from: at('2027-06-07T12:00:00Z'), to: at('2027-06-07T11:00:00Z') })),
    [],
  );
});

test('a slot listed for a longer range is listed for the range of its own start (what a booking checks)', () => {
  const availability = rules({ weekly: daily('00:00', '24:00') });
  const base = { now: at('2027-03-01T00:00:00Z'), durationMinutes: 35 };
  const week = listSlots(
    availability,
    query({ ...base, from: at('2027-03-01T00:00:00Z'), to: at('2027-03-05T00:00:00Z') }),
  );
  const listed = week.find((s) => s.start >= at('2027-03-03T10:00:00Z'))!;
  const atItsStart = listSlots(availability, query({ ...base, from: listed.start, to: listed.start + 1 }));
  assert.deepEqual(isoOf(atItsStart), isoOf([listed]));
});

// ---------------------------------------------------------------------------------------------
// The reference

/** The zone's wall clock at an instant, as the UTC milliseconds of its fields (whole minutes). */
function wallAt(zone: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  return (instant) => {
    const fields: Record<string, number> = {};
    for (const p of format.formatToParts(instant)) if (p.type !== 'literal') fields[p.type] = Number(p.value);
    return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!);
  };
}

/**
 * The zone's offsets over [lo, hi) as runs of constant offset, found by reading the wall clock
 * every hour and bisecting each change to the minute.
 */
class Timeline {
  readonly runs: { start: number; end: number; offset: number }[] = [];
  constructor(zone: string, lo: number, hi: number) {
    const wall = wallAt(zone);
    const offsetAt = (t: number) => wall(t) - t;
    let runStart = lo;
    let offset = offsetAt(lo);
    for (let t = lo + HOUR; t < hi + HOUR; t += HOUR) {
      const next = offsetAt(t);
      if (next === offset) continue;
      let a = t - HOUR;
      let b = t;
      while (b - a > MIN) {
        const mid = a + Math.floor((b - a) / 2 / MIN) * MIN;
        if (offsetAt(mid) === offset) a = mid;
        else b = mid;
      }
      this.runs.push({ start: runStart, end: b, offset });
      runStart = b;
      offset = offsetAt(b);
    }
    this.runs.push({ start: runStart, end: hi + HOUR, offset });
  }

  private runOf(instant: number) {
    const run = this.runs.find((r) => r.start <= instant && instant < r.end);
    if (!run) throw new Error(`reference: ${new Date(instant).toISOString()} outside the timeline`);
    return run;
  }

  /** The wall clock (UTC milliseconds of its fields) at an instant. */
  local(instant: number): number {
    return instant + this.runOf(instant).offset;
  }

  /** The local calendar day, as days since 1970-01-01. */
  day(instant: number): number {
    return Math.floor(this.local(instant) / DAY);
  }

  /**
   * The instant a wall time names: the earliest that reads it; one the clocks skip is read with the
   * offset before the change, which moves it forward by the gap.
   */
  instant(wall: number): number {
    const readings = this.runs
      .map((r) => wall - r.offset)
      .filter((t, i) => this.runs[i]!.start <= t && t < this.runs[i]!.end);
    if (readings.length > 0) return Math.min(...readings);
    for (let i = 0; i + 1 < this.runs.length; i++) {
      const [before, after] = [this.runs[i]!, this.runs[i + 1]!];
      if (wall - before.offset >= before.end && wall - after.offset < after.start) return wall - before.offset;
    }
    throw new Error(`reference: wall time ${new Date(wall).toISOString()} outside the timeline`);
  }
}

const weekdayOf = (day: number) => EVERY_DAY[(((day + 3) % 7) + 7) % 7]!; // 1970-01-01 was a Thursday
const clockMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The slots by brute force, minute by minute: each window (the weekly windows of every local day
 * that can hold a slot in range, and the extra windows) offers the starts stepped from its own
 * start that fit in it; a start is kept when every minute of the slot widened by the buffers is
 * free. A time offered by several windows is listed once.
 */
function referenceSlots(rules: SlotRules, q: SlotQuery, timeline: Timeline): Span[] {
  const duration = q.durationMinutes * MIN;
  const step = (rules.slotStepMinutes ?? q.durationMinutes) * MIN;
  const before = rules.bufferBeforeMinutes * MIN;
  const after = rules.bufferAfterMinutes * MIN;
  const earliest = Math.max(q.from, q.now, q.now + rules.minimumNoticeMinutes * MIN);
  const latest = Math.min(q.to, q.now + rules.horizonDays * DAY);
  if (earliest >= latest) return [];

  const extra = rules.extra.map((e) => ({ start: Date.parse(e.start), end: Date.parse(e.end) }));
  const lo = Math.min(Math.floor(earliest / MIN) * MIN - 3 * DAY, ...extra.map((e) => e.start));
  const hi = Math.max(Math.ceil(latest / MIN) * MIN + 3 * DAY, ...extra.map((e) => e.end));
  const size = (hi - lo) / MIN;
  const index = (t: number) => Math.min(size, Math.max(0, Math.round((t - lo) / MIN)));

  const mark = (into: Uint8Array, start: number, end: number) => into.fill(1, index(start), index(end));
  const windows: Span[] = [...extra];
  for (let day = timeline.day(earliest) - 2; day <= timeline.day(latest) + 1; day++) {
    for (const w of rules.weekly) {
      if (w.day !== weekdayOf(day)) continue;
      const start = timeline.instant(day * DAY + clockMinutes(w.start) * MIN);
      const end = timeline.instant(day * DAY + clockMinutes(w.end) * MIN);
      if (end > start) windows.push({ start, end });
    }
  }

  const busy = new Uint8Array(size);
  for (const b of q.busy) mark(busy, b.start, b.end);
  for (const b of rules.blocked) mark(busy, Date.parse(b.start), Date.parse(b.end));
  const busyBefore = new Int32Array(size + 1); // busyBefore[i]: busy minutes in [0, i)
  for (let i = 0; i < size; i++) busyBefore[i + 1] = busyBefore[i]! + busy[i]!;
  const free = (start: number, end: number) => busyBefore[index(end)]! - busyBefore[index(start)]! === 0;

  const weekOf = (t: number) => {
    const day = timeline.day(t);
    return day - EVERY_DAY.indexOf(weekdayOf(day));
  };
  const perWeek = new Map<number, number>();
  for (const b of q.bookingStarts) perWeek.set(weekOf(b), (perWeek.get(weekOf(b)) ?? 0) + 1);
  const limit = rules.weeklyLimit ?? Number.POSITIVE_INFINITY;

  const starts = new Set<number>();
  for (const window of windows) {
    for (let s = window.start; s + duration <= window.end; s += step) {
      if (s < earliest || s >= latest) continue;
      if (!free(s - before, s + duration + after)) continue;
      if ((perWeek.get(weekOf(s)) ?? 0) >= limit) continue;
      starts.add(s);
    }
  }
  const slots = [...starts].sort((a, b) => a - b).map((start) => ({ start, end: start + duration }));
  return slots;
}

// ---------------------------------------------------------------------------------------------
// The property

const ZONES = [
  'Europe/Helsinki',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'UTC',
  'Pacific/Chatham',
] as const;

/** 2027's daylight-saving changes of each zone (all Sundays), and two quiet days any zone may use. */
const CHANGES: Record<(typeof ZONES)[number], string[]> = {
  'Europe/Helsinki': ['2027-03-28', '2027-10-31'], // 03:00 → 04:00; 04:00 → 03:00
  'America/New_York': ['2027-03-14', '2027-11-07'], // 02:00 → 03:00; 02:00 → 01:00
  'Australia/Lord_Howe': ['2027-04-04', '2027-10-03'], // 02:00 → 01:30; 02:00 → 02:30
  'Pacific/Chatham': ['2027-04-04', '2027-09-26'], // 03:45 → 02:45; 02:45 → 03:45
  'Asia/Kolkata': [],
  UTC: [],
};
const QUIET = ['2027-06-16', '2027-01-13'];

/** An ISO instant with the given offset from UTC, as a host might type it. */
function isoWithOffset(instant: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(instant).toISOString();
  const local = new Date(instant + offsetMinutes * MIN).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const clockOf = (fiveMinutes: number) => {
  const m = fiveMinutes * 5;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/**
 * A time of day in 5-minute units (0…288 — 288 is "24:00"), often midnight or one in or next to
 * a change of the clocks: 01:30, 01:45, 02:00, 02:30, 02:45, 03:00, 03:30, 03:45, 04:00, 04:30.
 */
const clockUnit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 288 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 18, 21, 24, 30, 33, 36, 42, 45, 48, 54, 60, 276, 282, 288) },
);

/** Mostly Sundays, the day every change of the clocks above falls on. */
const weekday = fc.oneof(fc.constant<Weekday>('sun'), fc.constantFrom(...EVERY_DAY));

const weeklyWindows = fc.oneof(
  // One window.
  fc
    .tuple(weekday, clockUnit, clockUnit)
    .filter(([, a, b]) => a !== b)
    .map(([day, a, b]) => [{ day, start: clockOf(Math.min(a, b)), end: clockOf(Math.max(a, b)) }]),
  // Two windows touching on one day: one window for the slots.
  fc.tuple(weekday, fc.uniqueArray(clockUnit, { minLength: 3, maxLength: 3 })).map(([day, units]) => {
    const [a, b, c] = units.sort((x, y) => x - y) as [number, number, number];
    return [
      { day, start: clockOf(b), end: clockOf(c) },
      { day, start: clockOf(a), end: clockOf(b) },
    ];
  }),
  // An evening running into the next morning.
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 287 }), fc.integer({ min: 1, max: 288 }))
    .map(([i, a, b]) => [
      { day: EVERY_DAY[i]!, start: clockOf(a), end: '24:00' },
      { day: EVERY_DAY[(i + 1) % 7]!, start: '00:00', end: clockOf(b) },
    ]),
);

const spanNear = (maxMinutes: number) =>
  fc.record({
    at: fc.integer({ min: -3 * 1440, max: 10 * 1440 }),
    minutes: fc.integer({ min: 1, max: maxMinutes }),
    offset: fc.constantFrom(0, 0, 120, -300, 330, 765, -570),
  });

const scenario = fc.record({
  zone: fc.constantFrom(...ZONES),
  anchorPick: fc.nat(),
  quiet: fc.boolean(),
  nowMinutes: fc.integer({ min: -6 * 1440, max: 1440 }),
  nowMillis: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })),
  fromMinutes: fc.integer({ min: -1440, max: 3 * 1440 }),
  fromMillis: fc.constantFrom(0, 0, 0, 1, 30_000),
  lengthMinutes: fc.integer({ min: 1, max: 8 * 1440 }),
  weekly: fc.array(weeklyWindows, { maxLength: 5 }).map((groups) => groups.flat()),
  extra: fc.array(spanNear(2 * 1440), { maxLength: 3 }),
  blocked: fc.array(spanNear(600), { maxLength: 4 }),
  busy: fc.array(spanNear(300), { maxLength: 6 }),
  bookings: fc.array(fc.integer({ min: -10 * 1440, max: 18 * 1440 }), { maxLength: 8 }),
  durationMinutes: fc.oneof(fc.integer({ min: 5, max: 240 }), fc.constantFrom(15, 30, 45, 60, 90)),
  slotStepMinutes: fc.option(fc.integer({ min: 5, max: 120 }), { nil: undefined }),
  bufferBeforeMinutes: fc.integer({ min: 0, max: 60 }),
  bufferAfterMinutes: fc.integer({ min: 0, max: 60 }),
  minimumNoticeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * 1440 })),
  horizonDays: fc.integer({ min: 1, max: 20 }),
  weeklyLimit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  /**
   * Puts an edge exactly on one of the slots: `to`, now + horizon or now + notice on its start, or
   * busy time touching it widened by the buffers.
   */
  snap: fc.option(
    fc.record({
      edge: fc.constantFrom('to', 'horizon', 'notice', 'busy before', 'busy after'),
      pick: fc.nat(),
    }),
    { nil: undefined },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function anchorOf(s: Scenario): number {
  const days = s.quiet || CHANGES[s.zone].length === 0 ? QUIET : CHANGES[s.zone];
  return at(`${days[s.anchorPick % days.length]}T00:00:00Z`);
}

function build(s: Scenario): { rules: SlotRules; query: SlotQuery } {
  const base = anchorOf(s) + s.nowMinutes * MIN;
  const now = base + s.nowMillis;
  const from = base + s.fromMinutes * MIN + s.fromMillis;
  const to = from + s.lengthMinutes * MIN;
  const spanOf = (x: { at: number; minutes: number; offset: number }) => {
    const start = from - (from % MIN) + x.at * MIN;
    return { start, end: start + x.minutes * MIN, offset: x.offset };
  };
  const iso = (x: { at: number; minutes: number; offset: number }) => {
    const span = spanOf(x);
    return { start: isoWithOffset(span.start, span.offset), end: isoWithOffset(span.end, span.offset) };
  };
  const rules: SlotRules = {
    timezone: s.zone,
    weekly: s.weekly,
    extra: s.extra.map(iso),
    blocked: s.blocked.map(iso),
    bufferBeforeMinutes: s.bufferBeforeMinutes,
    bufferAfterMinutes: s.bufferAfterMinutes,
    minimumNoticeMinutes: s.minimumNoticeMinutes,
    horizonDays: s.horizonDays,
    ...(s.slotStepMinutes === undefined ? {} : { slotStepMinutes: s.slotStepMinutes }),
    ...(s.weeklyLimit === undefined ? {} : { weeklyLimit: s.weeklyLimit }),
  };
  const query: SlotQuery = {
    from,
    to,
    now,
    durationMinutes: s.durationMinutes,
    busy: s.busy.map(spanOf).map(({ start, end }) => ({ start, end })),
    bookingStarts: s.bookings.map((m) => from - (from % MIN) + m * MIN),
  };
  return { rules, query };
}

/** The scenario with one of its edges put exactly on one of its slots. */
function snapped(s: Scenario, built: { rules: SlotRules; query: SlotQuery }, slots: Span[]) {
  const target = s.snap && slots.length > 0 ? slots[s.snap.pick % slots.length]!.start : undefined;
  if (!s.snap || target === undefined) return built;
  const { rules, query } = built;
  switch (s.snap.edge) {
    case 'to':
      return { rules, query: { ...query, to: target } };
    case 'horizon':
      return { rules, query: { ...query, now: Math.min(query.now, target - rules.horizonDays * DAY) } };
    case 'notice':
      return { rules, query: { ...query, now: target - rules.minimumNoticeMinutes * MIN } };
    case 'busy before': {
      const end = target - rules.bufferBeforeMinutes * MIN;
      return { rules, query: { ...query, busy: [...query.busy, { start: end - 17 * MIN, end }] } };
    }
    case 'busy after': {
      const start = target + (query.durationMinutes + rules.bufferAfterMinutes) * MIN;
      return { rules, query: { ...query, busy: [...query.busy, { start, end: start + 17 * MIN }] } };
    }
  }
}

test('listSlots equals a minute-by-minute reference on random availability, busy time and clocks', () => {
  const timelines = new Map<string, Timeline>();
  let slotsSeen = 0;
  fc.assert(
    fc.property(scenario, (s) => {
      const anchor = anchorOf(s);
      const key = `${s.zone} ${anchor}`;
      let timeline = timelines.get(key);
      if (!timeline) {
        // One timeline per zone and anchor, wide enough for every scenario around that anchor.
        timeline = new Timeline(s.zone, anchor - 40 * DAY, anchor + 60 * DAY);
        timelines.set(key, timeline);
      }
      const first = build(s);
      const { rules, query } = snapped(s, first, referenceSlots(first.rules, first.query, timeline));
      const expected = referenceSlots(rules, query, timeline);
      const actual = listSlots(rules, query);
      slotsSeen += expected.length;
      assert.deepEqual(isoOf(actual), isoOf(expected));
      assert.deepEqual(
        actual.map((x) => x.end - x.start),
        expected.map(() => s.durationMinutes * MIN),
      );
    }),
    { numRuns: 300 },
  );
  assert.ok(slotsSeen > 1000, `the scenarios should list slots (saw ${slotsSeen})`);
});

test('the reference’s own clock reading agrees with Intl at the changes it found', () => {
  // A check of the checker: each change of offset it found is a real one, on the day listed above.
  for (const zone of ZONES) {
    const timeline = new Timeline(zone, at('2027-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z'));
    const wall = wallAt(zone);
    for (const run of timeline.runs.slice(1)) {
      assert.notEqual(wall(run.start) - run.start, wall(run.start - MIN) - (run.start - MIN), zone);
    }
    const days = timeline.runs
      .slice(1)
      .map((run) => new Date(timeline.local(run.start - MIN)).toISOString().slice(0, 10));
    assert.deepEqual(days.sort(), [...CHANGES[zone]].sort(), zone);
  }
});
