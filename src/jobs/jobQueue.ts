/**
 * Durable jobs on pg-boss, on both back-ends (PGlite through pg-boss's `fromPglite` adapter,
 * PostgreSQL through its own pool). `enqueue` joins the caller's transaction through pg-boss's
 * documented `db` option (an `executeSql` adapter, `Queries.join`), so a domain write and the jobs
 * it implies commit or roll back together.
 */
import { PgBoss, fromPglite, type Clock } from 'pg-boss';
import type { Database, Queries } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { JobContext, JobDefinition, RegisteredJob } from './defineJob.ts';

export interface EnqueueOptions {
  /** Run no earlier than this. */
  startAfter?: Date;
  /** At most one queued job per key (pg-boss singleton). */
  singletonKey?: string;
}

export interface JobQueue {
  /**
   * Enqueues inside `db`: a transaction (the job commits with it; in a transaction the returned
   * promise may be left to `Tx.atCommit`), or the database for a standalone job. Sends one
   * statement; resolves with the job id (null when a singleton of the same key is queued).
   */
  enqueue<T>(db: Queries, definition: JobDefinition<T>, data: T, options?: EnqueueOptions): Promise<string | null>;
  /** Removes a queued job inside `db` (the caller's transaction), e.g. a backstop that is no longer needed. */
  discard<T>(db: Queries, definition: JobDefinition<T>, jobId: string): Promise<void>;
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
  const clock = {
    ...(options.clock ? { clock: options.clock } : {}),
    superviseIntervalSeconds: 15,
    monitorIntervalSeconds: 15,
    queueCacheIntervalSeconds: 15,
  };
  // LISTEN/NOTIFY: a job enqueued by any instance wakes the workers at once (the NOTIFY is sent
  // when the enqueuing transaction commits). Polling stays as the floor, for jobs that become due
  // later (retries, `startAfter`) and for a missed notification.
  const boss =
    database.driver.kind === 'pglite'
      ? new PgBoss({
          db: fromPglite(database.driver.pglite),
          backend: 'pglite',
          schedule: false,
          useListenNotify: true,
          ...clock,
        })
      : new PgBoss({
          connectionString: database.driver.connectionString,
          max: 4,
          schedule: false,
          useListenNotify: true,
          ...clock,
        });
  boss.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'));
  boss.on('warning', (warning: unknown) => log.warn({ warning }, 'job queue warning'));
  const handlers = new Map<string, RegisteredJob>();
  let started = false;

  /**
   * Runs a fetched batch: each job with a valid payload goes to the kind's batch handler, or to its
   * handler (all at once). A job that fails is failed on its own (retried with its backoff); the
   * others are returned, to be completed together.
   */
  async function runBatch<J extends { id: string; data: unknown; retryCount: number }>(
    entry: RegisteredJob,
    jobs: J[],
  ): Promise<J[]> {
    const name = entry.definition.name;
    const valid: { job: J; data: unknown; context: JobContext }[] = [];
    for (const job of jobs) {
      const jobLog = log.child({ job: name, jobId: job.id });
      // Payloads are re-validated when run: they may have been written by older code.
      const parsed = entry.definition.schema.safeParse(job.data);
      if (!parsed.success) {
        jobLog.error({ issues: parsed.error.issues }, 'job payload is invalid; not retried');
        await boss.fail(name, { id: job.id, retryCount: job.retryCount }, { error: 'invalid_payload' });
        await boss.cancel(name, job.id).catch(() => {});
        continue;
      }
      valid.push({ job, data: parsed.data, context: { jobId: job.id, retryCount: job.retryCount, log: jobLog } });
    }
    let failures = new Map<number, unknown>();
    if (entry.batchHandler && valid.length > 0) {
      failures = await entry.batchHandler(valid).catch((error: unknown) => new Map(valid.map((_, i) => [i, error])));
    } else {
      await Promise.all(
        valid.map(async (item, i) => {
          try {
            await entry.handler(item.data, item.context);
          } catch (error) {
            failures.set(i, error);
          }
        }),
      );
    }
    for (const [i, error] of failures) {
      const { job, context } = valid[i]!;
      context.log.warn({ err: error }, 'job attempt failed');
      await boss.fail(name, { id: job.id, retryCount: job.retryCount }, { error: errorSummary(error) });
    }
    return valid.filter((_, i) => !failures.has(i)).map((item) => item.job);
  }

  return {
    enqueue(db, definition, data, options = {}) {
      return db.join((adapter) =>
        boss.send(definition.name, definition.schema.parse(data) as object, {
          db: adapter,
          retryLimit: definition.policy.retryLimit,
          retryDelay: definition.policy.retryDelay,
          retryBackoff: definition.policy.retryBackoff,
          ...(definition.policy.retryDelayMax ? { retryDelayMax: definition.policy.retryDelayMax } : {}),
          expireInSeconds: definition.policy.expireInSeconds,
          ...(options.startAfter ? { startAfter: options.startAfter } : {}),
          ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        }),
      );
    },

    discard(db, definition, jobId) {
      return db.join(async (adapter) => {
        await boss.deleteJob(definition.name, jobId, { db: adapter });
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
          await boss
            .createQueue(entry.definition.name, {
              retryLimit: entry.definition.policy.retryLimit,
              retryDelay: entry.definition.policy.retryDelay,
              retryBackoff: entry.definition.policy.retryBackoff,
              expireInSeconds: entry.definition.policy.expireInSeconds,
              notify: true,
            })
            .catch(async (error: unknown) => {
              // Another instance created it between our check and our create.
              if (!(await boss.getQueue(entry.definition.name))) throw error;
            });
        } else if (!existing.notify) {
          // Created by an older version, before enqueues sent NOTIFY.
          await boss.updateQueue(entry.definition.name, { notify: true });
        }
        if (work) {
          await boss.work(
            entry.definition.name,
            {
              // Up to `batchSize` due jobs per fetch, run together; while fetches come back full
              // (a backlog after an outage or a crash) the worker fetches again at once.
              batchSize: entry.definition.policy.batchSize,
              burstWhenBatchFull: entry.definition.policy.batchSize > 1,
              localConcurrency: 2,
              // The floor for jobs that become due later (NOTIFY wakes workers for new ones).
              pollingIntervalSeconds: 1,
              notifyPollingIntervalSeconds: 2,
            },
            async (jobs) => {
              // Jobs that failed were failed one by one; pg-boss completes the rest in one statement.
              await runBatch(entry, jobs);
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
          const jobs = await boss.fetch<unknown>(name, { batchSize: Math.min(20, limit - ran) });
          if (jobs.length === 0) continue;
          progressed = true;
          ran += jobs.length;
          const done = await runBatch(entry, jobs);
          if (done.length > 0)
            await boss.complete(
              name,
              done.map((job) => ({ id: job.id, retryCount: job.retryCount })),
            );
          if (ran >= limit) return ran;
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
  if (error instanceof Error)
    return `${(error as { code?: string }).code ?? error.name}: ${error.message}`.slice(0, 500);
  return String(error).slice(0, 500);
}
