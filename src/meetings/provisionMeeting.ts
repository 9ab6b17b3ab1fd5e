/**
 * The provision job (SPEC §4.1, §4.3): gives a `zoom` record its provider meeting.
 *
 * Three steps, so no crash can make us lose or double a meeting silently:
 * 1. claim — under the record's row lock: skip if cancelled or already done; wait (status) if the
 *    host is not connected or the daily cap is reached; else count the create and write a
 *    `creating` row (the intent) before any call;
 * 2. call the provider (outside any transaction);
 * 3. record — under the row lock again: the meeting becomes `live` and attendees are mailed, or,
 *    if the record was cancelled or rescheduled meanwhile, it is retired at once (`deleting`).
 * A `creating` row whose process died is found stale by the next attempt and recorded as
 * ambiguous (SPEC §4.6): the create may have happened, and Zoom offers no way to look it up.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { meetings, providerDailyCreates, providerMeetings } from '../db/schema.ts';
import type { JobContext } from '../jobs/defineJob.ts';
import { ProviderError, type ProvidedMeeting } from './provider.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { loadMeetingView } from './meetingQueries.ts';
import { notifyAttendees, notifyHost } from './notifyAttendees.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';
import { nextUtcMidnight, utcDay as utcDayOf } from '../utcDay.ts';

/**
 * A `creating` row older than this belongs to an attempt that died mid-call: longer than the
 * create timeout (30 s) plus the database writes around it.
 */
export const STALE_CLAIM_MS = 45_000;
/** When a claim made at `claimedAt` counts as stale (its attempt died), with a second to spare. */
export const afterStale = (claimedAt: Date) => new Date(claimedAt.getTime() + STALE_CLAIM_MS + 1000);
/** After an ambiguous create, wait this long before trying again (never a blind instant retry). */
export const AMBIGUOUS_RETRY_DELAY_MS = 5 * 60_000;
const WAITING = ['pending', 'waiting_for_reconnect', 'waiting_for_daily_limit'] as const;

type Claim =
  | { kind: 'skip'; reason: string }
  | { kind: 'claimed'; rowId: string; hostUserId: string; startAt: Date; durationMinutes: number; title: string; description: string; timezone: string; utcDay: string; accountRef: string };

async function claim(deps: ProviderJobDeps, meetingId: string): Promise<Claim> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [record] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!record || record.locationType !== 'zoom') return { kind: 'skip', reason: 'not a zoom record' };
    if (record.status === 'cancelled') return { kind: 'skip', reason: 'cancelled' };
    if (!(WAITING as readonly string[]).includes(record.zoomStatus)) return { kind: 'skip', reason: `status ${record.zoomStatus}` };
    // Zoom said when to come back (Retry-After, or the daily reset): a job is queued for then.
    if (record.zoomRetryAt && record.zoomRetryAt.getTime() > now.getTime()) return { kind: 'skip', reason: 'waiting for Retry-After' };

    const [inFlight] = await tx
      .select()
      .from(providerMeetings)
      .where(and(eq(providerMeetings.meetingId, meetingId), inArray(providerMeetings.state, ['creating', 'live'])));
    if (inFlight?.state === 'live') return { kind: 'skip', reason: 'already live' };
    if (inFlight) {
      if (now.getTime() - inFlight.updatedAt.getTime() < STALE_CLAIM_MS) {
        // Another attempt (the request's try-at-once, or a worker) is calling Zoom. Should its
        // process die mid-call, nothing else would come back to this record before the next
        // reconciliation: look again once that claim has gone stale (a no-op if it finished).
        await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record.ecosystemId }, { startAfter: afterStale(inFlight.updatedAt) });
        return { kind: 'skip', reason: 'another attempt is in flight' };
      }
      await tx
        .update(providerMeetings)
        .set({ state: 'ambiguous', lastError: 'the attempt stopped before Zoom answered', updatedAt: now })
        .where(eq(providerMeetings.id, inFlight.id));
    }

    const readiness = await deps.provider.checkHost(tx, record.hostUserId);
    if (!readiness.ok) {
      await tx
        .update(meetings)
        .set({ zoomStatus: 'waiting_for_reconnect', zoomDetail: readiness.message, zoomRetryAt: null, updatedAt: now })
        .where(eq(meetings.id, meetingId));
      return { kind: 'skip', reason: readiness.code };
    }

    const utcDay = utcDayOf(now);
    const counted = await tx
      .insert(providerDailyCreates)
      .values({ accountRef: readiness.accountRef, utcDay, creates: 1 })
      .onConflictDoUpdate({
        target: [providerDailyCreates.accountRef, providerDailyCreates.utcDay],
        set: { creates: sql`${providerDailyCreates.creates} + 1` },
        setWhere: sql`${providerDailyCreates.creates} < ${deps.provider.dailyCreateLimit}`,
      })
      .returning({ creates: providerDailyCreates.creates });
    if (counted.length === 0) {
      const retryAt = nextUtcMidnight(now);
      await waitForDailyLimit(deps, tx, meetingId, retryAt, `The host reached Zoom’s limit of ${deps.provider.dailyCreateLimit} new meetings per day; this one will be created after 00:00 UTC.`);
      return { kind: 'skip', reason: 'daily limit' };
    }

    const rowId = randomUUID();
    await tx.insert(providerMeetings).values({
      id: rowId,
      meetingId,
      ecosystemId: record.ecosystemId,
      hostUserId: record.hostUserId,
      accountRef: readiness.accountRef,
      state: 'creating',
      startsAt: record.startAt,
      durationMinutes: record.durationMinutes,
      createdAt: now,
      updatedAt: now,
    });
    return {
      kind: 'claimed',
      rowId,
      hostUserId: record.hostUserId,
      startAt: record.startAt,
      durationMinutes: record.durationMinutes,
      title: record.title,
      description: record.description,
      timezone: record.timezone,
      utcDay,
      accountRef: readiness.accountRef,
    };
  });
}

