/**
 * Free slots from a host's availability (docs/product.md §12.3), as a pure function of the
 * availability, the host's busy time and the clock — no database here, so the property test can
 * compare it with a minute-by-minute reference.
 *
 * Times are epoch milliseconds. Windows are resolved in the availability's zone day by day, so a
 * weekly 09:00 stays 09:00 on both sides of a daylight-saving change. Slots step in real time from
 * each window's own start and fit inside that window; windows are never joined, so whether a time
 * is a slot never depends on the range asked about (a listed slot is a bookable one). Where windows
 * overlap, a time offered by both is listed once.
 */
import { offsetMinutes, wallClockToInstant } from '../meetings/zonedTime.ts';
import { type Availability, minutesOfDay, WEEKDAYS } from './availabilityInput.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface Span {
  start: number;
  end: number;
}

/** What a slot list depends on besides the availability. */
export interface SlotQuery {
  /** Slots start in [from, to); `from` is clamped to `now`. */
  from: number;
  to: number;
  now: number;
  durationMinutes: number;
  /** The host's busy time: their live records, the records they attend (blocked time is added here). */
  busy: readonly Span[];
  /** Starts of the live bookings with this host in this ecosystem, for the weekly limit. */
  bookingStarts: readonly number[];
}

export type SlotRules = Pick<
  Availability,
  | 'timezone'
  | 'weekly'
  | 'extra'
  | 'blocked'
  | 'slotStepMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minimumNoticeMinutes'
  | 'horizonDays'
  | 'weeklyLimit'
>;

/** The local calendar day (days since 1970-01-01) of an instant in the zone. */
export function localDay(instant: number, zone: string): number {
  return Math.floor((instant + offsetMinutes(new Date(instant), zone) * MINUTE) / DAY);
}

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The instant the host's Monday-to-Monday week holding `instant` begins (00:00 Monday in the zone). */
export function weekStart(instant: number, zone: string): number {
  const day = localDay(instant, zone);
  return wallClockToInstant((day - weekdayIndex(day)) * DAY, zone);
}

/**
 * The availability's windows that may hold a slot starting in [from, to): the weekly windows of
 * every local day around the range, resolved in the zone, and the one-off windows; by start.
 */
export function windowsAround(
  rules: Pick<SlotRules, 'timezone' | 'weekly' | 'extra'>,
  from: number,
  to: number,
): Span[] {
  const zone = rules.timezone;
  const windows: Span[] = [];
  if (rules.weekly.length > 0) {
    const byDay = WEEKDAYS.map((day) => rules.weekly.filter((w) => w.day === day));
    for (let day = localDay(from, zone) - 1; day <= localDay(to, zone) + 1; day++) {
      for (const w of byDay[weekdayIndex(day)]!) {
        const start = wallClockToInstant(day * DAY + minutesOfDay(w.start) * MINUTE, zone);
        const end = wallClockToInstant(day * DAY + minutesOfDay(w.end) * MINUTE, zone);
        if (end > start) windows.push({ start, end });
      }
    }
  }
  for (const e of rules.extra) windows.push({ start: Date.parse(e.start), end: Date.parse(e.end) });
  return windows.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Sorted, with overlapping or touching spans joined. */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** Whether [start, end) meets any of the merged, sorted spans. */
function meets(busy: readonly Span[], start: number, end: number): boolean {
  // The first span ending after `start`; it meets [start, end) when it begins before `end`.
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (busy[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < busy.length && busy[lo]!.start < end;
}

/** The free slots, in order of start. */
export function listSlots(rules: SlotRules, query: SlotQuery): Span[] {
  const zone = rules.timezone;
  const duration = query.durationMinutes * MINUTE;
  const step = (rules.slotStepMinutes ?? query.durationMinutes) * MINUTE;
  const before = rules.bufferBeforeMinutes * MINUTE;
  const after = rules.bufferAfterMinutes * MINUTE;
  const earliest = Math.max(query.from, query.now, query.now + rules.minimumNoticeMinutes * MINUTE);
  const latest = Math.min(query.to, query.now + rules.horizonDays * DAY);
  if (earliest >= latest) return [];
  const busy = merge([
    ...query.busy,
    ...rules.blocked.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) })),
  ]);
  const perWeek = new Map<number, number>();
  const limit = rules.weeklyLimit ?? undefined;
  if (limit !== undefined) {
    for (const start of query.bookingStarts) {
      const week = weekStart(start, zone);
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
  }
  const starts = new Set<number>();
  for (const window of windowsAround(rules, earliest, latest)) {
    const first = Math.max(0, Math.ceil((earliest - window.start) / step));
    for (let start = window.start + first * step; start + duration <= window.end && start < latest; start += step) {
      if (starts.has(start) || meets(busy, start - before, start + duration + after)) continue;
      if (limit !== undefined && (perWeek.get(weekStart(start, zone)) ?? 0) >= limit) continue;
      starts.add(start);
    }
  }
  return [...starts].sort((a, b) => a - b).map((start) => ({ start, end: start + duration }));
}

/** Up to `count` slots nearest to `target`, in order of start. */
export function nearestSlots(slots: readonly Span[], target: number, count = 3): Span[] {
  return [...slots]
    .sort((a, b) => Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start)
    .slice(0, count)
    .sort((a, b) => a.start - b.start);
}
