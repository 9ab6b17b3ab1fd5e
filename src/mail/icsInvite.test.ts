import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ical, { type ICalCalendarMethod, type ICalEventStatus } from 'ical-generator';
import { writeIcsInvite, type IcsInvite } from './icsInvite.ts';

/** The reference: the same invite written by ical-generator (what we sent before writing our own). */
function reference(invite: IcsInvite): string {
  const calendar = ical({
    prodId: { company: 'Ekosistem App', product: 'Lets Meet', language: 'EN' },
    method: invite.method as ICalCalendarMethod,
  });
  calendar.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    stamp: invite.stamp,
    start: invite.start,
    end: invite.end,
    summary: invite.summary,
    description: invite.description,
    ...(invite.location ? { location: invite.location } : {}),
    url: invite.url,
    status: invite.status as ICalEventStatus,
    organizer: invite.organizer,
    attendees: [
      {
        email: invite.attendee.email,
        ...(invite.attendee.name ? { name: invite.attendee.name } : {}),
        rsvp: invite.attendee.rsvp,
      },
    ],
  });
  return calendar.toString();
}

/** Any UTF-16 text: whole characters of every plane, and lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 120 }),
  fc.string({
    unit: fc.constantFrom('a', ' ', '\\', ';', ',', '"', '\n', '\r', '\r\n', 'é', '✓', '😀', '\ud83d', '\ude00'),
    maxLength: 200,
  }),
);
const instant = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2199-12-31T23:59:59Z'),
  noInvalidDate: true,
});

const invites: fc.Arbitrary<IcsInvite> = fc.record({
  method: fc.constantFrom('REQUEST' as const, 'CANCEL' as const),
  uid: fc.uuid().map((id) => `${id}@ekosistem.app`),
  sequence: fc.nat({ max: 10_000 }),
  stamp: instant,
  start: instant,
  end: instant,
  summary: anyText,
  location: fc.option(anyText, { nil: undefined }),
  description: anyText,
  url: fc.webUrl(),
  status: fc.constantFrom('CONFIRMED' as const, 'CANCELLED' as const),
  organizer: fc.record({ name: anyText.filter((name) => name.length > 0), email: fc.emailAddress() }),
  attendee: fc.record({ email: fc.emailAddress(), name: fc.option(anyText, { nil: undefined }), rsvp: fc.boolean() }),
});

test('the invite is byte for byte what ical-generator writes for the same event, on random input', () => {
  fc.assert(
    fc.property(invites, (invite) => {
      // The reference swaps a start after the end; ours is never given one.
      fc.pre(invite.start.getTime() <= invite.end.getTime());
      assert.equal(writeIcsInvite(invite), reference(invite));
    }),
    { numRuns: 3_000 },
  );
});

test('long lines fold at 75 octets and never split a character', () => {
  const invite: IcsInvite = {
    method: 'REQUEST',
    uid: 'x@ekosistem.app',
    sequence: 0,
    stamp: new Date('2026-11-28T10:00:00Z'),
    start: new Date('2026-12-01T10:00:00Z'),
    end: new Date('2026-12-01T11:00:00Z'),
    summary: 'ş😀'.repeat(40),
    description: 'd',
    url: 'https://ekosistem.app/m/x',
    status: 'CONFIRMED',
    organizer: { name: 'Host', email: 'host@example.com' },
    attendee: { email: 'guest@example.com', rsvp: true },
  };
  const ics = writeIcsInvite(invite);
  for (const line of ics.split('\r\n'))
    assert.ok(Buffer.byteLength(line) <= 75, `${Buffer.byteLength(line)} octets: ${line}`);
  assert.equal(ics.replace(/\r\n /g, '').match(/^SUMMARY:(.*)$/m)?.[1], 'ş😀'.repeat(40));
  assert.doesNotMatch(ics, /\uFFFD/);
});
