/**
 * Mails people about records: attendees get invitations, updates and cancellations with an ICS
 * invite (whose LOCATION is the join URL for Zoom, docs/product.md §4.2); hosts get notices about meetings
 * others put on their Zoom and about Zoom problems. Always inside the caller's transaction, so mail
 * goes out exactly when the change commits, and always with the mail gate's pass for it
 * (src/mail/mailGate.ts).
 *
 * Each mail is written for its reader (docs/product.md §15): someone with an account reads their
 * own language, with times in their own zone (or the record's, when they chose none); someone
 * without one reads the ecosystem's language and the record's zone. One query per batch finds out
 * which (`mailReadersOf`).
 */
import { eq, inArray, sql } from '../db/orm.ts';
import type { Queries, Tx } from '../db/client.ts';
import { ecosystems, users } from '../db/schema.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import {
  renderMeetingMail,
  renderNotice,
  type MeetingForMail,
  type MeetingMailKind,
} from '../mail/renderMeetingMail.ts';
import type { RespondAction } from '../db/schema.ts';
import { issueRespondLink } from './respondLinks.ts';
import { normalizeEmail } from '../auth/accounts.ts';
import { formatInstant, formatWhen } from '../i18n/formatting.ts';
import { translatorFor, type Translate } from '../i18n/i18n.ts';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../i18n/locales.ts';
import { queueMail } from '../mail/sendMailJob.ts';
import type { MailPass } from '../mail/mailGate.ts';
import type { MeetingView } from './meetingQueries.ts';

export type { MeetingMailKind };

export interface NotifyDeps {
  queue: Pick<JobQueue, 'enqueue'>;
  appBaseUrl: string;
}

/**
 * How one person reads their mail (docs/product.md §15): in their account's language and zone;
 * without an account, in the ecosystem's language and the record's zone (`timezone` undefined).
 */
export interface MailReader {
  locale: Locale;
  timezone?: string | undefined;
}

/** A notice's reader: their language's texts, and times as they read them. */
export interface NoticeReader {
  locale: Locale;
  t: Translate;
  /** A record's date and times in the reader's zone (else the record's), the zone named. */
  when(startAt: Date, durationMinutes: number, recordZone: string): string;
  /** One instant in the reader's zone (else the record's), the zone named. */
  instant(at: Date, recordZone: string): string;
}

/** A notice's texts, written for one reader. */
export interface NoticeText {
  subject: string;
  paragraphs: string[];
  actionLabel?: string;
}

/**
 * A notice to someone with an account (a host, the person who booked): `write` gives its texts in
 * the reader's language, with times in their zone, once the reader is known.
 */
export interface HostNotice {
  write(reader: NoticeReader): NoticeText;
  actionUrl?: string;
  meetingId?: string;
  ecosystemId?: string;
}

export function noticeReader(reader: MailReader): NoticeReader {
  const { locale, timezone } = reader;
  return {
    locale,
    t: translatorFor(locale),
    when: (startAt, durationMinutes, recordZone) =>
      formatWhen(locale, startAt, durationMinutes, timezone ?? recordZone),
    instant: (at, recordZone) => formatInstant(locale, at, timezone ?? recordZone),
  };
}

const localeOf = (value: string | null | undefined): Locale => (isLocale(value) ? value : DEFAULT_LOCALE);

/**
 * How each of `emails` reads mail about a record of `ecosystemId`, in one query: the account's
 * language and zone for those with one, the ecosystem's language (and the record's zone) for the
 * rest (docs/product.md §15).
 */
export async function mailReadersOf(
  db: Queries,
  ecosystemId: string,
  emails: readonly string[],
): Promise<(email: string) => MailReader> {
  const addresses = [...new Set(emails.map(normalizeEmail))];
  const rows = await db
    .select({
      ecosystemLocale: ecosystems.locale,
      email: users.email,
      locale: users.locale,
      timezone: users.timezone,
    })
    .from(ecosystems)
    .leftJoin(users, addresses.length > 0 ? inArray(users.email, addresses) : sql`false`)
    .where(eq(ecosystems.id, ecosystemId));
  const fallback: MailReader = { locale: localeOf(rows[0]?.ecosystemLocale) };
  const readers = new Map<string, MailReader>();
  for (const row of rows) {
    if (row.email) readers.set(row.email, { locale: localeOf(row.locale), timezone: row.timezone ?? undefined });
  }
  return (email) => readers.get(normalizeEmail(email)) ?? fallback;
}

/** Someone mailed about a record; `respond`: the personal link their mail carries (docs/product.md §13.2). */
export interface Addressee {
  email: string;
  name: string;
  respond?: RespondAction | undefined;
  /** Their place on an event's waitlist. */
  position?: number | undefined;
}

/**
 * Everyone a record's mails go to, with the link each gets: its attendees (decline), its
 * registrants (unregister) and, for a booking someone made with a host, the person who booked
 * (cancel), who is mailed like an attendee (docs/product.md §13.2). The host is told by notices.
 * Registrants waiting for a seat only with `withWaitlist` (docs/product.md §14).
 */
