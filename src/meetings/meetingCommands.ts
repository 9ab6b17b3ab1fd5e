/**
 * Use cases on meeting records: create, cancel, reschedule, register. Each commits the record
 * change together with the jobs it implies (mail, provider meeting) in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { attendees, meetings, memberships, providerMeetings } from '../db/schema.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { normalizeEmail } from '../auth/accounts.ts';
import type { CreateMeetingInput, RegistrationInput, RescheduleInput } from './meetingInput.ts';
import type { MeetingProvider } from './provider.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { canManage, getMeetingForUser, type MeetingView } from './meetingQueries.ts';
import { notifyAttendees } from './notifyAttendees.ts';

export interface MeetingDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue'>;
  provider: MeetingProvider;
  appBaseUrl: string;
}

/** Creates a record. Who may: bookings — any member; sessions and events — hosts and admins. */
export async function createMeeting(deps: MeetingDeps, actor: Membership, input: CreateMeetingInput): Promise<string> {
  const { db } = deps;
  if (input.kind !== 'booking' && actor.role === 'member') {
    throw new ForbiddenError('not_host', 'Only hosts and admins can create mentorship sessions and events.');
  }
  const hostUserId = input.hostUserId ?? (actor.role === 'member' ? undefined : actor.userId);
  if (!hostUserId) {
    throw new ValidationError('Choose the host to book.', { field: 'hostUserId', code: 'host_required' });
  }
  const [hostMembership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.ecosystemId, actor.ecosystemId), eq(memberships.userId, hostUserId)));
  if (!hostMembership || hostMembership.role === 'member') {
    throw new ValidationError('The host must be a host or admin of this ecosystem.', { field: 'hostUserId', code: 'invalid_host' });
  }
  if (input.location.type === 'zoom') {
    const readiness = await deps.provider.checkHost(db, hostUserId);
    if (!readiness.ok) throw new ValidationError(readiness.message, { field: 'location', code: readiness.code });
  }
  const emails = [...new Set((input.attendeeEmails ?? []).map(normalizeEmail))];
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(meetings).values({
      id,
      ecosystemId: actor.ecosystemId,
      kind: input.kind,
      title: input.title,
      description: input.description ?? '',
      startAt: new Date(input.startTime),
      durationMinutes: input.durationMinutes,
      timezone: input.timezone,
      hostUserId,
      createdBy: actor.userId,
      locationType: input.location.type,
      locationAddress: input.location.type === 'in_person' ? input.location.address : null,
      locationUrl: input.location.type === 'link' ? input.location.url : null,
      zoomStatus: input.location.type === 'zoom' ? 'pending' : 'not_applicable',
    });
    if (emails.length > 0) {
      await tx.insert(attendees).values(
        emails.map((email) => ({
          id: randomUUID(),
          meetingId: id,
          ecosystemId: actor.ecosystemId,
          email,
          kind: input.kind === 'event' ? ('registrant' as const) : ('attendee' as const),
        })),
      );
    }
    if (input.location.type === 'zoom') {
      await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId: id, ecosystemId: actor.ecosystemId });
    } else {
      const { meeting } = await getMeetingForUser(tx, actor.userId, id);
      await notifyAttendees(tx, deps, meeting, 'invitation', meeting.attendees);
    }
  });
  return id;
}

async function loadManageable(deps: MeetingDeps, userId: string, meetingId: string) {
  const loaded = await getMeetingForUser(deps.db, userId, meetingId);
  if (!canManage(loaded.meeting, loaded.membership)) {
    throw new ForbiddenError('not_allowed', 'Only the host, the creator or an ecosystem admin can change this record.');
  }
  if (loaded.meeting.status === 'cancelled') {
    throw new ConflictError('already_cancelled', 'This record is already cancelled.');
  }
  return loaded;
}

