/**
 * Meeting time zones and `start_time` as Zoom reads them (docs/zoom-facts.md §4, §10.4). Zoom's list of
 * meeting `timezone` ids is data shared with the app (`zoom/timezones.json`, with its source);
 * local times are turned into instants with Intl, so the emulator needs no zone database of its own.
 */
import { readFileSync } from 'node:fs';

const listed = JSON.parse(readFileSync(new URL('../zoom/timezones.json', import.meta.url), 'utf8')) as {
  timezones: string[];
};

/** The ids Zoom documents for a meeting's `timezone` (§10.4), spelled as Zoom spells them. */
export const ZOOM_TIMEZONES: ReadonlySet<string> = new Set(listed.timezones);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  const known = formatters.get(zone);
  if (known) return known;
  try {
    const made = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, made);
    return made;
  } catch {
    return undefined;
  }
}

/** Whether Intl (the ICU data Node ships) knows the zone — the `lenient` time-zone check. */
export const intlKnowsZone = (zone: string) => formatterFor(zone) !== undefined;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** ms since the epoch for wall-clock fields read as UTC (years 0–99 kept as such). */
function utcMs(f: Fields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, 0);
  return d.getTime();
}

/** The zone's UTC offset (ms, east positive) at an instant. */
function offsetMs(zone: string, at: number): number {
  const parts = formatterFor(zone)!.formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = utcMs({
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  });
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `zone`. A time that occurs twice (clocks going back) is the
 * earlier one; a time that does not occur (clocks going forward) moves forward by the gap.
 */
export function zonedToUtcMs(f: Fields, zone: string): number {
  const wall = utcMs(f);
  const before = offsetMs(zone, wall - 86_400_000);
  const after = offsetMs(zone, wall + 86_400_000);
  const candidates = [...new Set([before, after])].map((o) => wall - o).filter((t) => wall - offsetMs(zone, t) === t);
  if (candidates.length) return Math.min(...candidates);
  return wall - before;
}

const START_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$/;

/**
 * Parses `start_time` in Zoom's two documented forms (§4): `yyyy-MM-ddTHH:mm:ssZ` (UTC) and
 * `yyyy-MM-ddTHH:mm:ss` (local time in the meeting's zone). Anything else (milliseconds, an
 * offset such as `+02:00`, a date alone, an impossible date) is undefined.
 */
export function parseStartTime(value: string): { fields: Fields; utc: boolean } | undefined {
  const m = START_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fields = { year, month, day, hour, minute, second };
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(utcMs({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0 })).getUTCDate();
  if (day > daysInMonth) return undefined;
  return { fields, utc: m[7] === 'Z' };
}

/** `yyyy-MM-ddTHH:mm:ssZ`, the form Zoom answers `start_time` in. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
