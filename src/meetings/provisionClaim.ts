/**
 * Step 1 of the provision job (provisionMeeting.ts): the claim. Under the record's row lock it
 * skips a record that is cancelled or done, makes it wait (status) while the host is not connected
 * or the daily cap is reached, takes the account's create slot when creates are paced, and else
 * counts the create and writes the `creating` row (the intent) before any call. A new record is
 * claimed in its create's own transaction (`claimNewRecord`, settled by `settleNewClaim`).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from '../db/orm.ts';
import type { Db, Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { meetings, providerCreateSlots, providerMeetings } from '../db/schema.ts';
import type { MeetingProvider } from './provider.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { provisionMeetingJob } from './providerJobs.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';
import { nextUtcMidnight, utcDay as utcDayOf } from '../utcDay.ts';
import { zoomDetail } from '../i18n/zoomDetails.ts';

/**
 * A `creating` row older than this belongs to an attempt that died mid-call: longer than the
 * create timeout (30 s) plus the database writes around it.
 */
export const STALE_CLAIM_MS = 45_000;
/** When a claim made at `claimedAt` counts as stale (its attempt died), with a second to spare. */
export const afterStale = (claimedAt: Date) => new Date(claimedAt.getTime() + STALE_CLAIM_MS + 1000);
const WAITING = ['pending', 'waiting_for_reconnect', 'waiting_for_daily_limit'] as const;

type Claim =
  | { kind: 'skip'; reason: string }
  | {
      kind: 'claimed';
      rowId: string;
      hostUserId: string;
      startAt: Date;
      durationMinutes: number;
      title: string;
      description: string;
      timezone: string;
      utcDay: string;
      accountRef: string;
      /** The create slot taken for this call: it is sent no earlier (pacing per account). */
      notBefore: Date;
      /** The account the pace is kept for; absent when creates are not paced. */
      paceKey: string | undefined;
      /** What the provider read when the host was checked in this claim (MeetingProvider.checkHost). */
      prepared: unknown;
    };

type ReadyHost = { accountRef: string; paceKey?: string | undefined; prepared?: unknown };

type MeetingRow = typeof meetings.$inferSelect;
/** What a claim reads of its record. */
type ClaimedRecord = Pick<
  MeetingRow,
  'id' | 'ecosystemId' | 'hostUserId' | 'startAt' | 'durationMinutes' | 'title' | 'description' | 'timezone'
>;
type ClaimDeps = { provider: MeetingProvider; queue: Pick<JobQueue, 'enqueue' | 'discard'> };
export type Claimed = Extract<Claim, { kind: 'claimed' }>;

/**
 * The request path's attempt on a record it just created (docs/product.md §4.1): the claim was made in the
 * create's own transaction, with a backstop job queued for when that claim would count as stale.
 * Recording the outcome removes the backstop; should this process die first, the backstop finds
 * the stale claim (docs/product.md §4.6) and carries on.
 */
export interface ProvisionAttempt {
  claimed: Claimed;
  backstopJobId: string | null;
}

/** The claim of a job's attempt: its own transaction, under the record's row lock. */
export async function claim(deps: ProviderJobDeps, meetingId: string): Promise<Claim> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [record] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (record?.locationType !== 'zoom') return { kind: 'skip', reason: 'not a zoom record' };
    // Only a scheduled record gets a meeting: never a request the host has not approved (§13.3).
    if (record.status !== 'scheduled') return { kind: 'skip', reason: record.status };
    if (!(WAITING as readonly string[]).includes(record.zoomStatus))
      return { kind: 'skip', reason: `status ${record.zoomStatus}` };
    // Zoom said when to come back (Retry-After, or the daily reset): a job is queued for then.
    if (record.zoomRetryAt && record.zoomRetryAt.getTime() > now.getTime())
      return { kind: 'skip', reason: 'waiting for Retry-After' };

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
        await deps.queue.enqueue(
          tx,
          provisionMeetingJob,
          { meetingId, ecosystemId: record.ecosystemId },
          { startAfter: afterStale(inFlight.updatedAt) },
        );
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
    return claimLocked(deps, tx, record, readiness, now);
  });
}

/**
 * Claims a record for a create call, with its row locked (or just inserted) in `tx` and its host
 * ready: counts the create against the host's day, or makes the record wait for the daily reset;
 * then writes the `creating` row (the intent) before any call.
 */
async function claimLocked(deps: ClaimDeps, tx: Tx, record: ClaimedRecord, host: ReadyHost, now: Date): Promise<Claim> {
  const started = await startClaim(deps, tx, record, host, now);
  if (started.kind === 'skip') return started;
  if (await started.counted) return started.claim;
  await waitForDailyReset(deps, tx, record, now);
  return { kind: 'skip', reason: 'daily limit' };
}

