/**
 * Mail in its reader's language and zone (docs/product.md §15), through the app's HTTP surface and
 * a real SMTP server on loopback: someone without an account reads the ecosystem's language and
 * the record's zone; someone with an account reads their own language and zone; a host's notice
 * is in the host's language. Every time names its zone.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, asc, eq } from '../../src/db/orm.ts';
import { mailMessages } from '../../src/db/schema.ts';
import { formatInstant, formatWhen } from '../../src/i18n/formatting.ts';
import { renderMeetingMail } from '../../src/mail/renderMeetingMail.ts';
import { sendReminder } from '../../src/meetings/reminders.ts';
import { Client, createTestApp, type TestApp } from '../helpers/testApp.ts';
import { inviteAndAccept, openAllWeek } from '../helpers/membership.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/smtpSink.ts';

const MINUTE = 60_000;

/** One message as the SMTP server received it, decoded: its subject and its text parts by type. */
interface Received {
  to: string[];
  subject: string;
  text: string;
  html: string;
  ics: string;
}

let smtp: SmtpSink;
let t: TestApp;
let admin: Client;
let hana: Client;
let fia: Client;
let heikki: Client;
let mia: Client;
let ecoId = '';
let heikkiId = '';

/** Quoted-printable (RFC 2045 §6.7) to bytes: soft line breaks dropped, `=XX` as the byte XX. */
function quotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/** A header's value with its RFC 2047 encoded words decoded (spaces between two of them dropped). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_word, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : quotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

/** Reads a raw MIME message: the Subject header and the first text/plain, text/html and text/calendar parts. */
function readMessage(to: string[], raw: string): Received {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, headerEnd).replace(/\r\n[ \t]+/g, ' ');
  const subject = decodeHeader(/^subject: ?(.*)$/im.exec(headers)?.[1] ?? '');
  const parts = new Map<string, string>();
  for (const chunk of raw.slice(headerEnd).split(/\r\n--[^\r\n]+/)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = chunk.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const type = /^content-type: ?([\w/-]+)/im.exec(head)?.[1]?.toLowerCase();
    if (!type?.startsWith('text/') || parts.has(type)) continue;
    const body = chunk.slice(split + 4);
    const encoding = /^content-transfer-encoding: ?(\S+)/im.exec(head)?.[1]?.toLowerCase();
    const bytes =
      encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
        : encoding === 'quoted-printable'
          ? quotedPrintable(body)
          : Buffer.from(body, 'utf8');
    const decoded = bytes.toString('utf8');
    // The invite unfolded (RFC 5545 §3.1), so a long line reads whole; plain line ends everywhere.
    parts.set(type, (type === 'text/calendar' ? decoded.replace(/\r\n /g, '') : decoded).replace(/\r\n/g, '\n'));
  }
  return {
    to,
    subject,
    text: parts.get('text/plain') ?? '',
    html: parts.get('text/html') ?? '',
    ics: parts.get('text/calendar') ?? '',
  };
}

const json = async <T>(response: Response, status: number): Promise<T> => {
  assert.equal(response.status, status, await response.clone().text());
  return (await response.json()) as T;
};

/** Sends what is queued, then the messages `email` received, oldest first. */
async function deliveredTo(email: string): Promise<Received[]> {
  await t.queue.runDueJobs();
  return smtp.messages.filter((m) => m.to.includes(email)).map((m) => readMessage(m.to, m.raw));
}

/** The stored mails to `email` about `meetingId`, oldest first. */
async function storedMails(meetingId: string, email: string) {
  return t.deps.database.db
    .select({ subject: mailMessages.subject, text: mailMessages.textBody, html: mailMessages.htmlBody })
    .from(mailMessages)
    .where(and(eq(mailMessages.meetingId, meetingId), eq(mailMessages.toAddress, email)))
    .orderBy(asc(mailMessages.createdAt));
}

