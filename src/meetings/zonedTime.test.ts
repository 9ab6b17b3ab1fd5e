import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utcToZonedLocal, zonedLocalToUtc } from './zonedTime.ts';

test('UTC is identity', () => {
  assert.equal(zonedLocalToUtc('2031-01-05T09:30', 'UTC').toISOString(), '2031-01-05T09:30:00.000Z');
});

test('Europe/Helsinki: +2 in winter, +3 in summer', () => {
  assert.equal(zonedLocalToUtc('2031-01-05T09:00', 'Europe/Helsinki').toISOString(), '2031-01-05T07:00:00.000Z');
  assert.equal(zonedLocalToUtc('2031-07-05T09:00', 'Europe/Helsinki').toISOString(), '2031-07-05T06:00:00.000Z');
});

test('America/New_York: a time in the spring-forward gap is refused; the autumn overlap takes the earlier instant', () => {
  assert.throws(() => zonedLocalToUtc('2031-03-09T02:30', 'America/New_York'), /does not exist/);
  assert.equal(zonedLocalToUtc('2031-11-02T01:30', 'America/New_York').toISOString(), '2031-11-02T05:30:00.000Z');
});

test('round trip: any whole-minute instant survives utc → local → utc in several zones', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2035, 0, 1) / 60_000 }),
      fc.constantFrom('UTC', 'Europe/Helsinki', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'),
      (minutes, zone) => {
        const instant = new Date(minutes * 60_000);
        const back = zonedLocalToUtc(utcToZonedLocal(instant, zone), zone);
        // In an autumn overlap the earlier instant is chosen; both render the same wall time.
        assert.equal(utcToZonedLocal(back, zone), utcToZonedLocal(instant, zone));
      },
    ),
  );
});
