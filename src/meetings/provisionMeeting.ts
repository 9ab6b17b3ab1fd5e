/**
 * The provision job (docs/product.md §4.1, §4.3): gives a `zoom` record its provider meeting.
 *
 * Three steps, so no crash can make us lose or double a meeting silently:
 * 1. claim — under the record's row lock: skip if cancelled or already done; wait (status) if the
 *    host is not connected or the daily cap is reached; else count the create and write a
 *    `creating` row (the intent) before any call;
 * 2. call the provider (outside any transaction);
 * 3. record — under the row lock again: the meeting becomes `live` and attendees are mailed, or,
 *    if the record was cancelled or rescheduled meanwhile, it is retired at once (`deleting`).
 * A `creating` row whose process died is found stale by the next attempt and recorded as
 * ambiguous (docs/product.md §4.6): the create may have happened, and Zoom offers no way to look it up.
 * Step 1 lives in provisionClaim.ts; steps 2 and 3 here.
 */
import { and, eq, sql } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { meetings, providerDailyCreates, providerMeetings } from '../db/schema.ts';
import type { JobContext } from '../jobs/defineJob.ts';
import { NotFoundError } from '../errors.ts';
import { ProviderError, type ProvidedMeeting } from './provider.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { loadMeetingView, type MeetingView } from './meetingQueries.ts';
import { notifyAttendees, notifyHost, peopleOnRecord } from './notifyAttendees.ts';
import { COUNTED_WITH_ITS_ACTION, SYSTEM_NOTICE } from '../mail/mailGate.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';
import { claim, MAX_PACE_WAIT_MS, waitForDailyLimit, type Claimed, type ProvisionAttempt } from './provisionClaim.ts';
import { zoomDetail } from '../i18n/zoomDetails.ts';

/** After an ambiguous create, wait this long before trying again (never a blind instant retry). */
export const AMBIGUOUS_RETRY_DELAY_MS = 5 * 60_000;

/** Where an attempt came from: a worker's job run, or the request with its backstop job (removed with the outcome). */
type AttemptOrigin = { kind: 'job' } | { kind: 'request'; backstopJobId: string | null };

async function dropBackstop(deps: ProviderJobDeps, tx: Tx, origin: AttemptOrigin) {
  if (origin.kind === 'request' && origin.backstopJobId)
    await deps.queue.discard(tx, provisionMeetingJob, origin.backstopJobId);
}

/**
 * A created meeting goes live: the record becomes `created` (and its invitations counted as sent
 * for its current sequence) only while it is still what was claimed; the provider meeting goes
 * live with it. Answers the sequence whose invitations went out before, if any (null: never).
 */
const goLive = statement<{ previously_sent: number | null }>(
  'record_meeting_live',
  `with locked as (
     select id, invitations_sent_sequence from meetings where id = $1::uuid for update
   ), went_live as (
     update meetings set zoom_status = 'created', zoom_detail = null, zoom_retry_at = null,
       invitations_sent_sequence = meetings.sequence, updated_at = $2::timestamptz
     from locked
     where meetings.id = locked.id and meetings.status = 'scheduled'
       and meetings.start_at = $3::timestamptz and meetings.duration_minutes = $4::integer
     returning locked.invitations_sent_sequence as previously_sent
   ), provider_live as (
     update provider_meetings set state = 'live', external_id = $5, external_uuid = $6, join_url = $7, passcode = $8,
       updated_at = $2::timestamptz
     where id = $9::uuid and exists (select 1 from went_live)
   )
   select previously_sent from went_live`,
);