before(async () => {
  smtp = await startSmtpSink();
  t = await createTestApp({ env: { SMTP_URL: smtp.url } });
  admin = new Client(t.app);
  await admin.signUp('Ada Admin', 'ada@example.com');
  ecoId = (await json<{ id: string }>(await admin.api('POST', '/api/ecosystems', { name: 'Norden' }), 201)).id;
  // People without an account read this ecosystem's mail in Swedish.
  await json(await admin.api('PUT', `/api/ecosystems/${ecoId}/settings`, { locale: 'sv' }), 200);
  hana = new Client(t.app);
  await hana.signUp('Hana Host', 'hana@example.com');
  await inviteAndAccept(admin, ecoId, hana, 'hana@example.com', 'host');
  await json(await hana.api('PUT', '/api/me', { locale: 'en', timezone: 'Europe/Helsinki' }), 200);
  fia = new Client(t.app);
  await fia.signUp('Fia Finn', 'fia@example.com');
  await json(await fia.api('PUT', '/api/me', { locale: 'fi', timezone: 'America/New_York' }), 200);
  heikki = new Client(t.app);
  heikkiId = (await heikki.signUp('Heikki Isäntä', 'heikki@example.com')).id;
  await inviteAndAccept(admin, ecoId, heikki, 'heikki@example.com', 'host');
  // Finnish, no zone of his own: his notices show the record's zone.
  await json(await heikki.api('PUT', '/api/me', { locale: 'fi', timezone: null }), 200);
  await openAllWeek(heikki, ecoId);
  const approval = await heikki.api('PUT', `/api/ecosystems/${ecoId}/my-availability`, {
    requiresApproval: true,
    minimumNoticeMinutes: 60,
  });
  assert.equal(approval.status, 200, await approval.clone().text());
  mia = new Client(t.app);
  await mia.signUp('Mia Member', 'mia@example.com');
  await inviteAndAccept(admin, ecoId, mia, 'mia@example.com', 'member');
});

after(async () => {
  await t.close();
  await smtp.close();
});

test('someone without an account gets the invitation, the update and the cancellation in the ecosystem’s Swedish, in the record’s zone', async () => {
  const created = await json<{ id: string }>(
    await hana.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'mentorship',
      title: 'Svensk träff',
      startTime: '2031-06-16T13:00:00Z',
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      location: { type: 'in_person', address: 'Rum 3' },
      attendeeEmails: ['sven@example.com'],
    }),
    201,
  );
  const [invitation] = await deliveredTo('sven@example.com');
  assert.ok(invitation, 'the invitation arrived');
  assert.equal(invitation.subject, 'Du är inbjuden: Svensk träff');
  assert.match(invitation.text, /^Du är inbjuden: Svensk träff\n\nHana Host är värd för den här mentorsträffen\.\n/);
  assert.match(invitation.text, /\nNär: måndag 16 juni 2031 kl\. 16\.00–16\.30 \(Europe\/Helsinki\)\n/);
  assert.match(invitation.text, /\nVar: Rum 3\n/);
  assert.match(invitation.text, /\nKan du inte komma\? Meddela det: http:\/\/localhost:3000\/respond\//);
  assert.match(invitation.html, /<html lang="sv">/);
  assert.match(invitation.html, /<strong>När:<\/strong> måndag 16 juni 2031 kl\. 16\.00–16\.30 \(Europe\/Helsinki\)/);
  assert.match(invitation.html, />Visa i Ekosistem App<\/a>/);
  assert.match(invitation.ics, /^METHOD:REQUEST$/m);
  assert.match(invitation.ics, /^SUMMARY:Svensk träff · Mentorsträff$/m);
  assert.match(invitation.ics, /^DESCRIPTION:Var: Rum 3\\n/m);

  await json(
    await hana.api('POST', `/api/meetings/${created.id}/reschedule`, {
      startTime: '2031-06-17T13:00:00Z',
      durationMinutes: 45,
    }),
    200,
  );
  const update = (await deliveredTo('sven@example.com'))[1];
  assert.ok(update, 'the update arrived');
  assert.equal(update.subject, 'Uppdaterat: Svensk träff');
  assert.match(
    update.text,
    /Uppgifterna för den här mentorsträffen har ändrats\. Kalenderinbjudan nedan ersätter den tidigare\./,
  );
  assert.match(update.text, /\nNär: tisdag 17 juni 2031 kl\. 16\.00–16\.45 \(Europe\/Helsinki\)\n/);
  assert.match(update.html, /<html lang="sv">/);
  assert.match(update.ics, /^METHOD:REQUEST$/m);
  assert.match(update.ics, /^SUMMARY:Svensk träff · Mentorsträff$/m);

  await json(await hana.api('POST', `/api/meetings/${created.id}/cancel`, { reason: 'Värden är sjuk' }), 200);
  const mails = await deliveredTo('sven@example.com');
  assert.equal(mails.length, 3);
  const cancellation = mails[2]!;
  assert.equal(cancellation.subject, 'Inställt: Svensk träff');
  assert.match(cancellation.text, /Den här mentorsträffen med Hana Host är inställd\./);
  assert.match(cancellation.text, /\nOrsak: Värden är sjuk\n/);
  assert.match(cancellation.text, /\nNär: tisdag 17 juni 2031 kl\. 16\.00–16\.45 \(Europe\/Helsinki\)\n/);
  assert.doesNotMatch(cancellation.text, /respond/);
  assert.match(cancellation.html, /<html lang="sv">/);
  assert.match(cancellation.html, /<strong>Orsak:<\/strong>/);
  assert.match(cancellation.ics, /^METHOD:CANCEL$/m);
  assert.match(cancellation.ics, /^STATUS:CANCELLED$/m);
  assert.match(cancellation.ics, /^SUMMARY:Svensk träff · Mentorsträff$/m);
  // Nothing of it is left in English.
  for (const mail of mails) assert.doesNotMatch(`${mail.subject}\n${mail.text}`, /\b(When|Where|Details|Reason):/);
});