/** Cancels a record; attendees get a cancellation, a provider meeting is removed by a job. */
export async function cancelMeeting(deps: MeetingDeps, userId: string, meetingId: string): Promise<void> {
  const { meeting } = await loadManageable(deps, userId, meetingId);
  await deps.db.transaction(async (tx) => {
    // The status check inside the UPDATE makes two concurrent cancels send one set of mails.
    const updated = await tx
      .update(meetings)
      .set({
        status: 'cancelled',
        cancelledAt: new Date(),
        sequence: sql`${meetings.sequence} + 1`,
        updatedAt: new Date(),
        ...(meeting.location.type === 'zoom' ? { zoomStatus: 'deleting' as const } : {}),
      })
      .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'scheduled')))
      .returning({ id: meetings.id });
    if (updated.length === 0) throw new ConflictError('already_cancelled', 'This record is already cancelled.');
    if (meeting.location.type === 'zoom') {
      // Retire the live meeting (or none, if the create is still pending: the provision job then
      // sees the cancellation and drops the create, or retires what it just made).
      await tx
        .update(providerMeetings)
        .set({ state: 'deleting', updatedAt: new Date() })
        .where(and(eq(providerMeetings.meetingId, meetingId), eq(providerMeetings.state, 'live')));
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
    }
    const cancelled: MeetingView = { ...meeting, status: 'cancelled', sequence: meeting.sequence + 1 };
    await notifyAttendees(tx, deps, cancelled, 'cancellation', meeting.attendees);
  });
}

/** Moves a record to a new time; attendees get an updated invitation. */
export async function rescheduleMeeting(
  deps: MeetingDeps,
  userId: string,
  meetingId: string,
  input: RescheduleInput,
): Promise<void> {
  const { meeting } = await loadManageable(deps, userId, meetingId);
  await deps.db.transaction(async (tx) => {
    await tx
      .update(meetings)
      .set({
        startAt: new Date(input.startTime),
        durationMinutes: input.durationMinutes,
        sequence: sql`${meetings.sequence} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, meetingId));
    if (meeting.location.type === 'zoom') {
      // SPEC §4.5: the product only creates and deletes at Zoom, so a reschedule retires the old
      // meeting and provisions a new one; attendees are mailed the new link when it exists.
      await tx
        .update(providerMeetings)
        .set({ state: 'deleting', updatedAt: new Date() })
        .where(and(eq(providerMeetings.meetingId, meetingId), eq(providerMeetings.state, 'live')));
      await tx
        .update(meetings)
        .set({ zoomStatus: 'pending', zoomDetail: null, zoomRetryAt: null })
        .where(and(eq(meetings.id, meetingId), inArray(meetings.zoomStatus, ['created', 'pending', 'waiting_for_reconnect', 'waiting_for_daily_limit', 'failed'])));
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
      await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
    } else {
      const { meeting: updated } = await getMeetingForUser(tx, userId, meetingId);
      await notifyAttendees(tx, deps, updated, 'update', updated.attendees);
    }
  });
}

/** Registers someone for an online event until it starts; they get the invitation. */
export async function registerForEvent(
  deps: MeetingDeps,
  userId: string,
  meetingId: string,
  input: RegistrationInput,
): Promise<void> {
  const { meeting } = await getMeetingForUser(deps.db, userId, meetingId);
  if (meeting.kind !== 'event') {
    throw new ValidationError('Only online events take registrations.', { code: 'not_an_event' });
  }
  if (meeting.status === 'cancelled') throw new ConflictError('already_cancelled', 'This event is cancelled.');
  if (Date.parse(meeting.startTime) <= Date.now()) {
    throw new ConflictError('event_started', 'Registration closed when the event started.');
  }
  const email = normalizeEmail(input.email);
  await deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(attendees)
      .values({ id: randomUUID(), meetingId, ecosystemId: meeting.ecosystemId, email, name: input.name, kind: 'registrant' })
      .onConflictDoNothing()
      .returning({ id: attendees.id });
    if (inserted.length === 0) {
      throw new ConflictError('already_registered', `${email} is already registered.`, { field: 'email' });
    }
    await notifyAttendees(tx, deps, meeting, 'invitation', [{ email, name: input.name }]);
  });
}