/** Records a created meeting; returns the record as now stored when it became live. */
async function recordSuccess(
  deps: ProviderJobDeps,
  meetingId: string,
  claimed: Claimed,
  created: ProvidedMeeting,
  origin: AttemptOrigin,
): Promise<MeetingView | undefined> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    // One round trip (statements run in the order issued): the record becomes `created` only if
    // it is still what was claimed (not cancelled, same start and length), its Zoom meeting goes
    // live with it, the backstop goes (needed either way), and the record is read as now stored.
    const wentLive = tx.run(goLive, [
      meetingId,
      now,
      claimed.startAt,
      claimed.durationMinutes,
      created.externalId,
      created.externalUuid,
      created.joinUrl,
      created.passcode,
      claimed.rowId,
    ]);
    const [[live], , meeting] = await Promise.all([
      wentLive,
      dropBackstop(deps, tx, origin),
      loadMeetingView(tx, meetingId).catch(unlessNotFound),
    ]);
    if (live && meeting) {
      await notifyAttendees(
        tx,
        deps,
        meeting,
        live.previously_sent === null ? 'invitation' : 'update',
        await peopleOnRecord(tx, meeting),
        // Counted when the record was created or moved: this finishes that action.
        COUNTED_WITH_ITS_ACTION,
      );
      return meeting;
    }
    // Cancelled, rescheduled or gone while Zoom was creating: retire this meeting at once.
    const [record] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    const ids = {
      externalId: created.externalId,
      externalUuid: created.externalUuid,
      joinUrl: created.joinUrl,
      passcode: created.passcode,
      updatedAt: now,
    };
    await tx
      .update(providerMeetings)
      .set({ ...ids, state: 'deleting' })
      .where(eq(providerMeetings.id, claimed.rowId));
    if (record) {
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: record.ecosystemId });
      if (record.status === 'scheduled') {
        await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record.ecosystemId });
      }
    }
    return undefined;
  });
}

/** A record gone meanwhile reads as absent; any other failure stays a failure. */
function unlessNotFound(error: unknown): undefined {
  if (error instanceof NotFoundError) return undefined;
  throw error;
}

async function recordFailure(
  deps: ProviderJobDeps,
  meetingId: string,
  claimed: Claimed,
  error: ProviderError,
  context: JobContext,
  origin: AttemptOrigin,
) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await dropBackstop(deps, tx, origin);
    if (error.maybeApplied) {
      // docs/product.md §4.6: the create may exist at Zoom; we cannot see it. Recorded and counted; the retry
      // comes after the job's backoff, never at once.
      await tx
        .update(providerMeetings)
        .set({ state: 'ambiguous', lastError: error.message.slice(0, 300), updatedAt: now })
        .where(eq(providerMeetings.id, claimed.rowId));
      context.log.warn({ meetingId }, 'ambiguous Zoom create: the request was sent but no answer arrived');
    } else {
      await tx.delete(providerMeetings).where(eq(providerMeetings.id, claimed.rowId));
      // Not created, so it does not count against the daily cap — unless the provider says the
      // cap is reached: its count includes other apps' creates for this host (docs/zoom-facts.md §10.1),
      // so the day is full and the other waiting records need not ask again before the reset.
      const dayFull = error.kind === 'rate_limited' && error.daily;
      await tx
        .update(providerDailyCreates)
        .set({
          creates: dayFull ? deps.provider.dailyCreateLimit : sql`greatest(${providerDailyCreates.creates} - 1, 0)`,
        })
        .where(
          and(eq(providerDailyCreates.accountRef, claimed.accountRef), eq(providerDailyCreates.utcDay, claimed.utcDay)),
        );
    }
    const [record] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!record || record.status === 'cancelled') return;
    const set = (zoomStatus: typeof record.zoomStatus, zoomDetail: string | null, zoomRetryAt: Date | null = null) =>
      tx
        .update(meetings)
        .set({ zoomStatus, zoomDetail, zoomRetryAt, updatedAt: now })
        .where(eq(meetings.id, meetingId));
    switch (error.kind) {
      case 'not_connected':
        await set('waiting_for_reconnect', zoomDetail('reconnectToCreate'));
        return;
      case 'rate_limited': {
        const retryAt = error.retryAt ?? new Date(now.getTime() + 1000);
        if (error.daily) {
          await waitForDailyLimit(
            deps,
            tx,
            record,
            retryAt,
            'Zoom’s daily limit for this host was reached; the meeting will be created after it resets (00:00 UTC).',
            now,
          );
        } else {
          await set('pending', zoomDetail('slowDown'), retryAt);
          await deps.queue.enqueue(
            tx,
            provisionMeetingJob,
            { meetingId, ecosystemId: record.ecosystemId },
            { startAfter: retryAt },
          );
        }
        return;
      }
      case 'transient':
        if (error.maybeApplied) {
          // The meeting may exist; try again later (the create cannot be looked up, docs/product.md §4.6).
          const retryAt = new Date(now.getTime() + AMBIGUOUS_RETRY_DELAY_MS);
          await set('pending', zoomDetail('noAnswer'), retryAt);
          await deps.queue.enqueue(
            tx,
            provisionMeetingJob,
            { meetingId, ecosystemId: record.ecosystemId },
            { startAfter: retryAt },
          );
        } else {
          await set('pending', zoomDetail('unreachable'));
          // A job's attempt is retried by its own backoff (the handler throws); the request's
          // attempt hands over to a job now.
          if (origin.kind === 'request')
            await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: record.ecosystemId });
        }
        return;
      case 'permanent':
        await set('failed', zoomDetail('refusedCreate', { reason: error.message }));
        await notifyHost(
          tx,
          deps,
          record.hostUserId,
          {
            write: ({ t }) => ({
              subject: t('mail.notice.createFailed.subject', { title: record.title }),
              paragraphs: [
                t('mail.notice.createFailed.refused', { title: record.title }),
                t('mail.notice.createFailed.said', { message: error.message }),
                t('mail.notice.createFailed.whatToDo'),
              ],
              actionLabel: t('mail.notice.openRecord'),
            }),
            actionUrl: `${deps.appBaseUrl}/meetings/${meetingId}`,
            meetingId,
            ecosystemId: record.ecosystemId,
          },
          SYSTEM_NOTICE,
        );
        return;
    }
  });
}