async function waitForDailyLimit(deps: ProviderJobDeps, tx: Db, meetingId: string, retryAt: Date, detail: string) {
  const [record] = await tx.select({ ecosystemId: meetings.ecosystemId }).from(meetings).where(eq(meetings.id, meetingId));
  await tx
    .update(meetings)
    .set({ zoomStatus: 'waiting_for_daily_limit', zoomDetail: detail, zoomRetryAt: retryAt, updatedAt: deps.now() })
    .where(eq(meetings.id, meetingId));
  await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record!.ecosystemId }, { startAfter: retryAt });
}

async function recordSuccess(deps: ProviderJobDeps, meetingId: string, claimed: Extract<Claim, { kind: 'claimed' }>, created: ProvidedMeeting) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [record] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    const ids = { externalId: created.externalId, externalUuid: created.externalUuid, joinUrl: created.joinUrl, passcode: created.passcode, updatedAt: now };
    const changed =
      !record ||
      record.status === 'cancelled' ||
      record.startAt.getTime() !== claimed.startAt.getTime() ||
      record.durationMinutes !== claimed.durationMinutes;
    if (changed) {
      // Cancelled or rescheduled while Zoom was creating: retire this meeting at once.
      await tx.update(providerMeetings).set({ ...ids, state: 'deleting' }).where(eq(providerMeetings.id, claimed.rowId));
      if (record) {
        await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: record.ecosystemId });
        if (record.status !== 'cancelled') {
          await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record.ecosystemId });
        }
      }
      return;
    }
    await tx.update(providerMeetings).set({ ...ids, state: 'live' }).where(eq(providerMeetings.id, claimed.rowId));
    await tx
      .update(meetings)
      .set({ zoomStatus: 'created', zoomDetail: null, zoomRetryAt: null, invitationsSentSequence: record.sequence, updatedAt: now })
      .where(eq(meetings.id, meetingId));
    const meeting = await loadMeetingView(tx, meetingId);
    const kind = record.invitationsSentSequence === null ? 'invitation' : 'update';
    await notifyAttendees(tx, deps, meeting, kind, meeting.attendees);
  });
}

