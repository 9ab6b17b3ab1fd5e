/**
 * Reconciliation (docs/product.md §4.7): re-drives every record whose Zoom state is not final, in case a job
 * was lost to an outage longer than its retries, or a waiting record's moment has come. Safe to
 * run at any time and from several places: the jobs it queues are idempotent.
 */
import { and, eq, inArray, isNull, lte, or } from '../db/orm.ts';
import { z } from 'zod';
import { meetings, providerMeetings } from '../db/schema.ts';
import { defineJob } from '../jobs/defineJob.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { STALE_CLAIM_MS } from './provisionClaim.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';

export const reconcileZoomWorkJob = defineJob('meetings.reconcile', z.object({}), {
  retryLimit: 2,
  retryDelay: 30,
  expireInSeconds: 600,
});

export interface ReconcileReport {
  provisions: number;
  removals: number;
}

export async function reconcileZoomWork(deps: Pick<ProviderJobDeps, 'db' | 'queue' | 'now'>): Promise<ReconcileReport> {
  const now = deps.now();
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  return deps.db.transaction(async (tx) => {
    const toProvision = await tx
      .select({ id: meetings.id, ecosystemId: meetings.ecosystemId })
      .from(meetings)
      .where(
        and(
          eq(meetings.status, 'scheduled'),
          or(
            // pending with no newer scheduled retry
            and(eq(meetings.zoomStatus, 'pending'), or(isNull(meetings.zoomRetryAt), lte(meetings.zoomRetryAt, now))),
            and(eq(meetings.zoomStatus, 'waiting_for_daily_limit'), lte(meetings.zoomRetryAt, now)),
            // the provision job re-checks the connection and keeps waiting if it is still down
            eq(meetings.zoomStatus, 'waiting_for_reconnect'),
          ),
        ),
      );
    for (const record of toProvision)
      await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId: record.id, ecosystemId: record.ecosystemId });

    const retiring = await tx
      .selectDistinct({ meetingId: providerMeetings.meetingId, ecosystemId: providerMeetings.ecosystemId })
      .from(providerMeetings)
      .where(
        or(
          eq(providerMeetings.state, 'deleting'),
          and(eq(providerMeetings.state, 'creating'), lte(providerMeetings.updatedAt, staleBefore)),
        ),
      );
    const deletingRecords = await tx
      .select({ meetingId: meetings.id, ecosystemId: meetings.ecosystemId })
      .from(meetings)
      .where(
        and(
          eq(meetings.status, 'cancelled'),
          inArray(meetings.zoomStatus, ['deleting', 'pending', 'waiting_for_reconnect', 'waiting_for_daily_limit']),
        ),
      );
    const removals = new Map([...retiring, ...deletingRecords].map((r) => [r.meetingId, r.ecosystemId]));
    for (const [meetingId, ecosystemId] of removals)
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId });
    return { provisions: toProvision.length, removals: removals.size };
  });
}
