/**
 * Registering for an online event and leaving it (docs/product.md §14). Each change takes the
 * event's row lock first, then places or removes the registrant (src/meetings/eventSeats.ts), so
 * concurrent registrations and departures queue on it: no more than `capacity` registered, a
 * waitlist without gaps, and a seat freed goes to the first one waiting in the same transaction.
 *
 * Mail: a new registrant gets the invitation (with the join link) or, waitlisted, a note of their
 * place; someone promoted gets the invitation then; someone who leaves (or is removed) gets a
 * cancellation for their calendar, and the host and the creator learn who left. Mail a person gets
 * about their own registration counts against no one (§13.4); registering or removing someone else
 * counts against whoever does it.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { attendees, meetings, users } from '../db/schema.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError } from '../errors.ts';
import { normalizeEmail } from '../auth/accounts.ts';
import { isUuid } from '../db/ids.ts';
import { enforce } from '../policies/decision.ts';
import { mayRegister } from '../policies/recordPolicy.ts';
import {
  ABOUT_ONES_OWN_REGISTRATION,
  chargeActionMail,
  PERSONAL_LINK_ANSWER,
  type MailPass,
} from '../mail/mailGate.ts';
import type { RegistrationInput } from './meetingInput.ts';
import { getMeetingForUser, loadMeetingView, type MeetingView } from './meetingQueries.ts';
import { notifyAttendees, notifyHost } from './notifyAttendees.ts';
import { afterLeaving, nextPlace, type Place } from './eventSeats.ts';
import type { MeetingDeps } from './meetingCommands.ts';

type Person = { id: string; name?: string; email: string };

export interface Registration {
  id: string;
  status: Place['status'];
  position?: number | undefined;
}

const closed = () =>
  new UnprocessableError('registration_closed', 'Registration for this event is closed.', { field: 'email' });

/** Locks the event's row and checks it still takes registrations at `now`. */
async function lockOpenEvent(tx: Tx, meetingId: string, now: Date) {
  const [event] = await tx
    .select({
      status: meetings.status,
      startAt: meetings.startAt,
      capacity: meetings.capacity,
      closesAt: meetings.registrationClosesAt,
    })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  if (!event) throw new NotFoundError('meeting');
  if (event.status === 'cancelled') throw new ConflictError('already_cancelled', 'This event is cancelled.');
  if ((event.closesAt ?? event.startAt).getTime() <= now.getTime()) throw closed();
  return event;
}

/**
 * Registers someone: a seat while there is one, else the waitlist, under the event's row lock. A
 * member registers only themselves; whoever manages the event may register others (that mail
 * counts against them). After `registrationClosesAt` (default: the start) it answers 422
 * `registration_closed` and stores nothing.
 */
export async function registerForEvent(
  deps: MeetingDeps,
  user: Person,
  meetingId: string,
  input: RegistrationInput,
): Promise<Registration> {
  const { meeting, access, viewer } = await getMeetingForUser(deps.db, user, meetingId);
  if (meeting.kind !== 'event') {
    throw new ValidationError('Only online events take registrations.', { code: 'not_an_event' });
  }
  if (meeting.status === 'cancelled') throw new ConflictError('already_cancelled', 'This event is cancelled.');
  const email = normalizeEmail(input.email);
  enforce(mayRegister(viewer, access, email), 'email');
  return deps.db.transaction(async (tx) => {
    // The row lock orders this with a concurrent cancel (which then mails this registrant too),
    // other registrations and departures.
    const event = await lockOpenEvent(tx, meetingId, deps.now());
    const place = await nextPlace(tx, meetingId, event.capacity);
    const id = randomUUID();
    const inserted = await tx
      .insert(attendees)
      .values({
        id,
        meetingId,
        ecosystemId: meeting.ecosystemId,
        email,
        name: input.name,
        kind: 'registrant',
        status: place.status,
        position: place.position ?? null,
      })
      // The same person twice (the waitlist's deferred constraint cannot be an arbiter).
      .onConflictDoNothing({ target: [attendees.meetingId, attendees.email] })
      .returning({ id: attendees.id });
    if (inserted.length === 0) {
      throw new ConflictError('already_registered', `${email} is already registered.`, { field: 'email' });
    }
    const pass = await chargeActionMail(tx, deps, {
      actor: user,
      ecosystemId: meeting.ecosystemId,
      recipients: [email],
    });
    // The whole record (the registrant's own view may not carry the join URL yet).
    const whole = await loadMeetingView(tx, meetingId);
    await mailNewRegistrants(tx, deps, whole, [{ email, name: input.name, ...place }], pass);
    return { id, status: place.status, ...(place.position ? { position: place.position } : {}) };
  });
}

/**
 * New registrants' mail: the invitation (with the join link and their unregister link) to those
 * with a seat, their place to those waiting.
 */
export async function mailNewRegistrants(
  tx: Tx,
  deps: MeetingDeps,
  event: MeetingView,
  people: { email: string; name: string; status: Place['status']; position?: number | undefined }[],
  pass: MailPass,
): Promise<void> {
  const seated = people.filter((p) => p.status === 'registered');
  const waiting = people.filter((p) => p.status === 'waitlisted');
  await mailSeated(tx, deps, event, seated, pass);
  if (waiting.length === 0) return;
  // One batch: each mail names its reader's own place.
  await notifyAttendees(
    tx,
    deps,
    event,
    'waitlisted',
    waiting.map((p) => ({ email: p.email, name: p.name, respond: 'unregister' as const, position: p.position })),
    pass,
  );
}

/**
 * The invitation, with the join link and their own unregister link, to people who just got a seat
 * (registered, or promoted from the waitlist; promotions mail with ABOUT_ONES_OWN_REGISTRATION).
 */