export async function peopleOnRecord(
  tx: Tx,
  meeting: MeetingView,
  options: { withWaitlist?: boolean } = {},
): Promise<Addressee[]> {
  // Someone waiting for a seat gets no join link, no update and no reminder — but hears of a cancel.
  const on = options.withWaitlist ? meeting.attendees : meeting.attendees.filter((a) => a.status !== 'waitlisted');
  const people: Addressee[] = on.map((a) => ({
    email: a.email,
    name: a.name,
    respond: a.kind === 'registrant' ? ('unregister' as const) : ('decline' as const),
  }));
  const booker = await bookerOf(tx, meeting);
  if (booker) {
    const listed = people.find((p) => p.email === booker.email);
    if (listed) listed.respond = 'cancel';
    else people.push({ email: booker.email, name: booker.name, respond: 'cancel' });
  }
  return people;
}

/** The person who booked a host (a booking its host did not make themselves), if any. */
export async function bookerOf(
  tx: Queries,
  meeting: MeetingView,
): Promise<{ id: string; email: string; name: string } | undefined> {
  if (meeting.kind !== 'booking' || meeting.createdBy === meeting.host.id) return undefined;
  const [booker] = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, meeting.createdBy));
  return booker && { ...booker, email: booker.email.toLowerCase() };
}

export function meetingForMail(meeting: MeetingView, appBaseUrl: string): MeetingForMail {
  const location =
    meeting.location.type === 'zoom'
      ? {
          type: 'zoom' as const,
          joinUrl: meeting.zoom.joinUrl,
          passcode: meeting.zoom.passcode,
          meetingId: meeting.zoom.meetingId,
        }
      : meeting.location;
  return {
    id: meeting.id,
    kind: meeting.kind,
    title: meeting.title,
    description: meeting.description,
    startAt: new Date(meeting.startTime),
    durationMinutes: meeting.durationMinutes,
    timezone: meeting.timezone,
    hostName: meeting.host.name,
    hostEmail: meeting.host.email ?? '',
    location,
    sequence: meeting.sequence,
    recordUrl: `${appBaseUrl}/meetings/${meeting.id}`,
    reason: meeting.statusReason,
  };
}

/**
 * Mails `recipients` about `meeting`. Each mail but a cancellation carries the recipient's own
 * personal link, valid until the record ends (`respond`; docs/product.md §13.2).
 */
export async function notifyAttendees(
  tx: Tx,
  deps: NotifyDeps,
  meeting: MeetingView,
  kind: MeetingMailKind,
  recipients: Addressee[],
  pass: MailPass,
): Promise<void> {
  const forMail = meetingForMail(meeting, deps.appBaseUrl);
  const ends = new Date(Date.parse(meeting.startTime) + meeting.durationMinutes * 60_000);
  // Each person reads it in their language and zone: their account's, else the ecosystem's language.
  const readerOf = await mailReadersOf(
    tx,
    meeting.ecosystemId,
    recipients.map((r) => r.email),
  );
  // Rendered first, then queued together: checked with the transaction's COMMIT.
  const mails = recipients.map((recipient) => {
    const respond =
      recipient.respond && kind !== 'cancellation'
        ? {
            action: recipient.respond,
            url: issueRespondLink(tx, deps.appBaseUrl, {
              meetingId: meeting.id,
              ecosystemId: meeting.ecosystemId,
              email: recipient.email,
              action: recipient.respond,
              expiresAt: ends,
            }),
          }
        : undefined;
    const reader = readerOf(recipient.email);
    return {
      to: recipient.email,
      ...renderMeetingMail(
        forMail,
        {
          email: recipient.email,
          name: recipient.name,
          respond,
          locale: reader.locale,
          timezone: reader.timezone,
          position: recipient.position,
        },
        kind,
      ),
      ecosystemId: meeting.ecosystemId,
      meetingId: meeting.id,
      pass,
    };
  });
  await Promise.all(mails.map((mail) => queueMail(tx, deps.queue, mail)));
}

/**
 * Mails a notice to someone with an account — a host, or the person who booked — written in their
 * language, with times in their zone (else the record's).
 */
export async function notifyHost(
  tx: Tx,
  deps: NotifyDeps,
  userId: string,
  notice: HostNotice,
  pass: MailPass,
): Promise<void> {
  const [user] = await tx
    .select({ email: users.email, locale: users.locale, timezone: users.timezone })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return;
  const reader = noticeReader({ locale: localeOf(user.locale), timezone: user.timezone ?? undefined });
  const rendered = renderNotice({ ...notice.write(reader), actionUrl: notice.actionUrl, locale: reader.locale });
  await queueMail(tx, deps.queue, {
    to: user.email,
    ...rendered,
    ecosystemId: notice.ecosystemId,
    meetingId: notice.meetingId,
    pass,
  });
}
