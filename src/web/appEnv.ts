/** What every route can read from the request context. */
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { Logger } from '../logger.ts';
import type { ActiveSession } from '../auth/sessions.ts';
import type { MeetingProvider } from '../meetings/provider.ts';
import type { ZoomIntegration } from '../integrations/zoom/zoomIntegration.ts';
import type { DeauthorizationPayload, DeauthorizationResult } from '../integrations/zoom/deauthorization.ts';

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
  /** Runs after a successful (re)connect: resumes Zoom work waiting for this host (SPEC §3.6). */
  onZoomConnected?: ((userId: string, zoomUserId: string) => Promise<void>) | undefined;
  /** Handles a verified `app_deauthorized` (src/integrations/zoom/deauthorization.ts). */
  onZoomDeauthorized?: ((payload: DeauthorizationPayload) => Promise<DeauthorizationResult>) | undefined;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    log: Logger;
    requestId: string;
    session: ActiveSession | undefined;
    /** The token forms must echo: the session's, or a pre-session cookie's on sign-in/up pages. */
    csrfToken: string;
  };
}
