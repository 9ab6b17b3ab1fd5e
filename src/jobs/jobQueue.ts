/**
 * Durable jobs on pg-boss, on both back-ends (PGlite through pg-boss's `fromPglite` adapter,
 * PostgreSQL through its own pool). `enqueue` joins the caller's drizzle transaction, so a domain
 * write and the jobs it implies commit or roll back together.
 */
import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type Clock } from 'pg-boss';
import type { Database, Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { JobDefinition, RegisteredJob } from './defineJob.ts';

export interface EnqueueOptions {
  /** Run no earlier than this. */
  startAfter?: Date;
  /** At most one queued job per key (pg-boss singleton). */
  singletonKey?: string;
}

export interface JobQueue {
  /** Enqueues inside `db` (a drizzle transaction, or the database for a standalone job). */
  enqueue<T>(db: Db, definition: JobDefinition<T>, data: T, options?: EnqueueOptions): Promise<string | null>;
  /** Creates the queues; with `work`, also polls and runs them in this process. */
  start(registry: RegisteredJob[], options: { work: boolean }): Promise<void>;
  /**
   * Runs every job that is due now until none is left (tests, CLI commands, and the request path
   * that tries a job at once). Returns the number of jobs run.
   */
  runDueJobs(options?: { only?: string[]; limit?: number }): Promise<number>;
  queueDepth(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * `clock` defaults to the system clock; tests pass pg-boss's TestClock so that "run after N days"
 * can be reached by moving time instead of waiting (pg-boss's SQL then reads the same time).
 */
export function createJobQueue(database: Database, log: Logger, options: { clock?: Clock } = {}): JobQueue {
  // Jobs whose worker died (still `active` past expireInSeconds) are found and retried by pg-boss's
  // supervisor; checking every 15 s (default 60) keeps recovery after a crash within about a minute.
  // The queue cache (every 15 s, default 60) carries the ready count that starts a worker's burst.
  const clock = { ...(options.clock ? { clock: options.clock } : {}), superviseIntervalSeconds: 15, monitorIntervalSeconds: 15, queueCacheIntervalSeconds: 15 };
  const boss =
    database.driver.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.driver.pglite), backend: 'pglite', schedule: false, ...clock })
      : new PgBoss({ connectionString: database.driver.connectionString, max: 4, schedule: false, ...clock });
  boss.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'));
  const handlers = new Map<string, RegisteredJob>();
  let started = false;

  async function runOne(entry: RegisteredJob, job: { id: string; data: unknown; retryCount: number }) {
    const jobLog = log.child({ job: entry.definition.name, jobId: job.id });
    // Payloads are re-validated when run: they may have been written by older code.
    const parsed = entry.definition.schema.safeParse(job.data);
    if (!parsed.success) {
      jobLog.error({ issues: parsed.error.issues }, 'job payload is invalid; not retried');
      await boss.fail(entry.definition.name, { id: job.id, retryCount: job.retryCount }, { error: 'invalid_payload' });
      await boss.cancel(entry.definition.name, job.id).catch(() => {});
      return;
    }
    await entry.handler(parsed.data, { jobId: job.id, retryCount: job.retryCount, log: jobLog });
  }

  return {
    async enqueue(db, definition, data, options = {}) {
      const payload = definition.schema.parse(data);
      return boss.send(definition.name, payload as object, {
        db: fromDrizzle(db as never, sql),
        retryLimit: definition.policy.retryLimit,
        retryDelay: definition.policy.retryDelay,
        retryBackoff: definition.policy.retryBackoff,
        ...(definition.policy.retryDelayMax ? { retryDelayMax: definition.policy.retryDelayMax } : {}),
        expireInSeconds: definition.policy.expireInSeconds,
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
    },

    async start(registry, { work }) {
      if (!started) {
        await boss.start();
        started = true;
      }
      for (const entry of registry) {
        handlers.set(entry.definition.name, entry);
        const existing = await boss.getQueue(entry.definition.name);
        if (!existing) {
          await boss.createQueue(entry.definition.name, {
            retryLimit: entry.definition.policy.retryLimit,
            retryDelay: entry.definition.policy.retryDelay,
            retryBackoff: entry.definition.policy.retryBackoff,
            expireInSeconds: entry.definition.policy.expireInSeconds,
          }).catch(async (error: unknown) => {
            // Another instance created it between our check and our create.
            if (!(await boss.getQueue(entry.definition.name))) throw error;
          });
        }
        if (work) {
          await boss.work(
            entry.definition.name,
            // While a backlog waits (after a Zoom outage, a crash), fetch again at once instead of
            // once per polling interval: otherwise each slot runs one job a second (found by the
            // chaos soak, where thousands of mails drained at 4 a second). A fetch that comes back
            // empty returns to polling.
            { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 1, burstWhenReadyExceeds: 1 },
            async ([job]) => {
              if (job) await runOne(entry, job);
            },
          );
        }
      }
    },

    async runDueJobs(options = {}) {
      let ran = 0;
      const limit = options.limit ?? 10_000;
      for (;;) {
        let progressed = false;
        for (const [name, entry] of handlers) {
          if (options.only && !options.only.includes(name)) continue;
          const jobs = await boss.fetch<unknown>(name, { batchSize: 20 });
          for (const job of jobs) {
            progressed = true;
            ran++;
            try {
              await runOne(entry, job);
              await boss.complete(name, { id: job.id, retryCount: job.retryCount });
            } catch (error) {
              log.warn({ err: error, job: name, jobId: job.id }, 'job attempt failed');
              await boss.fail(name, { id: job.id, retryCount: job.retryCount }, { error: errorSummary(error) });
            }
            if (ran >= limit) return ran;
          }
        }
        if (!progressed) return ran;
      }
    },

    async queueDepth() {
      const depth: Record<string, number> = {};
      for (const name of handlers.keys()) {
        const [stats] = await boss.getQueueStats(name).catch(() => []);
        depth[name] = stats ? Number((stats as { queuedCount?: number }).queuedCount ?? 0) : 0;
      }
      return depth;
    },

    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: 5000 });
      started = false;
    },
  };
}

function errorSummary(error: unknown): string {
  if (error instanceof Error) return `${(error as { code?: string }).code ?? error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
