import { and, eq, inArray, sql } from '../db/orm.ts';
import { meetings, providerMeetings, type MeetingStatus } from '../db/schema.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import { mustBeListedSlot, needsHostZoomConsent } from '../policies/recordPolicy.ts';
import { answeringSlotRefusals, requireListedSlot } from '../availability/bookingRule.ts';
import { ABOUT_ONES_OWN_REGISTRATION, chargeActionMail } from '../mail/mailGate.ts';
import { seatWhileRoom } from './eventSeats.ts';
import { mailSeated } from './eventRegistrations.ts';
import type { RescheduleInput } from './meetingInput.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { getMeetingForUser, loadMeetingView, type MeetingView } from './meetingQueries.ts';
import { notifyAttendees, notifyHost, peopleOnRecord } from './notifyAttendees.ts';
import { scheduleReminders } from './reminders.ts';
import type { Tx } from '../db/client.ts';
import { putMeetingOnOthersZoom } from './othersZoom.ts';
import { findHost, requireHostsZoomConsentNow, type MeetingDeps } from './meetingCommands.ts';

/** The person acting, as their session names them. */
type Person = { id: string; name?: string; email: string };

async function loadManageable(deps: MeetingDeps, user: Person, meetingId: string) {
  const loaded = await getMeetingForUser(deps.db, user, meetingId);
  if (!loaded.access.manage) {
    throw new ForbiddenError('not_allowed', 'Only the host, the creator or an ecosystem admin can change this record.');
  }
  refuseUnlessLive(loaded.meeting.status);
  return loaded;
}

/**
 * An event's seats or closing time change, its time staying: under its row lock; more seats go to
 * the first ones waiting at once, each mailed the join link (docs/product.md §14).
 */
async function changeEventSeats(deps: MeetingDeps, meeting: MeetingView, input: RescheduleInput): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [changed] = await tx
      .update(meetings)
      .set({ ...eventSeatChange(meeting, input, new Date(meeting.startTime)), updatedAt: new Date() })
      .where(and(eq(meetings.id, meeting.id), eq(meetings.status, 'scheduled')))
      .returning({ capacity: meetings.capacity });
    if (!changed) throw new ConflictError('already_cancelled', 'This record is already cancelled.');
    if (input.capacity === undefined) return;
    const seated = await seatWhileRoom(tx, { id: meeting.id, capacity: changed.capacity });
    if (seated.length === 0) return;
    await mailSeated(tx, deps, await loadMeetingView(tx, meeting.id), seated, ABOUT_ONES_OWN_REGISTRATION);
  });
}

/**
 * An event's seats and closing time as a move leaves them (docs/product.md §14): what the move
 * names; a closing time equal to the old start (or none: the start) moves along; one left after the
 * new start closes at it.
 */
function eventSeatChange(meeting: MeetingView, input: RescheduleInput, newStart: Date) {
  const oldCloses = meeting.registrationClosesAt ? Date.parse(meeting.registrationClosesAt) : undefined;
  const closes =
    input.registrationClosesAt !== undefined
      ? input.registrationClosesAt && new Date(input.registrationClosesAt)
      : oldCloses === undefined || oldCloses === Date.parse(meeting.startTime) || oldCloses > newStart.getTime()
        ? null
        : new Date(oldCloses);
  return {
    ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
    registrationClosesAt: closes && closes.getTime() < newStart.getTime() ? closes : null,
  };
}

/** A record that is over before it happened — cancelled, declined, expired — changes no more. */
export function refuseUnlessLive(status: MeetingStatus): void {
  if (status === 'cancelled') throw new ConflictError('already_cancelled', 'This record is already cancelled.');
  if (status === 'declined' || status === 'expired') {
    throw new ConflictError('request_closed', `This request was ${status}; book another time.`);
  }
}

/**
 * Cancels a record; everyone on it gets a cancellation (with the reason, if given), the host a
 * notice when someone else cancels, and a provider meeting is removed by a job. Cancelling is
 * never refused by the mail gate (a meeting must always be callable off), but its notices count
 * against the canceller, so their next mailing action waits.
 */
export async function cancelMeeting(
  deps: MeetingDeps,
  user: Person,
  meetingId: string,
  reason?: string | undefined,
): Promise<void> {
  await loadManageable(deps, user, meetingId);
  await deps.db.transaction((tx) => cancelInTransaction(tx, deps, user, meetingId, reason));
}

/**
 * The cancel itself, inside `tx`, by `actor` (who may cancel was decided by the caller: the
 * record's policy, or the booker's personal link). A `requested` booking has nothing at Zoom.
 */
