/**
 * The remove job (SPEC §4.4, §4.5): deletes a record's retired provider meetings (`deleting`),
 * then settles the record's Zoom status. 204 and 404/3001 both finish a row; a host who is not
 * connected leaves it `orphaned` (shown with its meeting id, re-driven by a reconnect of the same
 * Zoom user, SPEC §3.6).
 */
import { and, eq, inArray, lt } from 'drizzle-orm';
import { afterStale, STALE_CLAIM_MS } from './provisionMeeting.ts';
import type { Db } from '../db/client.ts';
import { meetings, providerMeetings, type ZoomStatus } from '../db/schema.ts';
import type { JobContext } from '../jobs/defineJob.ts';
import { ProviderError } from './provider.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { notifyHost } from './notifyAttendees.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';

/** The record's Zoom status once its provider meetings have settled (cancelled records only). */
export async function settleCancelledRecord(db: Db, meetingId: string, now: Date): Promise<void> {
  const [record] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!record || record.status !== 'cancelled' || record.locationType !== 'zoom') return;
  const rows = await db.select().from(providerMeetings).where(eq(providerMeetings.meetingId, meetingId));
  let status: ZoomStatus = 'deleted';
  let detail: string | null = null;
  if (rows.some((r) => r.state === 'creating' || r.state === 'deleting' || r.state === 'live')) {
    status = 'deleting';
  } else if (rows.some((r) => r.state === 'orphaned')) {
    const ids = rows.filter((r) => r.state === 'orphaned').map((r) => r.externalId).join(', ');
    status = 'orphaned';
    detail = `Zoom meeting ${ids} could not be removed because Zoom is not connected. Reconnect Zoom with the same Zoom account to remove it automatically, or delete it in Zoom.`;
  } else if (rows.some((r) => r.state === 'failed')) {
    const ids = rows.filter((r) => r.state === 'failed').map((r) => r.externalId).join(', ');
    status = 'failed';
    detail = `Zoom refused to delete meeting ${ids}; delete it in Zoom.`;
  }
  await db.update(meetings).set({ zoomStatus: status, zoomDetail: detail, zoomRetryAt: null, updatedAt: now }).where(eq(meetings.id, meetingId));
}

export async function removeProviderMeetings(deps: ProviderJobDeps, data: { meetingId: string; ecosystemId: string }, context: JobContext): Promise<void> {
  // A create attempt that died mid-call on a record no longer being provisioned: ambiguous (§4.6).
  const [record] = await deps.db.select({ status: meetings.status, zoomRetryAt: meetings.zoomRetryAt }).from(meetings).where(eq(meetings.id, data.meetingId));
  // Zoom said when to come back (Retry-After): a job is queued for then.
  if (record?.zoomRetryAt && record.zoomRetryAt.getTime() > deps.now().getTime()) return;
  if (record?.status === 'cancelled') {
    await deps.db
      .update(providerMeetings)
      .set({ state: 'ambiguous', lastError: 'the attempt stopped before Zoom answered', updatedAt: deps.now() })
      .where(and(eq(providerMeetings.meetingId, data.meetingId), eq(providerMeetings.state, 'creating'), lt(providerMeetings.updatedAt, new Date(deps.now().getTime() - STALE_CLAIM_MS))));
    // A create still in flight retires its own meeting when it answers; should its process die
    // first, come back once its claim is stale rather than wait for the next reconciliation.
    const [creating] = await deps.db
      .select({ updatedAt: providerMeetings.updatedAt })
      .from(providerMeetings)
      .where(and(eq(providerMeetings.meetingId, data.meetingId), eq(providerMeetings.state, 'creating')));
    if (creating) await deps.queue.enqueue(deps.db, removeProviderMeetingJob, data, { startAfter: afterStale(creating.updatedAt) });
  }
  const rows = await deps.db
    .select()
    .from(providerMeetings)
    .where(and(eq(providerMeetings.meetingId, data.meetingId), eq(providerMeetings.state, 'deleting')));
  for (const row of rows) {
    const setRow = (state: 'deleted' | 'orphaned' | 'failed', lastError: string | null) =>
      deps.db.update(providerMeetings).set({ state, lastError, updatedAt: deps.now() }).where(and(eq(providerMeetings.id, row.id), eq(providerMeetings.state, 'deleting')));
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
        await deps.db.transaction(async (tx) => {
          await tx.update(meetings).set({ zoomRetryAt: retryAt, updatedAt: deps.now() }).where(eq(meetings.id, data.meetingId));
          await deps.queue.enqueue(tx, removeProviderMeetingJob, data, { startAfter: retryAt });
        });
        context.log.info({ meetingId: data.meetingId }, 'Zoom delete rate-limited; rescheduled at Retry-After');
        return;
      } else if (error.kind === 'transient') {
        throw error;
      } else {
        await setRow('failed', error.message.slice(0, 300));
        await deps.db.transaction((tx) =>
          notifyHost(tx, deps, row.hostUserId, {
            subject: `Zoom meeting ${row.externalId} could not be deleted`,
            paragraphs: [`Zoom refused to delete meeting ${row.externalId}: ${error.message}`, 'Please delete it in Zoom so no one joins a cancelled meeting.'],
            actionUrl: `${deps.appBaseUrl}/meetings/${data.meetingId}`,
            actionLabel: 'Open the record',
            meetingId: data.meetingId,
            ecosystemId: data.ecosystemId,
          }),
        );
      }
    }
  }
  await deps.db.transaction((tx) => settleCancelledRecord(tx, data.meetingId, deps.now()));
}

/**
 * After a (re)connect of `accountRef` by `hostUserId` (SPEC §3.6): creates waiting for a reconnect
 * are re-queued, and meetings left orphaned by that same Zoom account are deleted now.
 */
export async function resumeAfterReconnect(deps: Pick<ProviderJobDeps, 'db' | 'queue' | 'now'>, hostUserId: string, accountRef: string): Promise<{ creates: number; deletes: number }> {
  return deps.db.transaction(async (tx) => {
    const waiting = await tx
      .update(meetings)
      .set({ zoomStatus: 'pending', zoomDetail: null, updatedAt: deps.now() })
      .where(and(eq(meetings.hostUserId, hostUserId), eq(meetings.status, 'scheduled'), inArray(meetings.zoomStatus, ['waiting_for_reconnect'])))
      .returning({ id: meetings.id, ecosystemId: meetings.ecosystemId });
    for (const record of waiting) await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId: record.id, ecosystemId: record.ecosystemId });
    const orphaned = await tx
      .update(providerMeetings)
      .set({ state: 'deleting', updatedAt: deps.now() })
      .where(and(eq(providerMeetings.accountRef, accountRef), eq(providerMeetings.state, 'orphaned')))
      .returning({ meetingId: providerMeetings.meetingId, ecosystemId: providerMeetings.ecosystemId });
    const records = new Map(orphaned.map((o) => [o.meetingId, o.ecosystemId]));
    for (const [meetingId, ecosystemId] of records) {
      await tx.update(meetings).set({ zoomStatus: 'deleting', updatedAt: deps.now() }).where(and(eq(meetings.id, meetingId), eq(meetings.status, 'cancelled')));
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId });
    }
    return { creates: waiting.length, deletes: records.size };
  });
}
