/**
 * A new meeting that someone other than the host puts on the host's Zoom — by creating a Zoom
 * record, or by moving one (Zoom gets a new meeting, docs/product.md §4.5). Whether it is allowed at all is
 * the policy's (`mayPutMeetingOnHostsZoom` in src/policies/recordPolicy.ts, asked by the caller
 * with the host's membership as it is now); this counts it against the daily allowances — per
 * creator (ZOOM_RECORDS_FOR_OTHERS_PER_DAY) and for all others together
 * (ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY), so the rest of Zoom's daily creates stays the host's —
 * and mails the host about it with a link to the record.
 */
import { sql } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { zoomRecordsByOthers, zoomRecordsForHost } from '../db/schema.ts';
import { TooManyRequestsError } from '../errors.ts';
import type { MailPass } from '../mail/mailGate.ts';
import { nextUtcMidnight, utcDay } from '../utcDay.ts';
import { lengthWarning } from './meetingWarnings.ts';
import { notifyHost, type NotifyDeps } from './notifyAttendees.ts';
import type { MeetingLengthLimit } from './provider.ts';

export interface OthersZoomDeps extends NotifyDeps {
  /** Per creator per host per UTC day (docs/product.md §2; default 10). */
  zoomRecordsForOthersPerDay: number;
  /** All creators together per host per UTC day (docs/product.md §2; default 50). */
  zoomRecordsForOthersTotalPerDay: number;
  now: () => Date;
}

/** The new meeting, as the host's notice describes it. */
export interface MeetingOnOthersZoom {
  action: 'created' | 'rescheduled';
  host: { id: string; name: string };
  creator: { id: string; name: string; email: string };
  ecosystem: { id: string; name: string };
  meeting: { id: string; title: string; startAt: Date; durationMinutes: number; timezone: string };
  /**
   * The host's Zoom plan, when it ends meetings early: the notice warns, in the host's language,
   * if this meeting is longer.
   */
  lengthLimit?: MeetingLengthLimit | undefined;
}

const secondsUntilUtcMidnight = (now: Date) =>
  Math.max(1, Math.ceil((nextUtcMidnight(now).getTime() - now.getTime()) / 1000));

/**
 * Counts the meeting (inside the change's transaction: past either allowance it throws 429
 * `host_booking_limit` and the transaction stores nothing) and queues the host's notice with the
 * mail gate's `pass` for it. Each count is a bounded upsert, so concurrent changes queue on the
 * row and the limits are exact.
 */
export async function putMeetingOnOthersZoom(
  tx: Tx,
  deps: OthersZoomDeps,
  made: MeetingOnOthersZoom,
  pass: MailPass,
): Promise<void> {
  const now = deps.now();
  const day = utcDay(now);
  const perCreator = deps.zoomRecordsForOthersPerDay;
  const counted = await tx
    .insert(zoomRecordsByOthers)
    .values({ hostUserId: made.host.id, creatorUserId: made.creator.id, utcDay: day, creates: 1 })
    .onConflictDoUpdate({
      target: [zoomRecordsByOthers.hostUserId, zoomRecordsByOthers.creatorUserId, zoomRecordsByOthers.utcDay],
      set: { creates: sql`${zoomRecordsByOthers.creates} + 1` },
      setWhere: sql`${zoomRecordsByOthers.creates} < ${perCreator}`,
    })
    .returning({ creates: zoomRecordsByOthers.creates });
  // At the limit the upsert's WHERE leaves the row alone and returns nothing.
  if (counted.length === 0) {
    throw new TooManyRequestsError(
      `You have put ${perCreator} Zoom meetings on ${made.host.name}’s Zoom today, the most one person may in a day (a reschedule counts: Zoom gets a new meeting). Try again after 00:00 UTC, or choose another location.`,
      secondsUntilUtcMidnight(now),
      'host_booking_limit',
    );
  }
  const total = deps.zoomRecordsForOthersTotalPerDay;
  const countedForHost = await tx
    .insert(zoomRecordsForHost)
    .values({ hostUserId: made.host.id, utcDay: day, creates: 1 })
    .onConflictDoUpdate({
      target: [zoomRecordsForHost.hostUserId, zoomRecordsForHost.utcDay],
      set: { creates: sql`${zoomRecordsForHost.creates} + 1` },
      setWhere: sql`${zoomRecordsForHost.creates} < ${total}`,
    })
    .returning({ creates: zoomRecordsForHost.creates });
  if (countedForHost.length === 0) {
    throw new TooManyRequestsError(
      `Others have put ${total} Zoom meetings on ${made.host.name}’s Zoom today, the most everyone together may in a day; the rest of Zoom’s daily limit stays theirs. Try again after 00:00 UTC, or choose another location.`,
      secondsUntilUtcMidnight(now),
      'host_booking_limit',
    );
  }
  const { meeting, creator } = made;
  await notifyHost(
    tx,
    deps,
    made.host.id,
    {
      write: ({ locale, t, when }) => {
        const at = when(meeting.startAt, meeting.durationMinutes, meeting.timezone);
        const values = { creator: creator.name, title: meeting.title, ecosystem: made.ecosystem.name, when: at };
        const created = made.action === 'created';
        return {
          subject: created
            ? t('mail.notice.othersZoom.createdSubject', values)
            : t('mail.notice.othersZoom.movedSubject', values),
          paragraphs: [
            created ? t('mail.notice.othersZoom.created', values) : t('mail.notice.othersZoom.moved', values),
            t('mail.notice.othersZoom.why'),
            ...[lengthWarning(made.lengthLimit, meeting.durationMinutes, made.host.name, locale)?.message]
              .filter((note) => note !== undefined)
              .map((note) => t('mail.notice.note', { note })),
          ],
          actionLabel: t('mail.notice.openRecord'),
        };
      },
      actionUrl: `${deps.appBaseUrl}/meetings/${meeting.id}`,
      meetingId: meeting.id,
      ecosystemId: made.ecosystem.id,
    },
    pass,
  );
}
