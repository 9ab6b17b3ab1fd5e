/**
 * The `timezone` we send Zoom (docs/zoom-facts.md §10.4). Zoom documents about 140 zone ids
 * (`zoom/timezones.json`, with its source); records accept every IANA zone. The instant is fixed
 * by `start_time` in UTC with `Z` either way, so the zone only decides how Zoom displays the time:
 * we send the record's zone when Zoom lists it, else a listed zone that names the same place
 * (an alias such as Asia/Kolkata ↔ Asia/Calcutta), else a listed zone with the same UTC offsets
 * over the coming year (Europe/Tallinn → a listed EET zone), else nothing.
 */
import { readFileSync } from 'node:fs';

const data = JSON.parse(readFileSync(new URL('../../zoom/timezones.json', import.meta.url), 'utf8')) as {
  timezones: string[];
};

/** Zoom's documented ids, as Zoom spells them. */
export const ZOOM_TIMEZONES: readonly string[] = data.timezones;
const listed = new Set(ZOOM_TIMEZONES);

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** "GMT+02:00"-style offset of the zone at the instant (one call, no arithmetic). */
function offsetAt(zone: string, instant: number): string | undefined {
  return formatter(zone)
    ?.formatToParts(instant)
    .find((p) => p.type === 'timeZoneName')?.value;
}

const canonical = (zone: string) => formatter(zone)?.resolvedOptions().timeZone;

/** Sample instants: twice a day for a year from the start of the current UTC year. */
const SAMPLES = (() => {
  const start = Date.UTC(new Date().getUTCFullYear(), 0, 1);
  return Array.from({ length: 2 * 366 }, (_, i) => start + i * 12 * 3600_000);
})();

/** Offsets per zone, filled lazily sample by sample (most comparisons stop at the first one). */
const offsets = new Map<string, (string | undefined)[]>();
function offsetSample(zone: string, i: number): string | undefined {
  let row = offsets.get(zone);
  if (!row) offsets.set(zone, (row = []));
  if (!(i in row)) row[i] = offsetAt(zone, SAMPLES[i]!) ?? '?';
  return row[i];
}
const sameOffsetsAllYear = (a: string, b: string) => SAMPLES.every((_, i) => offsetSample(a, i) === offsetSample(b, i));

const region = (zone: string) => (zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : '');

const memo = new Map<string, string | undefined>();

/** The zone id to send Zoom for a record's IANA zone, or undefined to send none. */
export function zoomTimezoneFor(zone: string): string | undefined {
  if (listed.has(zone)) return zone;
  if (memo.has(zone)) return memo.get(zone);
  let answer: string | undefined;
  const own = canonical(zone);
  if (own) {
    // The same place under another name: the canonical id itself, else a listed alias of it.
    answer = listed.has(own) ? own : ZOOM_TIMEZONES.find((z) => canonical(z) === own);
    if (!answer) {
      const same = ZOOM_TIMEZONES.filter((z) => sameOffsetsAllYear(z, zone));
      answer = same.find((z) => region(z) === region(zone)) ?? same[0];
    }
  }
  memo.set(zone, answer);
  return answer;
}
