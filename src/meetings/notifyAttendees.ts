/**
 * Mails people about records: attendees get invitations, updates and cancellations with an ICS
 * invite (whose LOCATION is the join URL for Zoom, docs/product.md §4.2); hosts get notices about meetings
 * others put on their Zoom and about Zoom problems. Always inside the caller's transaction, so mail
 * goes out exactly when the change commits, and always with the mail gate's pass for it
 * (src/mail/mailGate.ts).
 */
import { eq } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { users } from '../db/schema.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import {
  renderMeetingMail,
  renderNotice,
  type MeetingForMail,
  type MeetingMailKind,
} from '../mail/renderMeetingMail.ts';
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
  };
}

export async function notifyAttendees(
  tx: Tx,
  deps: NotifyDeps,
  meeting: MeetingView,
  kind: MeetingMailKind,
  recipients: { email: string; name: string }[],
  pass: MailPass,
): Promise<void> {
  const forMail = meetingForMail(meeting, deps.appBaseUrl);
  // Rendered first, then queued together: checked with the transaction's COMMIT.
  const mails = recipients.map((recipient) => ({
    to: recipient.email,
    ...renderMeetingMail(forMail, recipient, kind),
    ecosystemId: meeting.ecosystemId,
    meetingId: meeting.id,
    pass,
  }));
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