/**
 * The claim of a create: the bounded upsert counts it against the host's UTC day unless the day is
 * full, and only a counted create writes its `creating` row (the intent, before any call). A
 * declared statement: one of every new Zoom record.
 */
const claimCreate = statement<{ id: string }>(
  'claim_provider_create',
  `with counted as (
     insert into provider_daily_creates as d (account_ref, utc_day, creates) values ($1, $2, 1)
     on conflict (account_ref, utc_day) do update set creates = d.creates + 1 where d.creates < $3::integer
     returning d.creates
   )
   insert into provider_meetings (id, meeting_id, ecosystem_id, host_user_id, account_ref, state, starts_at,
     duration_minutes, created_at, updated_at)
   select $4::uuid, $5::uuid, $6::uuid, $7::uuid, $1, 'creating', $8::timestamptz, $9::integer, $10::timestamptz,
     $10::timestamptz
   from counted
   returning id`,
);

type StartedClaim =
  | { kind: 'skip'; reason: string }
  | {
      kind: 'started';
      /** The claim's statement, as issued. */
      written: Promise<unknown>;
      /** Whether the day had room (then the `creating` row is written). */
      counted: Promise<boolean>;
      claim: Claimed;
    };

/**
 * Takes the create's pace slot (when creates are paced; a slot too far ahead makes the record
 * wait, nothing claimed), then issues the one statement that counts the create against the host's
 * day (refused at the limit: the bounded upsert then returns nothing) and, only when counted,
 * writes the `creating` row. Its answer, `counted`, is for the caller to await.
 */
async function startClaim(
  deps: ClaimDeps,
  tx: Tx,
  record: ClaimedRecord,
  host: ReadyHost,
  now: Date,
): Promise<StartedClaim> {
  const { accountRef } = host;
  const slot = await takeCreateSlot(deps, tx, host.paceKey ?? accountRef, now);
  if (slot.kind === 'later') {
    // The account's pace is booked further ahead than an attempt waits: come back when a slot
    // within reach opens (nothing counted, nothing claimed).
    await tx
      .update(meetings)
      .set({
        zoomStatus: 'pending',
        zoomDetail: zoomDetail('pacing'),
        zoomRetryAt: slot.retryAt,
        updatedAt: now,
      })
      .where(eq(meetings.id, record.id));
    await deps.queue.enqueue(
      tx,
      provisionMeetingJob,
      { meetingId: record.id, ecosystemId: record.ecosystemId },
      { startAfter: slot.retryAt },
    );
    return { kind: 'skip', reason: 'paced' };
  }
  const utcDay = utcDayOf(now);
  const rowId = randomUUID();
  const written = tx.run(claimCreate, [
    accountRef,
    utcDay,
    deps.provider.dailyCreateLimit,
    rowId,
    record.id,
    record.ecosystemId,
    record.hostUserId,
    record.startAt,
    record.durationMinutes,
    now,
  ]);
  const counted = written.then((rows) => rows.length > 0);
  // A failure of the statement is the transaction's to report; nothing else need await this.
  counted.catch(() => {});
  return {
    kind: 'started',
    written,
    counted,
    claim: {
      kind: 'claimed',
      rowId,
      hostUserId: record.hostUserId,
      startAt: record.startAt,
      durationMinutes: record.durationMinutes,
      title: record.title,
      description: record.description,
      timezone: record.timezone,
      utcDay,
      accountRef,
      notBefore: slot.at,
      paceKey: deps.provider.createsPerSecond > 0 ? (host.paceKey ?? accountRef) : undefined,
      prepared: host.prepared,
    },
  };
}

/** The host's day is full: the record waits for the reset, with its job queued for then. */
function waitForDailyReset(deps: ClaimDeps, tx: Tx, record: Pick<MeetingRow, 'id' | 'ecosystemId'>, now: Date) {
  const detail = zoomDetail('dailyLimit', { limit: deps.provider.dailyCreateLimit });
  return waitForDailyLimit(deps, tx, record, nextUtcMidnight(now), detail, now);
}

const PACE_MARGIN_MS = 10;
/** The longest an attempt waits for its create slot; beyond it the record is queued for later. */
export const MAX_PACE_WAIT_MS = 4_000;

/**
 * Takes the account's next free create slot (docs/product.md §4.3 rate limits, docs/zoom-facts.md §6.2), under the
 * slot row's lock in `tx`: `at` is when this create may be sent. When the next free slot is more
 * than MAX_PACE_WAIT_MS away, nothing is taken and `retryAt` says when to try again.
 */
