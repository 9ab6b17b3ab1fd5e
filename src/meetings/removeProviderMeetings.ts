/**
 * The remove job (docs/product.md §4.4, §4.5): deletes a record's retired provider meetings (`deleting`),
 * then settles the record's Zoom status. 204 and 404/3001 both finish a row; a host who is not
 * connected leaves it `orphaned` (shown with its meeting id, re-driven by a reconnect of the same
 * Zoom user, docs/product.md §3.6).
 */
import { and, eq, inArray, lt } from '../db/orm.ts';
import { afterStale, STALE_CLAIM_MS } from './provisionClaim.ts';
import type { Queries } from '../db/client.ts';
import { meetings, providerMeetings, type ZoomStatus } from '../db/schema.ts';
import type { JobContext } from '../jobs/defineJob.ts';
import { ProviderError } from './provider.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { notifyHost } from './notifyAttendees.ts';
import { SYSTEM_NOTICE } from '../mail/mailGate.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';
import { zoomDetail } from '../i18n/zoomDetails.ts';

/** Grace after a running meeting's scheduled end before its delete is tried again (docs/zoom-facts.md §10.3). */
export const IN_PROGRESS_GRACE_MS = 5 * 60_000;
/** A meeting still running after its scheduled end: try again this much later. */
export const RUNNING_OVER_RETRY_MS = 15 * 60_000;

const utcClock = (at: Date) => `${at.toISOString().slice(11, 16)} UTC`;

/** The record's Zoom status once its provider meetings have settled (cancelled records only). */
export async function settleCancelledRecord(db: Queries, meetingId: string, now: Date): Promise<void> {
  const [record] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (record?.status !== 'cancelled' || record.locationType !== 'zoom') return;
  const rows = await db.select().from(providerMeetings).where(eq(providerMeetings.meetingId, meetingId));
  let status: ZoomStatus = 'deleted';
  let detail: string | null = null;
  let retryAt: Date | null = null;
  if (rows.some((r) => r.state === 'creating' || r.state === 'deleting' || r.state === 'live')) {
    status = 'deleting';
    // A delete that waits (a running meeting, or Zoom's Retry-After) says why and until when.
    const waiting = rows.filter((r) => r.state === 'deleting' && r.retryAt && r.retryAt.getTime() > now.getTime());
    if (waiting.length) {
      retryAt = new Date(Math.max(...waiting.map((r) => r.retryAt!.getTime())));
      detail =
        waiting
          .map((r) => r.lastError)
          .filter(Boolean)
          .join(' ') || null;
    }
  } else if (rows.some((r) => r.state === 'orphaned')) {
    const ids = rows
      .filter((r) => r.state === 'orphaned')
      .map((r) => r.externalId)
      .join(', ');
    status = 'orphaned';
    detail = zoomDetail('orphaned', { ids });
  } else if (rows.some((r) => r.state === 'failed')) {
    const ids = rows
      .filter((r) => r.state === 'failed')
      .map((r) => r.externalId)
      .join(', ');
    status = 'failed';
    detail = zoomDetail('refusedDelete', { ids });
  }
  await db
    .update(meetings)
    .set({ zoomStatus: status, zoomDetail: detail, zoomRetryAt: retryAt, updatedAt: now })
    .where(eq(meetings.id, meetingId));
}

/**
 * When to try deleting a meeting Zoom says is running (docs/zoom-facts.md §10.3): a few minutes after its scheduled
 * end, or — when it runs over — again a quarter of an hour later, for as long as it runs.
 */
export function afterMeetingEnds(scheduledEnd: Date, now: Date): Date {
  const afterEnd = scheduledEnd.getTime() + IN_PROGRESS_GRACE_MS;
  return new Date(afterEnd > now.getTime() ? afterEnd : now.getTime() + RUNNING_OVER_RETRY_MS);
}