/** The job handler. Throws (→ retry with backoff) only for transient failures. */
export async function provisionMeeting(
  deps: ProviderJobDeps,
  data: { meetingId: string },
  context: JobContext,
): Promise<void> {
  const claimed = await claim(deps, data.meetingId);
  if (claimed.kind === 'skip') {
    context.log.debug({ meetingId: data.meetingId, reason: claimed.reason }, 'provision skipped');
    return;
  }
  await callAndRecord(deps, data.meetingId, claimed, context, { kind: 'job' });
}

/**
 * The request's attempt on the record it created (claimed in the create's transaction): calls
 * the provider and records the outcome. Resolves with the record when its meeting is live.
 */
export function finishProvisionAttempt(
  deps: ProviderJobDeps,
  meetingId: string,
  attempt: ProvisionAttempt,
  context: JobContext,
): Promise<MeetingView | undefined> {
  return callAndRecord(deps, meetingId, attempt.claimed, context, {
    kind: 'request',
    backstopJobId: attempt.backstopJobId,
  });
}

async function callAndRecord(
  deps: ProviderJobDeps,
  meetingId: string,
  claimed: Claimed,
  context: JobContext,
  origin: AttemptOrigin,
): Promise<MeetingView | undefined> {
  // The create's pacing slot, as an instant of this process's clock (at most MAX_PACE_WAIT_MS
  // ahead; the claim stays fresh meanwhile). The provider waits for it just before sending.
  const wait = Math.min(claimed.notBefore.getTime() - deps.now().getTime(), MAX_PACE_WAIT_MS);
  const notBefore = wait > 0 ? new Date(Date.now() + wait) : undefined;
  let created: ProvidedMeeting;
  try {
    created = await deps.provider.createMeeting(claimed.hostUserId, {
      title: claimed.title,
      description: claimed.description,
      startAt: claimed.startAt,
      durationMinutes: claimed.durationMinutes,
      timezone: claimed.timezone,
      ...(claimed.paceKey ? { pace: { key: claimed.paceKey, notBefore } } : {}),
      prepared: claimed.prepared,
    });
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    await recordFailure(deps, meetingId, claimed, error, context, origin);
    // Plain transient failures retry through the job's backoff; an ambiguous one was rescheduled.
    if (origin.kind === 'job' && error.kind === 'transient' && !error.maybeApplied) throw error;
    return undefined;
  }
  return recordSuccess(deps, meetingId, claimed, created, origin);
}
