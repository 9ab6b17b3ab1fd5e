/**
 * The one calendar invite we send (RFC 5545/5546): a VCALENDAR with a single VEVENT, one organizer
 * and one attendee. Written directly: a general iCalendar library spent more on folding lines (a
 * TextEncoder per character) than on everything else in a mail. Its output is the reference —
 * src/mail/icsInvite.test.ts checks ours against ical-generator's, byte for byte, on random input.
 *
 * Text values are escaped as RFC 5545 §3.3.11 says (backslash, semicolon, comma, newlines);
 * quoted parameter values (CN) escape backslash and double quote, as the reference does. Lines
 * are folded at 75 octets, never inside a UTF-8 sequence or a surrogate pair.
 */

export interface IcsInvite {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  location?: string | undefined;
  description: string;
  url: string;
  status: 'CONFIRMED' | 'CANCELLED';
  organizer: { name: string; email: string };
  attendee: { email: string; name?: string | undefined; rsvp: boolean };
}

const PRODID = '-//Ekosistem App//Lets Meet//EN';

const text = (value: string) => value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
const quoted = (value: string) => value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const utc = (at: Date) =>
  `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}Z`;

/** UTF-8 octets of one UTF-16 code unit on its own (a lone surrogate is written as U+FFFD). */
const octetsOf = (code: number) => (code < 0x80 ? 1 : code < 0x800 ? 2 : 3);

/**
 * UTF-8 octets of the character starting at `i`, and its length in code units: a high surrogate
 * is never split from the unit after it.
 */
function charAt(line: string, i: number): [octets: number, units: number] {
  const code = line.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff || i + 1 >= line.length) return [octetsOf(code), 1];
  const next = line.charCodeAt(i + 1);
  return [next >= 0xdc00 && next <= 0xdfff ? 4 : 3 + octetsOf(next), 2];
}

/** RFC 5545 §3.1: a line longer than 75 octets continues on the next, which starts with a space. */
function fold(line: string): string {
  let octets = 0;
  let out = '';
  let from = 0;
  for (let i = 0; i < line.length; ) {
    const [size, units] = charAt(line, i);
    octets += size;
    if (octets > 74) {
      out += `${line.slice(from, i)}\r\n `;
      from = i;
      octets = size;
    }
    i += units;
  }
  return out + line.slice(from);
}

export function writeIcsInvite(invite: IcsInvite): string {
  const { organizer, attendee } = invite;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    `METHOD:${invite.method}`,
    'BEGIN:VEVENT',
    `UID:${invite.uid}`,
    `SEQUENCE:${invite.sequence}`,
    `DTSTAMP:${utc(invite.stamp)}`,
    `DTSTART:${utc(invite.start)}`,
    `DTEND:${utc(invite.end)}`,
    `SUMMARY:${text(invite.summary)}`,
    ...(invite.location ? [`LOCATION:${text(invite.location)}`] : []),
    `DESCRIPTION:${text(invite.description)}`,
    `ORGANIZER;CN="${quoted(organizer.name)}":mailto:${text(organizer.email)}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=${invite.attendee.rsvp ? 'TRUE' : 'FALSE'}${attendee.name ? `;CN="${quoted(attendee.name)}"` : ''}:MAILTO:${attendee.email}`,
    `URL;VALUE=URI:${text(invite.url)}`,
    `STATUS:${invite.status}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n');
}