async function takeCreateSlot(
  deps: ClaimDeps,
  tx: Tx,
  paceKey: string,
  now: Date,
): Promise<{ kind: 'now'; at: Date } | { kind: 'later'; retryAt: Date }> {
  const rate = deps.provider.createsPerSecond;
  if (!(rate > 0)) return { kind: 'now', at: now };
  // A few milliseconds more than 1/rate apart: sends jitter, and a sliding one-second window
  // counts a create that lands a hair early against the previous second.
  const spacingMs = 1000 / rate + PACE_MARGIN_MS;
  const next = sql`greatest(${providerCreateSlots.nextAt}, ${now.toISOString()}::timestamptz)`;
  const [taken] = await tx
    .insert(providerCreateSlots)
    .values({ paceKey, nextAt: new Date(now.getTime() + spacingMs) })
    .onConflictDoUpdate({
      target: providerCreateSlots.paceKey,
      set: { nextAt: sql`${next} + ${`${spacingMs} milliseconds`}::interval` },
      setWhere: sql`${next} <= ${new Date(now.getTime() + MAX_PACE_WAIT_MS).toISOString()}::timestamptz`,
    })
    .returning({ nextAt: providerCreateSlots.nextAt });
  if (taken) return { kind: 'now', at: new Date(taken.nextAt.getTime() - spacingMs) };
  const [row] = await tx
    .select({ nextAt: providerCreateSlots.nextAt })
    .from(providerCreateSlots)
    .where(eq(providerCreateSlots.paceKey, paceKey));
  return { kind: 'later', retryAt: new Date((row?.nextAt.getTime() ?? now.getTime()) - MAX_PACE_WAIT_MS / 2) };
}

/**
 * A new record's claim, made in its create's transaction; `settleNewClaim` reads its outcome once
 * that transaction has committed.
 */
export interface NewClaim {
  record: ClaimedRecord;
  claim: Claimed;
  counted: Promise<boolean>;
  backstopJobId: Promise<string | null>;
}

/**
 * For a Zoom record just inserted in `tx` (its host checked ready): claims it in the same
 * transaction, so the request can call Zoom straight after the commit, and queues the backstop
 * job. The claim's statement and the backstop are the transaction's last writes, checked with its
 * COMMIT: nothing in it depends on their answer. When the host's pace has no slot within reach,
 * the record waits for one instead (nothing claimed).
 */
export async function claimNewRecord(
  deps: ClaimDeps,
  tx: Tx,
  record: ClaimedRecord,
  host: ReadyHost,
  now: Date,
): Promise<NewClaim | undefined> {
  const backstopJobId = deps.queue.enqueue(
    tx,
    provisionMeetingJob,
    { meetingId: record.id, ecosystemId: record.ecosystemId },
    { startAfter: afterStale(now) },
  );
  backstopJobId.catch(() => {});
  const started = await startClaim(deps, tx, record, host, now);
  if (started.kind === 'skip') {
    const jobId = await backstopJobId;
    if (jobId) await deps.queue.discard(tx, provisionMeetingJob, jobId);
    return undefined;
  }
  tx.atCommit(started.written, backstopJobId);
  return { record, claim: started.claim, counted: started.counted, backstopJobId };
}

/**
 * After the create's commit: the request's attempt, or, when the host's day turned out full, the
 * record made to wait for the reset and the backstop dropped, in a transaction of their own.
 * Should this process die before that, the backstop job comes to the same end.
 */
export async function settleNewClaim(
  deps: ClaimDeps & { db: Db; now: () => Date },
  pending: NewClaim,
): Promise<ProvisionAttempt | undefined> {
  const [counted, backstopJobId] = await Promise.all([pending.counted, pending.backstopJobId]);
  if (counted) return { claimed: pending.claim, backstopJobId };
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    // Only while the record still waits as created: it may have been cancelled or changed since.
    const [record] = await tx
      .select({ status: meetings.status, zoomStatus: meetings.zoomStatus })
      .from(meetings)
      .where(eq(meetings.id, pending.record.id))
      .for('update');
    if (!record || record.status === 'cancelled' || record.zoomStatus !== 'pending') return;
    await waitForDailyReset(deps, tx, pending.record, now);
    if (backstopJobId) await deps.queue.discard(tx, provisionMeetingJob, backstopJobId);
  });
  return undefined;
}

export async function waitForDailyLimit(
  deps: Pick<ClaimDeps, 'queue'>,
  tx: Tx,
  record: Pick<MeetingRow, 'id' | 'ecosystemId'>,
  retryAt: Date,
  detail: string,
  now: Date,
) {
  await tx
    .update(meetings)
    .set({ zoomStatus: 'waiting_for_daily_limit', zoomDetail: detail, zoomRetryAt: retryAt, updatedAt: now })
    .where(eq(meetings.id, record.id));
  await deps.queue.enqueue(
    tx,
    provisionMeetingJob,
    { meetingId: record.id, ecosystemId: record.ecosystemId },
    { startAfter: retryAt },
  );
}
