/**
 * Mails people about records: attendees get invitations, updates and cancellations with an ICS
 * invite (whose LOCATION is the join URL for Zoom, docs/product.md §4.2); hosts get notices about meetings
 * others put on their Zoom and about Zoom problems. Always inside the caller's transaction, so mail
 * goes out exactly when the change commits, and always with the mail gate's pass for it
 * (src/mail/mailGate.ts).
 */
import { eq } from '../db/orm.ts';
import type { Queries, Tx } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import {
  renderMeetingMail,
  renderNotice,
  type MeetingForMail,
  type MeetingMailKind,
} from '../mail/renderMeetingMail.ts';
import type { RespondAction } from '../db/schema.ts';
import { issueRespondLink } from './respondLinks.ts';
import { timeZonesOf } from '../auth/accounts.ts';
import { queueMail } from '../mail/sendMailJob.ts';
import type { MailPass } from '../mail/mailGate.ts';
import type { MeetingView } from './meetingQueries.ts';

export type { MeetingMailKind };

export interface NotifyDeps {
  queue: Pick<JobQueue, 'enqueue'>;
  appBaseUrl: string;
}

export interface HostNotice {
  subject: string;
  paragraphs: string[];
  actionUrl?: string;
  actionLabel?: string;
  meetingId?: string;
  ecosystemId?: string;
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
  // Each person with an account sees the time in the zone they chose.
  const zones = await timeZonesOf(
    tx,
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
    return {
      to: recipient.email,
      ...renderMeetingMail(
        forMail,
        {
          email: recipient.email,
          name: recipient.name,
          respond,
          timezone: zones.get(recipient.email.toLowerCase()),
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

export async function notifyHost(
  tx: Tx,
  deps: NotifyDeps,
  hostUserId: string,
  notice: HostNotice,
  pass: MailPass,
): Promise<void> {
  const [host] = await tx.select({ email: users.email }).from(users).where(eq(users.id, hostUserId));
  if (!host) return;
  const rendered = renderNotice(notice);
  await queueMail(tx, deps.queue, {
    to: host.email,
    ...rendered,
    ecosystemId: notice.ecosystemId,
    meetingId: notice.meetingId,
    pass,
  });
}