export async function mailSeated(
  tx: Tx,
  deps: MeetingDeps,
  event: MeetingView,
  seated: { email: string; name: string }[],
  pass: MailPass,
): Promise<void> {
  if (seated.length === 0) return;
  await notifyAttendees(
    tx,
    deps,
    event,
    'invitation',
    seated.map((p) => ({ email: p.email, name: p.name, respond: 'unregister' as const })),
    pass,
  );
}

/**
 * Unregisters someone (`DELETE /api/meetings/{id}/registrations/{registrationId}`): the registrant
 * themselves, or whoever manages the event. A registration the person may not see answers 404,
 * like an unknown one.
 */
export async function unregisterFromEvent(
  deps: MeetingDeps,
  user: Person,
  meetingId: string,
  registrationId: string,
): Promise<void> {
  const { meeting, access, viewer } = await getMeetingForUser(deps.db, user, meetingId);
  if (meeting.kind !== 'event') throw new NotFoundError('registration');
  // The person's own view lists only their own registration unless they manage the event.
  const registration = isUuid(registrationId)
    ? meeting.attendees.find((a) => a.id === registrationId && a.kind === 'registrant')
    : undefined;
  if (!registration) throw new NotFoundError('registration');
  if (!access.manage && registration.email !== viewer.email) {
    throw new ForbiddenError(
      'not_allowed',
      'Only the registrant, the event’s host, its creator or an admin can do this.',
    );
  }
  await deps.db.transaction((tx) =>
    leaveEventInTransaction(tx, deps, { meetingId, registrationId, by: user, reason: undefined }),
  );
}

/**
 * Someone leaves an event, inside `tx` (who may do it was decided by the caller: the policy, or the
 * registrant's personal link). Takes the event's row lock, removes the registration, moves the
 * waitlist up or gives the freed seat to the first waiting (mailed the join link), sends the one
 * who left a cancellation for their calendar and tells the host and the creator.
 */
export async function leaveEventInTransaction(
  tx: Tx,
  deps: MeetingDeps,
  leaving: { meetingId: string; registrationId: string; by: Person | undefined; reason: string | undefined },
): Promise<void> {
  const [event] = await tx
    .select({ id: meetings.id, capacity: meetings.capacity, status: meetings.status })
    .from(meetings)
    .where(eq(meetings.id, leaving.meetingId))
    .for('update');
  if (!event) throw new NotFoundError('meeting');
  if (event.status === 'cancelled') throw new ConflictError('already_cancelled', 'This event is cancelled.');
  const [left] = await tx.delete(attendees).where(eq(attendees.id, leaving.registrationId)).returning({
    email: attendees.email,
    name: attendees.name,
    status: attendees.status,
    position: attendees.position,
  });
  if (!left) throw new NotFoundError('registration');
  const promoted = await afterLeaving(tx, event, {
    status: left.status,
    ...(left.position !== null ? { position: left.position } : {}),
  });
  const after = await loadMeetingView(tx, leaving.meetingId);
  const self = !leaving.by || normalizeEmail(leaving.by.email) === left.email;
  // The one who left: a cancellation for their calendar (their own action, or counted against whoever
  // removed them); the promoted: the invitation with the join link (about their own registration).
  const pass = self
    ? ABOUT_ONES_OWN_REGISTRATION
    : await chargeActionMail(tx, deps, {
        actor: leaving.by!,
        ecosystemId: after.ecosystemId,
        recipients: [left.email],
        neverRefused: true,
      });
  await notifyAttendees(tx, deps, after, 'removed', [{ email: left.email, name: left.name }], pass);
  await mailSeated(tx, deps, after, promoted, ABOUT_ONES_OWN_REGISTRATION);
  if (self) {
    // Counted against the one who left in the app; a personal link's answer is bounded by the link.
    const told = leaving.by
      ? await chargeActionMail(tx, deps, {
          actor: leaving.by,
          ecosystemId: after.ecosystemId,
          recipients: await organizerEmails(tx, after),
          neverRefused: true,
        })
      : PERSONAL_LINK_ANSWER;
    await tellOrganizers(tx, deps, after, left, leaving.reason, told);
  }
}

async function organizerEmails(tx: Tx, event: MeetingView): Promise<string[]> {
  const rows = await tx
    .select({ email: users.email })
    .from(users)
    .where(inArray(users.id, [...new Set([event.host.id, event.createdBy])]));
  return rows.map((r) => r.email);
}

/** The host and (when someone else) the creator learn who unregistered, with the reason. */
async function tellOrganizers(
  tx: Tx,
  deps: MeetingDeps,
  event: MeetingView,
  left: { email: string; name: string },
  reason: string | undefined,
  pass: MailPass,
): Promise<void> {
  const who = left.name ? `${left.name} (${left.email})` : left.email;
  for (const userId of new Set([event.host.id, event.createdBy])) {
    await notifyHost(
      tx,
      deps,
      userId,
      {
        write: ({ t, when }) => ({
          subject: t('mail.notice.unregistered.subject', { title: event.title }),
          paragraphs: [
            t('mail.notice.unregistered.body', {
              who,
              title: event.title,
              when: when(new Date(event.startTime), event.durationMinutes, event.timezone),
            }),
            ...(reason ? [t('mail.notice.reason', { reason })] : []),
          ],
          actionLabel: t('mail.viewInApp'),
        }),
        actionUrl: `${deps.appBaseUrl}/meetings/${event.id}`,
        meetingId: event.id,
        ecosystemId: event.ecosystemId,
      },
      pass,
    );
  }
}