test('the host and an attendee read the same meeting at their own local times, in their own languages, each zone named', async () => {
  // The record's zone is neither of theirs: each reads the time in the zone of their account.
  const created = await json<{ id: string }>(
    await hana.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'mentorship',
      title: 'Across the Atlantic',
      startTime: '2031-06-23T13:00:00Z',
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'link', url: 'https://meet.example.com/atlantic' },
      attendeeEmails: ['fia@example.com'],
    }),
    201,
  );
  const [invitation] = await storedMails(created.id, 'fia@example.com');
  assert.ok(invitation);
  assert.equal(invitation.subject, 'Kutsu: Across the Atlantic');
  assert.match(invitation.text, /\nAika: maanantaina 23\. kesäkuuta 2031 klo 9\.00–9\.30 \(America\/New_York\)\n/);
  assert.match(invitation.text, /\nLiity: https:\/\/meet\.example\.com\/atlantic\n/);
  assert.match(invitation.html, /<html lang="fi">/);
  assert.match(invitation.html, />Liity<\/a>/);

  // The day before: everyone on the record and the host are reminded.
  const outcome = await sendReminder(t.deps.providerJobs, {
    meetingId: created.id,
    ecosystemId: ecoId,
    startAt: '2031-06-23T13:00:00.000Z',
    minutesBefore: 1440,
  });
  assert.equal(outcome, 'sent');
  const toFia = (await deliveredTo('fia@example.com')).find((m) => m.subject === 'Muistutus: Across the Atlantic');
  const toHana = (await deliveredTo('hana@example.com')).find((m) => m.subject === 'Reminder: Across the Atlantic');
  assert.ok(toFia, 'Fia’s reminder, in Finnish');
  assert.ok(toHana, 'Hana’s reminder, in English');
  assert.match(toFia.text, /\nAika: maanantaina 23\. kesäkuuta 2031 klo 9\.00–9\.30 \(America\/New_York\)\n/);
  assert.match(toFia.text, /Mentorointitapaamisesi \(isäntä Hana Host\) lähestyy\./);
  assert.match(
    toFia.html,
    /<strong>Aika:<\/strong> maanantaina 23\. kesäkuuta 2031 klo 9\.00–9\.30 \(America\/New_York\)/,
  );
  assert.match(toHana.text, /\nWhen: Monday, 23 June 2031, 16:00–16:30 \(Europe\/Helsinki\)\n/);
  assert.match(toHana.text, /This mentorship session with Hana Host is coming up\./);
  assert.match(toHana.html, /<html lang="en">/);
});

test('a Finnish host’s notice of a booking request is in Finnish; the person who asked reads theirs in English', async () => {
  const day = Math.ceil((Date.now() + 20 * 24 * 60 * MINUTE) / (24 * 60 * MINUTE)) * 24 * 60 * MINUTE;
  const start = new Date(day + 10 * 60 * MINUTE);
  const requested = await json<{ id: string; status: string; requestExpiresAt: string }>(
    await mia.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'booking',
      title: 'Kysymys rahoituksesta',
      startTime: start.toISOString(),
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      hostUserId: heikkiId,
      location: { type: 'in_person', address: 'Kahvila' },
    }),
    201,
  );
  assert.equal(requested.status, 'requested');
  const notices = (await deliveredTo('heikki@example.com')).filter((m) => m.subject.includes('Kysymys rahoituksesta'));
  assert.equal(notices.length, 1);
  const notice = notices[0]!;
  assert.equal(notice.subject, 'Varauspyyntö: Kysymys rahoituksesta');
  const when = formatWhen('fi', start, 30, 'Europe/Helsinki');
  assert.match(when, /^\S+ \d+\. \S+ \d{4} klo \d{1,2}\.\d\d–\d{1,2}\.\d\d \(Europe\/Helsinki\)$/);
  const until = formatInstant('fi', new Date(requested.requestExpiresAt), 'Europe/Helsinki');
  assert.ok(
    notice.text.includes(`Mia Member haluaa varata kanssasi tapaamisen ”Kysymys rahoituksesta”: ${when}.`),
    notice.text,
  );
  assert.ok(notice.text.includes(`Aika pidetään pyynnölle varattuna ${until} asti`), notice.text);
  assert.match(notice.text, /\nHyväksy tai hylkää: http:\/\/localhost:3000\/meetings\//);
  assert.match(notice.html, /<html lang="fi">/);
  assert.match(notice.html, />Hyväksy tai hylkää<\/a>/);
  // The one who asked has an English account: their confirmation of the request is English.
  const [confirmation] = await storedMails(requested.id, 'mia@example.com');
  assert.equal(confirmation?.subject, 'Requested: Kysymys rahoituksesta');
  assert.match(confirmation.text, /You asked Heikki Isäntä for this Lets Meet booking\./);

  // Declined: the booker hears it in their language, the host's reason with it.
  await json(await heikki.api('POST', `/api/meetings/${requested.id}/decline`, { reason: 'Matkoilla' }), 200);
  const declined = (await storedMails(requested.id, 'mia@example.com')).at(-1);
  assert.equal(declined?.subject, 'Declined: Kysymys rahoituksesta');
  assert.match(declined.text, /\nReason: Matkoilla\n/);
});

