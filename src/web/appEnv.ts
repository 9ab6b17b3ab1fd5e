/** What every route can read from the request context. */
import type { AppDeps } from '../appDeps.ts';
import type { Logger } from '../logger.ts';
import type { ActiveSession } from '../auth/sessions.ts';

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