async function recordFailure(deps: ProviderJobDeps, meetingId: string, claimed: Extract<Claim, { kind: 'claimed' }>, error: ProviderError, context: JobContext) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    if (error.maybeApplied) {
      // SPEC §4.6: the create may exist at Zoom; we cannot see it. Recorded and counted; the retry
      // comes after the job's backoff, never at once.
      await tx.update(providerMeetings).set({ state: 'ambiguous', lastError: error.message.slice(0, 300), updatedAt: now }).where(eq(providerMeetings.id, claimed.rowId));
      context.log.warn({ meetingId }, 'ambiguous Zoom create: the request was sent but no answer arrived');
    } else {
      await tx.delete(providerMeetings).where(eq(providerMeetings.id, claimed.rowId));
      // Not created, so it does not count against the daily cap — unless the provider says the
      // cap is reached: its count includes other apps' creates for this host (ZOOM-FACTS §10.1),
      // so the day is full and the other waiting records need not ask again before the reset.
      const dayFull = error.kind === 'rate_limited' && error.daily;
      await tx
        .update(providerDailyCreates)
        .set({ creates: dayFull ? deps.provider.dailyCreateLimit : sql`greatest(${providerDailyCreates.creates} - 1, 0)` })
        .where(and(eq(providerDailyCreates.accountRef, claimed.accountRef), eq(providerDailyCreates.utcDay, claimed.utcDay)));
    }
    const [record] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!record || record.status === 'cancelled') return;
    const set = (zoomStatus: typeof record.zoomStatus, zoomDetail: string | null, zoomRetryAt: Date | null = null) =>
      tx.update(meetings).set({ zoomStatus, zoomDetail, zoomRetryAt, updatedAt: now }).where(eq(meetings.id, meetingId));
    switch (error.kind) {
      case 'not_connected':
        await set('waiting_for_reconnect', 'The host’s Zoom connection needs to be reconnected (Lets Meet → Manage). The meeting will be created then — or change the location.');
        return;
      case 'rate_limited': {
        const retryAt = error.retryAt ?? new Date(now.getTime() + 1000);
        if (error.daily) {
          await waitForDailyLimit(deps, tx, meetingId, retryAt, 'Zoom’s daily limit for this host was reached; the meeting will be created after it resets (00:00 UTC).');
        } else {
          await set('pending', 'Zoom asked us to slow down; trying again shortly.', retryAt);
          await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record.ecosystemId }, { startAfter: retryAt });
        }
        return;
      }
      case 'transient':
        if (error.maybeApplied) {
          // The meeting may exist; try again later (the create cannot be looked up, SPEC §4.6).
          const retryAt = new Date(now.getTime() + AMBIGUOUS_RETRY_DELAY_MS);
          await set('pending', 'Zoom did not answer in time; trying again in a few minutes.', retryAt);
          await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record.ecosystemId }, { startAfter: retryAt });
        } else {
          await set('pending', 'Zoom could not be reached; trying again automatically.');
        }
        return;
      case 'permanent':
        await set('failed', `Zoom refused to create the meeting: ${error.message}`);
        await notifyHost(tx, deps, record.hostUserId, {
          subject: `Zoom meeting could not be created: ${record.title}`,
          paragraphs: [
            `Zoom refused to create the meeting for “${record.title}”.`,
            `Zoom said: ${error.message}`,
            'Open the record to change its location, or check the Zoom app’s permissions and reconnect Zoom on Lets Meet → Manage.',
          ],
          actionUrl: `${deps.appBaseUrl}/meetings/${meetingId}`,
          actionLabel: 'Open the record',
          meetingId,
          ecosystemId: record.ecosystemId,
        });
        return;
    }
  });
}

/** The job handler. Throws (→ retry with backoff) only for transient failures. */
export async function provisionMeeting(deps: ProviderJobDeps, data: { meetingId: string }, context: JobContext): Promise<void> {
  const claimed = await claim(deps, data.meetingId);
  if (claimed.kind === 'skip') {
    context.log.debug({ meetingId: data.meetingId, reason: claimed.reason }, 'provision skipped');
    return;
  }
  let created: ProvidedMeeting;
  try {
    created = await deps.provider.createMeeting(claimed.hostUserId, {
      title: claimed.title,
      description: claimed.description,
      startAt: claimed.startAt,
      durationMinutes: claimed.durationMinutes,
      timezone: claimed.timezone,
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    await recordFailure(deps, data.meetingId, claimed, error, context);
    // Plain transient failures retry through the job's backoff; an ambiguous one was rescheduled.
    if (error.kind === 'transient' && !error.maybeApplied) throw error;
    return;
  }
  await recordSuccess(deps, data.meetingId, claimed, created);
}