export async function cancelInTransaction(
  tx: Tx,
  deps: MeetingDeps,
  actor: Person,
  meetingId: string,
  reason: string | undefined,
): Promise<void> {
  // The row lock first; the status read under it makes two concurrent cancels send one set of mails.
  const [locked] = await tx
    .select({ status: meetings.status, locationType: meetings.locationType })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  if (!locked || (locked.status !== 'scheduled' && locked.status !== 'requested')) {
    throw new ConflictError('already_cancelled', 'This record is already cancelled.');
  }
  const atZoom = locked.locationType === 'zoom' && locked.status === 'scheduled';
  await tx
    .update(meetings)
    .set({
      status: 'cancelled',
      cancelledAt: new Date(),
      statusReason: reason ?? null,
      sequence: sql`${meetings.sequence} + 1`,
      updatedAt: new Date(),
      // A create's Retry-After (an ambiguous create waits 5 minutes) must not hold up the delete,
      // which skips a record whose retry time has not come (found by the chaos soak). A request
      // never reached Zoom.
      ...(atZoom ? { zoomStatus: 'deleting' as const, zoomRetryAt: null } : {}),
      ...(locked.locationType === 'zoom' && !atZoom ? { zoomStatus: 'not_applicable' as const } : {}),
    })
    .where(eq(meetings.id, meetingId));
  const cancelled = await loadMeetingView(tx, meetingId);
  if (atZoom) {
    // Retire the live meeting (or none, if the create is still pending: the provision job then
    // sees the cancellation and drops the create, or retires what it just made).
    await tx
      .update(providerMeetings)
      .set({ state: 'deleting', updatedAt: new Date() })
      .where(and(eq(providerMeetings.meetingId, meetingId), eq(providerMeetings.state, 'live')));
    await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: cancelled.ecosystemId });
  }
  // Read under the row lock: a registration that committed since the caller read the record is
  // told too (registrations take the same lock).
  const people = await peopleOnRecord(tx, cancelled, { withWaitlist: true });
  const toldHost = actor.id !== cancelled.host.id && cancelled.host.email;
  const pass = await chargeActionMail(tx, deps, {
    actor,
    ecosystemId: cancelled.ecosystemId,
    recipients: [...people.map((p) => p.email), ...(toldHost ? [cancelled.host.email!] : [])],
    neverRefused: true,
  });
  await notifyAttendees(tx, deps, cancelled, 'cancellation', people, pass);
  if (toldHost) {
    const who = actor.name || actor.email;
    const withdrawn = locked.status === 'requested';
    await notifyHost(
      tx,
      deps,
      cancelled.host.id,
      {
        write: ({ t, when }) => ({
          subject: withdrawn
            ? t('mail.notice.cancelled.withdrawnSubject', { title: cancelled.title })
            : t('mail.notice.cancelled.subject', { title: cancelled.title }),
          paragraphs: [
            t('mail.notice.cancelled.body', {
              who,
              title: cancelled.title,
              when: when(new Date(cancelled.startTime), cancelled.durationMinutes, cancelled.timezone),
            }),
            ...(reason ? [t('mail.notice.reason', { reason })] : []),
          ],
          actionLabel: t('mail.viewInApp'),
        }),
        actionUrl: `${deps.appBaseUrl}/meetings/${meetingId}`,
        meetingId,
        ecosystemId: cancelled.ecosystemId,
      },
      pass,
    );
  }
}

/**
 * Moves a record to a new time; attendees get an updated invitation. For a Zoom record moved by
 * anyone but its host, the host's consent and membership are checked now (422
 * `zoom_not_allowed_by_host`, and nothing changes — the old meeting stays), the new meeting counts
 * against the allowances on the host's Zoom, and the host is mailed.
 */