test('a record’s title is never read as a placeholder or a nested text', async () => {
  const created = await json<{ id: string }>(
    await hana.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'event',
      title: '{{host}} $t(mail.viewInApp)',
      startTime: '2031-07-01T13:00:00Z',
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      location: { type: 'in_person', address: 'Sal 1' },
      attendeeEmails: ['fia@example.com'],
    }),
    201,
  );
  const [mail] = await storedMails(created.id, 'fia@example.com');
  assert.equal(mail?.subject, 'Kutsu: {{host}} $t(mail.viewInApp)');
});

test('every mail, for every kind of record, is written whole in Finnish and in Swedish', () => {
  const kinds = ['invitation', 'update', 'cancellation', 'reminder', 'request', 'waitlisted', 'removed'] as const;
  const english =
    /\b(When|Where|Join|Details|Reason|Passcode|Meeting ID|View in|invited|Updated|Cancelled|Reminder|Requested|waitlist|Unregistered)\b/;
  for (const locale of ['fi', 'sv'] as const) {
    for (const recordKind of ['booking', 'mentorship', 'event'] as const) {
      for (const kind of kinds) {
        const mail = renderMeetingMail(
          {
            id: '7d0c7a52-0f55-4f4e-9a51-1b1d2a3c4d5e',
            kind: recordKind,
            title: 'Aamukahvi',
            description: '',
            startAt: new Date('2031-06-16T06:00:00Z'),
            durationMinutes: 30,
            timezone: 'Europe/Helsinki',
            hostName: 'Hana Host',
            hostEmail: 'hana@example.com',
            location: { type: 'zoom', joinUrl: 'https://zoom.example/j/1', meetingId: '1', passcode: 'abc' },
            sequence: 1,
            recordUrl: 'http://localhost:3000/meetings/7d0c7a52-0f55-4f4e-9a51-1b1d2a3c4d5e',
            reason: 'Sairaana',
          },
          {
            email: 'x@example.com',
            name: 'X',
            locale,
            position: 2,
            respond: { url: 'http://localhost:3000/respond/t', action: 'decline' },
          },
          kind,
        );
        const what = `${locale} ${recordKind} ${kind}`;
        assert.doesNotMatch(`${mail.subject}\n${mail.text}`, english, what);
        assert.match(
          mail.text,
          locale === 'fi' ? /klo 9\.00–9\.30 \(Europe\/Helsinki\)/ : /kl\. 09\.00–09\.30 \(Europe\/Helsinki\)/,
          what,
        );
        assert.match(mail.html, new RegExp(`^<!doctype html><html lang="${locale}">`), what);
        if (mail.ics) {
          const summary = /^SUMMARY:(.*)$/m.exec(mail.ics.replace(/\r\n /g, ''))?.[1]?.trim();
          assert.equal(summary, renderSummary(locale, recordKind), what);
        }
      }
    }
  }
});

/** The ICS SUMMARY each language gives each kind of record titled “Aamukahvi”. */
function renderSummary(locale: 'fi' | 'sv', kind: 'booking' | 'mentorship' | 'event'): string {
  const names = {
    fi: { booking: 'Lets Meet -varaus', mentorship: 'Mentorointitapaaminen', event: 'Verkkotapahtuma' },
    sv: { booking: 'Lets Meet-bokning', mentorship: 'Mentorsträff', event: 'Onlineevenemang' },
  };
  return `Aamukahvi · ${names[locale][kind]}`;
}