export async function removeProviderMeetings(
  deps: ProviderJobDeps,
  data: { meetingId: string; ecosystemId: string },
  context: JobContext,
): Promise<void> {
  const [record] = await deps.db
    .select({ status: meetings.status, startAt: meetings.startAt, durationMinutes: meetings.durationMinutes })
    .from(meetings)
    .where(eq(meetings.id, data.meetingId));
  // A create attempt that died mid-call on a record no longer being provisioned: ambiguous (docs/product.md §4.6).
  if (record?.status === 'cancelled') {
    await deps.db
      .update(providerMeetings)
      .set({ state: 'ambiguous', lastError: 'the attempt stopped before Zoom answered', updatedAt: deps.now() })
      .where(
        and(
          eq(providerMeetings.meetingId, data.meetingId),
          eq(providerMeetings.state, 'creating'),
          lt(providerMeetings.updatedAt, new Date(deps.now().getTime() - STALE_CLAIM_MS)),
        ),
      );
    // A create still in flight retires its own meeting when it answers; should its process die
    // first, come back once its claim is stale rather than wait for the next reconciliation.
    const [creating] = await deps.db
      .select({ updatedAt: providerMeetings.updatedAt })
      .from(providerMeetings)
      .where(and(eq(providerMeetings.meetingId, data.meetingId), eq(providerMeetings.state, 'creating')));
    if (creating)
      await deps.queue.enqueue(deps.db, removeProviderMeetingJob, data, { startAfter: afterStale(creating.updatedAt) });
  }
  const rows = await deps.db
    .select()
    .from(providerMeetings)
    .where(and(eq(providerMeetings.meetingId, data.meetingId), eq(providerMeetings.state, 'deleting')));
  for (const row of rows) {
    // Zoom said when to come back (Retry-After, or the meeting's end): a job is queued for then.
    if (row.retryAt && row.retryAt.getTime() > deps.now().getTime()) continue;
    const setRow = (state: 'deleted' | 'orphaned' | 'failed', lastError: string | null) =>
      deps.db
        .update(providerMeetings)
        .set({ state, lastError, retryAt: null, updatedAt: deps.now() })
        .where(and(eq(providerMeetings.id, row.id), eq(providerMeetings.state, 'deleting')));
    const retryLater = (retryAt: Date, why: string) =>
      deps.db.transaction(async (tx) => {
        await tx
          .update(providerMeetings)
          .set({ retryAt, lastError: why, updatedAt: deps.now() })
          .where(and(eq(providerMeetings.id, row.id), eq(providerMeetings.state, 'deleting')));
        await deps.queue.enqueue(tx, removeProviderMeetingJob, data, { startAfter: retryAt });
      });
    if (!row.externalId) {
      await setRow('deleted', null);
      continue;
    }
    try {
      await deps.provider.deleteMeeting(row.accountRef, row.externalId);
      await setRow('deleted', null);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      if (error.kind === 'not_connected') {
        await setRow('orphaned', error.message.slice(0, 300));
      } else if (error.kind === 'rate_limited') {
        const retryAt = error.retryAt ?? new Date(deps.now().getTime() + 1000);
        await retryLater(retryAt, zoomDetail('deleteWait', { time: utcClock(retryAt) }));
        context.log.info({ meetingId: data.meetingId }, 'Zoom delete rate-limited; rescheduled at Retry-After');
        break;
      } else if (error.kind === 'in_progress') {
        const startsAt = row.startsAt ?? record?.startAt;
        const minutes = row.durationMinutes ?? record?.durationMinutes ?? 0;
        const scheduledEnd = startsAt ? new Date(startsAt.getTime() + minutes * 60_000) : deps.now();
        const retryAt = afterMeetingEnds(scheduledEnd, deps.now());
        const runningOver = scheduledEnd.getTime() <= deps.now().getTime();
        await retryLater(
          retryAt,
          zoomDetail(runningOver ? 'inProgressOverrun' : 'inProgress', { id: row.externalId, time: utcClock(retryAt) }),
        );
        context.log.info(
          { meetingId: data.meetingId, retryAt: retryAt.toISOString() },
          'Zoom meeting in progress; delete rescheduled after its end',
        );
      } else if (error.kind === 'transient') {
        throw error;
      } else {
        await setRow('failed', error.message.slice(0, 300));
        await deps.db.transaction((tx) =>
          notifyHost(
            tx,
            deps,
            row.hostUserId,
            {
              write: ({ t }) => ({
                subject: t('mail.notice.deleteFailed.subject', { id: String(row.externalId) }),
                paragraphs: [
                  t('mail.notice.deleteFailed.refused', { id: String(row.externalId), message: error.message }),
                  t('mail.notice.deleteFailed.whatToDo'),
                ],
                actionLabel: t('mail.notice.openRecord'),
              }),
              actionUrl: `${deps.appBaseUrl}/meetings/${data.meetingId}`,
              meetingId: data.meetingId,
              ecosystemId: data.ecosystemId,
            },
            SYSTEM_NOTICE,
          ),
        );
      }
    }
  }
  await deps.db.transaction((tx) => settleCancelledRecord(tx, data.meetingId, deps.now()));
}

/**
 * After a (re)connect of `accountRef` by `hostUserId` (docs/product.md §3.6): creates waiting for a reconnect
 * are re-queued, and meetings left orphaned by that same Zoom account are deleted now.
 */
export async function resumeAfterReconnect(
  deps: Pick<ProviderJobDeps, 'db' | 'queue' | 'now'>,
  hostUserId: string,
  accountRef: string,
): Promise<{ creates: number; deletes: number }> {
  return deps.db.transaction(async (tx) => {
    const waiting = await tx
      .update(meetings)
      .set({ zoomStatus: 'pending', zoomDetail: null, updatedAt: deps.now() })
      .where(
        and(
          eq(meetings.hostUserId, hostUserId),
          eq(meetings.status, 'scheduled'),
          inArray(meetings.zoomStatus, ['waiting_for_reconnect']),
        ),
      )
      .returning({ id: meetings.id, ecosystemId: meetings.ecosystemId });
    for (const record of waiting)
      await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId: record.id, ecosystemId: record.ecosystemId });
    const orphaned = await tx
      .update(providerMeetings)
      .set({ state: 'deleting', updatedAt: deps.now() })
      .where(and(eq(providerMeetings.accountRef, accountRef), eq(providerMeetings.state, 'orphaned')))
      .returning({ meetingId: providerMeetings.meetingId, ecosystemId: providerMeetings.ecosystemId });
    const records = new Map(orphaned.map((o) => [o.meetingId, o.ecosystemId]));
    for (const [meetingId, ecosystemId] of records) {
      await tx
        .update(meetings)
        .set({ zoomStatus: 'deleting', updatedAt: deps.now() })
        .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'cancelled')));
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId });
    }
    return { creates: waiting.length, deletes: records.size };
  });
}
