/**
 * What a personal link lets its holder do (docs/product.md §13.2), for the page `/respond/{token}`
 * and `GET|POST /api/respond/{token}` alike. Reading a link changes nothing (mail scanners open
 * links); answering takes the link's one action:
 * - `decline`: an attendee leaves the record;
 * - `unregister`: a registrant leaves the event;
 * - `cancel`: the person who booked cancels the booking, as its creator would in the app (the Zoom
 *   meeting deleted, everyone told, the reason shown).
 * The host and the creator are told, with the reason if one was given. An unknown, used or expired
 * link — or one whose record is over — answers 404; an action the link does not carry answers 403.
 * Acting uses up every link the holder has for that record.
 */
import { and, eq, gt, isNull } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { attendees, meetings, respondLinks, users, type RespondAction } from '../db/schema.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { PERSONAL_LINK_ANSWER } from '../mail/mailGate.ts';
import { loadMeetingView, type MeetingView } from './meetingQueries.ts';
import { notifyHost } from './notifyAttendees.ts';
import { respondTokenHash } from './respondLinks.ts';
import { cancelInTransaction } from './meetingChanges.ts';
import { leaveEventInTransaction } from './eventRegistrations.ts';
import type { MeetingDeps } from './meetingCommands.ts';

export interface RespondChoices {
  record: {
    id: string;
    kind: MeetingView['kind'];
    title: string;
    startTime: string;
    durationMinutes: number;
    timezone: string;
    hostName: string;
  };
  /** Whose link it is. */
  email: string;
  actions: RespondAction[];
}

const LIVE = ['requested', 'scheduled'];

const unknownLink = () =>
  new NotFoundError('link', {
    code: 'link_not_found',
    message: 'This link is not valid any more: it was used, the meeting is over or was cancelled, or it never existed.',
  });

/** A live link's row and its record, or 404. */
async function findLink(tx: Tx, token: string, now: Date, lock: boolean) {
  const hash = respondTokenHash(token);
  if (!hash) throw unknownLink();
  const query = tx
    .select({ link: respondLinks, status: meetings.status })
    .from(respondLinks)
    .innerJoin(meetings, eq(meetings.id, respondLinks.meetingId))
    .where(and(eq(respondLinks.tokenHash, hash), isNull(respondLinks.usedAt), gt(respondLinks.expiresAt, now)));
  // Answering locks the record first (every change to a record does) and the link with it.
  const [found] = lock ? await query.for('update') : await query;
  if (!found || !LIVE.includes(found.status)) throw unknownLink();
  const meeting = await loadMeetingView(tx, found.link.meetingId);
  // An attendee or registrant removed meanwhile (by the host) has nothing left to leave.
  if (found.link.action !== 'cancel' && !meeting.attendees.some((a) => a.email === found.link.email)) {
    throw unknownLink();
  }
  return { link: found.link, meeting };
}

function choicesOf(link: { email: string; action: RespondAction }, meeting: MeetingView): RespondChoices {
  return {
    record: {
      id: meeting.id,
      kind: meeting.kind,
      title: meeting.title,
      startTime: meeting.startTime,
      durationMinutes: meeting.durationMinutes,
      timezone: meeting.timezone,
      hostName: meeting.host.name,
    },
    email: link.email,
    actions: [link.action],
  };
}

/** What a link offers; changes nothing. */
export async function readRespondLink(deps: MeetingDeps, token: string): Promise<RespondChoices> {
  return deps.db.transaction(async (tx) => {
    const { link, meeting } = await findLink(tx, token, deps.now(), false);
    return choicesOf(link, meeting);
  });
}

/** Takes the link's action; answers what was done. */
export async function answerRespondLink(
  deps: MeetingDeps,
  token: string,
  answer: { action: RespondAction; reason?: string | undefined },
): Promise<RespondChoices & { done: RespondAction }> {
  return deps.db.transaction(async (tx) => {
    const now = deps.now();
    // The record's row lock first, as every change to a record takes it.
    const hash = respondTokenHash(token);
    if (!hash) throw unknownLink();
    const [target] = await tx
      .select({ meetingId: respondLinks.meetingId })
      .from(respondLinks)
      .where(eq(respondLinks.tokenHash, hash));
    if (!target) throw unknownLink();
    await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, target.meetingId)).for('update');
    const { link, meeting } = await findLink(tx, token, now, true);
    if (answer.action !== link.action) {
      throw new ForbiddenError(
        'not_allowed',
        link.action === 'cancel'
          ? 'This link lets you cancel the booking you made.'
          : `This link lets you ${link.action} only.`,
      );
    }
    // Every link this person holds for the record is used up by acting once.
    await tx
      .update(respondLinks)
      .set({ usedAt: now })
      .where(and(eq(respondLinks.meetingId, link.meetingId), eq(respondLinks.email, link.email)));
    if (link.action === 'cancel') {
      const [booker] = await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(eq(users.id, meeting.createdBy));
      // The person who booked, as themselves: the same cancel, mails and Zoom delete as in the app.
      await cancelInTransaction(
        tx,
        deps,
        booker ?? { id: meeting.createdBy, email: link.email },
        meeting.id,
        answer.reason,
      );
      return { ...choicesOf(link, meeting), done: link.action };
    }
    if (link.action === 'unregister') {
      // As leaving on the event's page: the seat goes to the first one waiting (docs/product.md §14).
      const registration = meeting.attendees.find((a) => a.email === link.email && a.kind === 'registrant')!;
      await leaveEventInTransaction(tx, deps, {
        meetingId: meeting.id,
        registrationId: registration.id,
        by: undefined,
        reason: answer.reason,
      });
      return { ...choicesOf(link, meeting), done: link.action };
    }
    await tx
      .delete(attendees)
      .where(and(eq(attendees.meetingId, meeting.id), eq(attendees.email, link.email), eq(attendees.kind, 'attendee')));
    await tellHostAndCreator(tx, deps, meeting, link, answer.reason);
    return { ...choicesOf(link, meeting), done: link.action };
  });
}

/** The host and (when someone else) the creator learn who declined, with the reason. */
async function tellHostAndCreator(
  tx: Tx,
  deps: MeetingDeps,
  meeting: MeetingView,
  link: { email: string; action: RespondAction },
  reason: string | undefined,
): Promise<void> {
  const person = meeting.attendees.find((a) => a.email === link.email);
  const who = person?.name ? `${person.name} (${link.email})` : link.email;
  const told = new Set([meeting.host.id, meeting.createdBy]);
  for (const userId of told) {
    await notifyHost(
      tx,
      deps,
      userId,
      {
        write: ({ t, when }) => ({
          subject: t('mail.notice.attendeeDeclined.subject', { title: meeting.title }),
          paragraphs: [
            t('mail.notice.attendeeDeclined.body', {
              who,
              title: meeting.title,
              when: when(new Date(meeting.startTime), meeting.durationMinutes, meeting.timezone),
            }),
            ...(reason ? [t('mail.notice.reason', { reason })] : []),
          ],
          actionLabel: t('mail.viewInApp'),
        }),
        actionUrl: `${deps.appBaseUrl}/meetings/${meeting.id}`,
        meetingId: meeting.id,
        ecosystemId: meeting.ecosystemId,
      },
      PERSONAL_LINK_ANSWER,
    );
  }
}
