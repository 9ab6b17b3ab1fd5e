/**
 * Bookings that wait for the host (docs/product.md §13.3). A member's booking of a host whose
 * availability asks for approval is `requested`: it holds the slot (the no-overlap guarantee
 * counts it), nothing is made at Zoom, the person who booked gets a confirmation of the request,
 * and the host a notice. Only the host answers:
 * - Approve checks the host's Zoom consent and connection again (the database checks the
 *   overlap again as the status changes), makes the record `scheduled`, writes its reminders and
 *   creates its Zoom meeting through the provision job as for any new record; invitations (with
 *   the join link) go out when the meeting exists, or at once for other locations.
 * - Decline (optional reason) makes it `declined`, frees the time and tells the person who booked.
 * A request unanswered at its start minus the host's minimum notice (as it was when the request
 * was made) expires: a job written with the request makes it `expired` and tells the booker.
 */
import { z } from 'zod';
import { and, eq, sql } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { meetings } from '../db/schema.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { defineJob } from '../jobs/defineJob.ts';
import { enforce } from '../policies/decision.ts';
import { mayAnswerRequest, needsHostZoomConsent } from '../policies/recordPolicy.ts';
import { answeringSlotRefusals } from '../availability/bookingRule.ts';
import { chargeActionMail, COUNTED_WITH_ITS_ACTION, SYSTEM_NOTICE, type MailPass } from '../mail/mailGate.ts';
import { getMeetingForUser, loadMeetingView, type MeetingView } from './meetingQueries.ts';
import { bookerOf, notifyAttendees, notifyHost, peopleOnRecord, type NoticeReader } from './notifyAttendees.ts';
import { provisionMeetingJob } from './providerJobs.ts';
import { scheduleReminders } from './reminders.ts';
import { requireHostsZoomConsentNow, type MeetingDeps } from './meetingCommands.ts';

export const expireRequestJob = defineJob(
  'meetings.expire-request',
  z.object({ meetingId: z.uuid(), ecosystemId: z.uuid() }),
  { retryLimit: 30, retryDelay: 5, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 60, batchSize: 10 },
);

/** The longest reason a person may give. */
export const MAX_REASON_LENGTH = 1000;

type Person = { id: string; name?: string; email: string };
/** What the expiry job needs (the provider jobs' deps have it). */
type JobDeps = Pick<MeetingDeps, 'db' | 'queue' | 'appBaseUrl' | 'now'>;

/** The record's time as `reader` reads it. */
const when = (reader: NoticeReader, meeting: MeetingView) =>
  reader.when(new Date(meeting.startTime), meeting.durationMinutes, meeting.timezone);

/**
 * In a booking's create transaction, once the record is stored as `requested`: the expiry job,
 * the booker's confirmation of the request (with their personal link) and the host's notice.
 */
export async function announceRequest(
  tx: Tx,
  deps: MeetingDeps,
  meetingId: string,
  expiresAt: Date,
  pass: MailPass,
): Promise<void> {
  const meeting = await loadMeetingView(tx, meetingId);
  tx.atCommit(
    deps.queue.enqueue(
      tx,
      expireRequestJob,
      { meetingId, ecosystemId: meeting.ecosystemId },
      { startAfter: expiresAt },
    ),
  );
  const booker = await bookerOf(tx, meeting);
  if (booker) {
    await notifyAttendees(tx, deps, meeting, 'request', [{ ...booker, respond: 'cancel' }], pass);
  }
  await notifyHost(
    tx,
    deps,
    meeting.host.id,
    {
      write: (reader) => ({
        subject: reader.t('mail.notice.request.subject', { title: meeting.title }),
        paragraphs: [
          reader.t('mail.notice.request.asks', {
            who: booker?.name || booker?.email || reader.t('mail.notice.request.aMember'),
            title: meeting.title,
            when: when(reader, meeting),
          }),
          reader.t('mail.notice.request.held', { until: reader.instant(expiresAt, meeting.timezone) }),
        ],
        actionLabel: reader.t('mail.notice.request.action'),
      }),
      actionUrl: `${deps.appBaseUrl}/meetings/${meetingId}`,
      meetingId,
      ecosystemId: meeting.ecosystemId,
    },
    pass,
  );
}

/** The record the host answers, read for them: 404 when they may not see it, 403 when not its host. */
async function loadRequest(deps: MeetingDeps, user: Person, meetingId: string) {
  const loaded = await getMeetingForUser(deps.db, user, meetingId);
  enforce(mayAnswerRequest({ userId: user.id }, loaded.meeting.host.id));
  return loaded;
}

/** Locks the record and checks it still waits for an answer. */
async function lockRequested(tx: Tx, meetingId: string) {
  const [record] = await tx
    .select({ status: meetings.status })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  if (!record) throw new NotFoundError('meeting');
  if (record.status !== 'requested') {
    throw new ConflictError('not_requested', `This booking is ${record.status}, not waiting for an answer.`);
  }
}