export async function rescheduleMeeting(
  deps: MeetingDeps,
  user: Person,
  meetingId: string,
  input: RescheduleInput,
): Promise<void> {
  const { meeting, access, membership } = await loadManageable(deps, user, meetingId);
  if (!access.reschedule || !membership) {
    throw new ForbiddenError('not_allowed', 'Only members of this ecosystem can move its records. You can cancel it.');
  }
  if (meeting.kind !== 'event') {
    for (const field of ['capacity', 'registrationClosesAt'] as const)
      if (input[field] !== undefined && input[field] !== null)
        throw new ValidationError(`${field}: only events take it`, { field });
  }
  if (meeting.status === 'requested') {
    throw new ConflictError(
      'awaiting_approval',
      'This booking waits for the host’s approval and cannot be moved. Cancel it and book another time.',
    );
  }
  // The same time: only an event's seats or closing time change — no new Zoom meeting, no mail
  // about a move that did not happen.
  if (
    meeting.kind === 'event' &&
    Date.parse(input.startTime) === Date.parse(meeting.startTime) &&
    input.durationMinutes === meeting.durationMinutes
  ) {
    await changeEventSeats(deps, meeting, input);
    return;
  }
  // The new time follows the booking rule (docs/product.md §12): a move by someone booking the
  // host must land on a listed slot, and no move may overlap another live record of the host.
  const at = {
    ecosystemId: meeting.ecosystemId,
    hostUserId: meeting.host.id,
    start: Date.parse(input.startTime),
    durationMinutes: input.durationMinutes,
    now: deps.now().getTime(),
    exceptMeetingId: meetingId,
  };
  const slotBound = mustBeListedSlot({ userId: user.id, role: membership.role }, meeting.host.id);
  await answeringSlotRefusals(
    deps.db,
    () => at,
    () =>
      deps.db.transaction(async (tx) => {
        const zoom = meeting.location.type === 'zoom';
        const newStart = new Date(input.startTime);
        const moved = await tx
          .update(meetings)
          .set({
            startAt: newStart,
            durationMinutes: input.durationMinutes,
            sequence: sql`${meetings.sequence} + 1`,
            updatedAt: new Date(),
            ...(meeting.kind === 'event' ? eventSeatChange(meeting, input, newStart) : {}),
          })
          .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'scheduled')))
          .returning({ id: meetings.id, capacity: meetings.capacity });
        if (moved.length === 0) throw new ConflictError('already_cancelled', 'This record is already cancelled.');
        // More seats: the first ones waiting get them at once (fewer keeps everyone registered).
        const seated =
          meeting.kind === 'event' && input.capacity !== undefined
            ? await seatWhileRoom(tx, { id: meetingId, capacity: moved[0]!.capacity })
            : [];
        const onOthersZoom = zoom && needsHostZoomConsent({ userId: user.id }, meeting.host.id);
        // A reschedule is a new meeting at Zoom (§4.5): the host's consent is asked again, now.
        const host = onOthersZoom ? await requireHostsZoomConsentNow(tx, user.id, meeting) : undefined;
        // After the consent check, whose refusal says more; the record's own time does not count.
        if (slotBound) {
          const booked = host ?? (await findHost(tx, meeting.ecosystemId, meeting.host.id));
          await requireListedSlot(tx, { ...at, host: { userId: meeting.host.id, email: booked?.email ?? '' } });
        }
        const updated = await loadMeetingView(tx, meetingId);
        const newlySeated = new Set(seated.map((p) => p.id));
        const people = (await peopleOnRecord(tx, updated)).filter(
          (p) => !updated.attendees.some((a) => a.email === p.email && newlySeated.has(a.id)),
        );
        await mailSeated(tx, deps, updated, seated, ABOUT_ONES_OWN_REGISTRATION);
        const pass = await chargeActionMail(tx, deps, {
          actor: user,
          ecosystemId: meeting.ecosystemId,
          recipients: [...people.map((p) => p.email), ...(host ? [host.email] : [])],
        });
        // The old time's reminders find the record moved and send nothing; these replace them.
        await scheduleReminders(tx, deps, {
          id: meetingId,
          ecosystemId: meeting.ecosystemId,
          startAt: new Date(input.startTime),
        });
        if (host) {
          await putMeetingOnOthersZoom(
            tx,
            deps,
            {
              action: 'rescheduled',
              host: { id: meeting.host.id, name: host.name },
              creator: { id: user.id, name: user.name ?? user.email, email: user.email },
              ecosystem: { id: meeting.ecosystemId, name: membership.ecosystemName },
              meeting: {
                id: meetingId,
                title: meeting.title,
                startAt: new Date(input.startTime),
                durationMinutes: input.durationMinutes,
                timezone: meeting.timezone,
              },
            },
            pass,
          );
        }
        if (zoom) {
          // docs/product.md §4.5: the product only creates and deletes at Zoom, so a reschedule retires the old
          // meeting and provisions a new one; attendees are mailed the new link when it exists (that
          // mail was counted above).
          await tx
            .update(providerMeetings)
            .set({ state: 'deleting', updatedAt: new Date() })
            .where(and(eq(providerMeetings.meetingId, meetingId), eq(providerMeetings.state, 'live')));
          await tx
            .update(meetings)
            .set({ zoomStatus: 'pending', zoomDetail: null, zoomRetryAt: null })
            .where(
              and(
                eq(meetings.id, meetingId),
                inArray(meetings.zoomStatus, [
                  'created',
                  'pending',
                  'waiting_for_reconnect',
                  'waiting_for_daily_limit',
                  'failed',
                ]),
              ),
            );
          await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
          await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
        } else {
          await notifyAttendees(tx, deps, updated, 'update', people, pass);
        }
      }),
  );
}
