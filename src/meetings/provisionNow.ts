/**
 * The request path "tries the job at once" (docs/product.md §4.1): after the record and its job committed,
 * the request runs the same handler directly, within a time budget, so normally the response
 * already carries the join URL. Whatever happens here, the queued job stays the source of truth:
 * it skips work already done and finishes work that did not finish.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { and, eq } from '../db/orm.ts';
import { meetings, providerMeetings } from '../db/schema.ts';
import { finishProvisionAttempt, provisionMeeting } from './provisionMeeting.ts';
import type { ProvisionAttempt } from './provisionClaim.ts';
import type { MeetingView } from './meetingQueries.ts';
import { removeProviderMeetings } from './removeProviderMeetings.ts';
import type { ProviderJobDeps } from './providerJobDeps.ts';

const TRY_NOW_BUDGET_MS = 8_000;

async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    work.catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs))),
  ]);
  clearTimeout(timer);
  return outcome;
}

/**
 * The request's attempt on a record it created and claimed in the same transaction: no second
 * claim, no job run. Resolves with the record when its meeting went live within the budget.
 */
export function finishProvisionNow(
  deps: ProviderJobDeps,
  meetingId: string,
  attempt: ProvisionAttempt,
  budgetMs = TRY_NOW_BUDGET_MS,
): Promise<MeetingView | undefined> {
  const log = deps.log.child({ meetingId, attempt: 'request' });
  return withinBudget(
    finishProvisionAttempt(deps, meetingId, attempt, { jobId: 'request', retryCount: 0, log }),
    budgetMs,
  );
}

export async function tryProvisionNow(
  deps: ProviderJobDeps,
  meetingId: string,
  budgetMs = TRY_NOW_BUDGET_MS,
): Promise<void> {
  const log = deps.log.child({ meetingId, attempt: 'request' });
  const deadline = performance.now() + budgetMs;
  const attempt = async () => {
    await provisionMeeting(deps, { meetingId }, { jobId: 'request', retryCount: 0, log });
    // A worker may have picked up the queued job first, so this attempt stood aside: wait for
    // that attempt's answer (within the budget) rather than answer "pending" a moment too early.
    while (performance.now() < deadline && (await createInFlight(deps, meetingId))) await delay(INFLIGHT_POLL_MS);
  };
  await withinBudget(attempt(), budgetMs);
}

const INFLIGHT_POLL_MS = 20;

async function createInFlight(deps: ProviderJobDeps, meetingId: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: providerMeetings.id })
    .from(providerMeetings)
    .innerJoin(meetings, eq(meetings.id, providerMeetings.meetingId))
    .where(
      and(
        eq(providerMeetings.meetingId, meetingId),
        eq(providerMeetings.state, 'creating'),
        eq(meetings.zoomStatus, 'pending'),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function tryRemoveNow(
  deps: ProviderJobDeps,
  meetingId: string,
  ecosystemId: string,
  budgetMs = TRY_NOW_BUDGET_MS,
): Promise<void> {
  const log = deps.log.child({ meetingId, attempt: 'request' });
  await withinBudget(
    removeProviderMeetings(deps, { meetingId, ecosystemId }, { jobId: 'request', retryCount: 0, log }),
    budgetMs,
  );
}