/** The host approves: the booking becomes `scheduled`, with its reminders and its Zoom meeting. */
export async function approveMeeting(deps: MeetingDeps, user: Person, meetingId: string): Promise<void> {
  const { meeting } = await loadRequest(deps, user, meetingId);
  const at = {
    ecosystemId: meeting.ecosystemId,
    hostUserId: meeting.host.id,
    start: Date.parse(meeting.startTime),
    durationMinutes: meeting.durationMinutes,
    now: deps.now().getTime(),
    exceptMeetingId: meetingId,
  };
  await answeringSlotRefusals(
    deps.db,
    () => at,
    () =>
      deps.db.transaction(async (tx) => {
        await lockRequested(tx, meetingId);
        const zoom = meeting.location.type === 'zoom';
        if (zoom) {
          // The meeting goes on the host's Zoom on the booker's behalf: the host's consent here and
          // their connection are asked again, now (docs/product.md §2).
          if (needsHostZoomConsent({ userId: meeting.createdBy }, meeting.host.id)) {
            await requireHostsZoomConsentNow(tx, meeting.createdBy, meeting);
          }
          const readiness = await deps.provider.checkHost(tx, meeting.host.id);
          if (!readiness.ok) throw new ValidationError(readiness.message, { field: 'location', code: readiness.code });
        }
        // The status change re-checks the overlap in the database (the host_time trigger).
        await tx
          .update(meetings)
          .set({
            status: 'scheduled',
            requestExpiresAt: null,
            sequence: sql`${meetings.sequence} + 1`,
            updatedAt: deps.now(),
          })
          .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'requested')));
        await scheduleReminders(tx, deps, {
          id: meetingId,
          ecosystemId: meeting.ecosystemId,
          startAt: new Date(meeting.startTime),
        });
        if (zoom) {
          // Invitations (the booker's confirmation with the join link among them) go out when the
          // meeting exists; they were counted when the booking was made.
          await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
          return;
        }
        // The invitations finish the request, which counted them when it was made.
        const approved = await loadMeetingView(tx, meetingId);
        await notifyAttendees(
          tx,
          deps,
          approved,
          'invitation',
          await peopleOnRecord(tx, approved),
          COUNTED_WITH_ITS_ACTION,
        );
      }),
  );
}

/** The host declines: the booking becomes `declined`, its time is free, the booker is told. */
export async function declineMeeting(
  deps: MeetingDeps,
  user: Person,
  meetingId: string,
  reason: string | undefined,
): Promise<void> {
  await loadRequest(deps, user, meetingId);
  await deps.db.transaction(async (tx) => {
    await lockRequested(tx, meetingId);
    await closeRequest(tx, meetingId, 'declined', reason ?? null);
    const declined = await loadMeetingView(tx, meetingId);
    const booker = await bookerOf(tx, declined);
    if (!booker) return;
    // Like cancelling, declining is never refused (a host can always say no); it counts all the same.
    const pass = await chargeActionMail(tx, deps, {
      actor: user,
      ecosystemId: declined.ecosystemId,
      recipients: [booker.email],
      neverRefused: true,
    });
    await tellBooker(tx, deps, declined, booker.id, pass, (reader) => ({
      subject: reader.t('mail.notice.declined.subject', { title: declined.title }),
      paragraphs: [
        reader.t('mail.notice.declined.body', {
          host: declined.host.name,
          title: declined.title,
          when: when(reader, declined),
        }),
        ...(reason ? [reader.t('mail.notice.reason', { reason })] : []),
        reader.t('mail.notice.nothingScheduled'),
      ],
    }));
  });
}

/** The expiry job: a request still unanswered at its expiry becomes `expired`; the booker is told. */
export async function expireRequest(
  deps: JobDeps,
  data: { meetingId: string; ecosystemId: string },
): Promise<'expired' | 'answered' | 'not_yet'> {
  return deps.db.transaction(async (tx) => {
    const [record] = await tx
      .select({ status: meetings.status, expiresAt: meetings.requestExpiresAt })
      .from(meetings)
      .where(and(eq(meetings.id, data.meetingId), eq(meetings.ecosystemId, data.ecosystemId)))
      .for('update');
    if (record?.status !== 'requested') return 'answered';
    if (record.expiresAt && record.expiresAt.getTime() > deps.now().getTime()) {
      // Run early by a clock ahead of the app's: come back at the expiry.
      await deps.queue.enqueue(tx, expireRequestJob, data, { startAfter: record.expiresAt });
      return 'not_yet';
    }
    await closeRequest(tx, data.meetingId, 'expired', null);
    const expired = await loadMeetingView(tx, data.meetingId);
    const booker = await bookerOf(tx, expired);
    if (booker) {
      await tellBooker(tx, deps, expired, booker.id, SYSTEM_NOTICE, (reader) => ({
        subject: reader.t('mail.notice.expired.subject', { title: expired.title }),
        paragraphs: [
          reader.t('mail.notice.expired.body', {
            host: expired.host.name,
            title: expired.title,
            when: when(reader, expired),
          }),
          reader.t('mail.notice.nothingScheduled'),
        ],
      }));
    }
    return 'expired';
  });
}

/** A request ends unanswered or declined: its time is free again (the host_time trigger). */
async function closeRequest(tx: Tx, meetingId: string, status: 'declined' | 'expired', reason: string | null) {
  await tx
    .update(meetings)
    .set({
      status,
      statusReason: reason,
      requestExpiresAt: null,
      sequence: sql`${meetings.sequence} + 1`,
      updatedAt: new Date(),
      // Nothing was made at Zoom, and nothing will be.
      zoomStatus: 'not_applicable',
    })
    .where(eq(meetings.id, meetingId));
}

/** The person who booked hears how their request ended, in their language and zone. */
async function tellBooker(
  tx: Tx,
  deps: JobDeps,
  meeting: MeetingView,
  bookerId: string,
  pass: MailPass,
  write: (reader: NoticeReader) => { subject: string; paragraphs: string[] },
) {
  await notifyHost(
    tx,
    deps,
    bookerId,
    {
      write: (reader) => ({ ...write(reader), actionLabel: reader.t('mail.viewInApp') }),
      actionUrl: `${deps.appBaseUrl}/meetings/${meeting.id}`,
      meetingId: meeting.id,
      ecosystemId: meeting.ecosystemId,
    },
    pass,
  );
}
