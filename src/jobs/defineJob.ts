/**
 * A job kind: its queue name, the zod schema of its payload, and retry policy. Capabilities define
 * their jobs (e.g. mail/sendMailJob.ts) and their handlers; src/worker.ts assembles the registry.
 * This folder knows nothing of what jobs do.
 */
import type { z } from 'zod';
import type { Logger } from '../logger.ts';

export interface RetryPolicy {
  /** Attempts after the first. */
  retryLimit: number;
  /** Seconds before the first retry. */
  retryDelay: number;
  /** Exponential backoff with jitter (pg-boss adds the jitter). */
  retryBackoff: boolean;
  retryDelayMax?: number;
  /** Seconds a running attempt may take before it is considered dead and retried. */
  expireInSeconds: number;
  /** Due jobs a worker fetches and runs together. */
  batchSize: number;
}

export interface JobDefinition<T> {
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly policy: RetryPolicy;
}

const DEFAULT_POLICY: RetryPolicy = {
  retryLimit: 10,
  retryDelay: 5,
  retryBackoff: true,
  retryDelayMax: 3600,
  expireInSeconds: 300,
  batchSize: 5,
};

export function defineJob<T>(name: string, schema: z.ZodType<T>, policy: Partial<RetryPolicy> = {}): JobDefinition<T> {
  if (!/^[a-z][a-z0-9_.-]*$/.test(name)) throw new Error(`invalid job name ${name}`);
  return { name, schema, policy: { ...DEFAULT_POLICY, ...policy } };
}

export interface JobContext {
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
  log: Logger;
}

/** Handlers must be idempotent: a job can run more than once (crash after the side effect). */
export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

/** One job of a batch, as a batch handler gets it. */
export interface BatchItem<T> {
  data: T;
  context: JobContext;
}

/**
 * Runs a fetched batch of jobs of one kind together (e.g. one read and one write for all of them
 * instead of one each). Resolves with the error of each item that failed (by index); those are
 * retried on their own, the others count as done. Same idempotency rule as JobHandler.
 */
export type BatchJobHandler<T> = (items: BatchItem<T>[]) => Promise<Map<number, unknown>>;

export interface RegisteredJob<T = unknown> {
  definition: JobDefinition<T>;
  handler: JobHandler<T>;
  batchHandler?: BatchJobHandler<T>;
}

export function handleJob<T>(
  definition: JobDefinition<T>,
  handler: JobHandler<T>,
  batchHandler?: BatchJobHandler<T>,
): RegisteredJob {
  return { definition, handler, ...(batchHandler ? { batchHandler } : {}) } as unknown as RegisteredJob;
}
