/** docs/zoom-facts.md §10.4: every zone a record may have is sent to Zoom as a zone Zoom lists, or not at all. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZOOM_TIMEZONES, zoomTimezoneFor } from './zoomTimezones.ts';

test('Zoom’s list is the documented one (about 140 ids) and every listed id is sent as itself', () => {
  assert.ok(ZOOM_TIMEZONES.length > 120 && ZOOM_TIMEZONES.length < 160, String(ZOOM_TIMEZONES.length));
  for (const zone of ZOOM_TIMEZONES) assert.equal(zoomTimezoneFor(zone), zone);
});

/** Offset in minutes from the wall-clock reading (independent of how zoomTimezones.ts compares). */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function offsetMinutes(instant: Date, zone: string): number {
  let f = wallClocks.get(zone);
  if (!f)
    wallClocks.set(
      zone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      })),
    );
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  return Math.round(
    (Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!) - instant.getTime()) / 60_000,
  );
}

test('every IANA zone maps to a listed zone with the same UTC offset every day of the year, or to none', () => {
  const listed = new Set(ZOOM_TIMEZONES);
  const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(new Date().getUTCFullYear(), 0, 1 + i, 12)));
  let mapped = 0;
  for (const zone of ['UTC', 'Etc/UTC', ...Intl.supportedValuesOf('timeZone')]) {
    const sent = zoomTimezoneFor(zone);
    if (sent === undefined) continue;
    mapped++;
    assert.ok(listed.has(sent), `${zone} → ${sent} is not on Zoom's list`);
    for (const day of days)
      assert.equal(
        offsetMinutes(day, sent),
        offsetMinutes(day, zone),
        `${zone} → ${sent} differs on ${day.toISOString().slice(0, 10)}`,
      );
  }
  assert.ok(mapped > 300, `most zones have a listed equivalent (${mapped})`);
});

test('known cases: aliases and same-rule neighbours', () => {
  assert.equal(zoomTimezoneFor('Etc/UTC'), 'UTC');
  assert.equal(zoomTimezoneFor('Asia/Kolkata'), 'Asia/Kolkata');
  assert.equal(zoomTimezoneFor('Europe/Kyiv'), 'Europe/Kiev');
  assert.equal(zoomTimezoneFor('America/Toronto'), 'America/Montreal');
  assert.match(zoomTimezoneFor('Europe/Tallinn') ?? '', /^Europe\//);
  assert.match(zoomTimezoneFor('Europe/Riga') ?? '', /^Europe\//);
});
