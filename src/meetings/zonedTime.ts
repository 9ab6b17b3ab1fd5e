/**
 * Wall-clock time in an IANA timezone ↔ instants, for forms that ask for a local date and time
 * (`<input type="datetime-local">`) plus a timezone. No library: Intl knows the rules.
 */

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size < 1000) formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC, in minutes, at the given instant. */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A wall-clock time in the zone as an instant, never refusing: `wall` is the local date and time
 * written as if it were UTC (Date.UTC of its fields). An ambiguous time (autumn) takes the earlier
 * instant; a time the clocks skip (spring) moves forward by the skipped length, so 03:30 on
 * Helsinki's spring night is 04:30 (docs/product.md §12.2).
 */
export function wallClockToInstant(wall: number, timeZone: string): number {
  const offsets = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000])
    offsets.add(offsetMinutes(new Date(probe), timeZone));
  let earliest: number | undefined;
  for (const offset of offsets) {
    const t = wall - offset * 60_000;
    if (t + offsetMinutes(new Date(t), timeZone) * 60_000 === wall && (earliest === undefined || t < earliest)) {
      earliest = t;
    }
  }
  if (earliest !== undefined) return earliest;
  // In a gap the offset grows: read the wall time with the smaller offset, the one before the change.
  return wall - Math.min(...offsets) * 60_000;
}

export class NonexistentLocalTimeError extends Error {
  readonly code = 'nonexistent_local_time';
}

/** A calendar date or clock time that does not exist anywhere (30 February, 25:00). */
export class ImpossibleLocalTimeError extends Error {
  readonly code = 'impossible_local_time';
}

/**
 * "2026-12-01T09:00" in "Europe/Helsinki" → the instant. A time skipped by a DST change (e.g.
 * 02:30 on a spring-forward night) does not exist and is refused; an ambiguous time (autumn)
 * takes the earlier instant.
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new Error('expected YYYY-MM-DDTHH:mm');
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls impossible fields over (30 February → 2 March, month 13 → next year): a wall
  // time is real only if it reads back the same, as the JSON API's ISO check demands.
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute ||
    back.getUTCSeconds() !== second
  ) {
    throw new ImpossibleLocalTimeError(`${local.replace('T', ' ')} is not a real date and time`);
  }
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) {
    candidates.add(wall - offsetMinutes(new Date(probe), timeZone) * 60_000);
  }
  const valid = [...candidates]
    .filter((t) => t + offsetMinutes(new Date(t), timeZone) * 60_000 === wall)
    .sort((a, b) => a - b);
  if (valid.length === 0) {
    throw new NonexistentLocalTimeError(
      `${local.replace('T', ' ')} does not exist in ${timeZone} (the clocks skip it)`,
    );
  }
  return new Date(valid[0]!);
}

/** The instant as "YYYY-MM-DDTHH:mm" wall-clock time in the zone (for form values). */
export function utcToZonedLocal(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + offsetMinutes(instant, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
