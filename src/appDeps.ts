/**
 * The composition root's type: every dependency the process wires (src/ops/runtime.ts, or a test
 * app) and hands down to the HTTP app (src/app.ts) and the job registry (src/worker.ts). It lives
 * here, beside them, so nothing below (web/, ops/, capabilities) has to reach up for it.
 */
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { JobQueue } from './jobs/jobQueue.ts';
import type { Logger } from './logger.ts';
import type { MeetingProvider } from './meetings/provider.ts';
import type { ProviderJobDeps } from './meetings/providerJobDeps.ts';
import type { ZoomIntegration } from './integrations/zoom/zoomIntegration.ts';
import type { DeauthorizationPayload, DeauthorizationResult } from './integrations/zoom/deauthorization.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  queue: JobQueue;
  log: Logger;
  provider: MeetingProvider;
  /** The app's clock (tests move it); defaults to the system clock. */
  now?: (() => Date) | undefined;
  /** Absent when Zoom is not wired (some tests); the Zoom routes then say so. */
  zoom?: ZoomIntegration | undefined;
  /** Runs after a successful (re)connect: resumes Zoom work waiting for this host (docs/product.md §3.6). */
  onZoomConnected?: ((userId: string, zoomUserId: string) => Promise<void>) | undefined;
  /** Handles a verified `app_deauthorized` (src/integrations/zoom/deauthorization.ts). */
  onZoomDeauthorized?: ((payload: DeauthorizationPayload) => Promise<DeauthorizationResult>) | undefined;
  /**
   * What the provider jobs need, built once here by whoever assembles the rest (withJobDeps), so
   * the request path's try-at-once and the worker run the same handlers on the same deps.
   */
  providerJobs: ProviderJobDeps;
}

/** Completes `deps` with the provider jobs' deps, derived from the rest. */
export function withJobDeps(deps: Omit<AppDeps, 'providerJobs'>): AppDeps {
  return {
    ...deps,
    providerJobs: {
      db: deps.database.db,
      queue: deps.queue,
      provider: deps.provider,
      appBaseUrl: deps.config.appBaseUrl,
      log: deps.log,
      now: deps.now ?? (() => new Date()),
    },
  };
}
