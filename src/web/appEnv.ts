/** What every route can read from the request context. */
import type { AppDeps } from '../appDeps.ts';
import type { Logger } from '../logger.ts';
import type { ActiveSession } from '../auth/sessions.ts';
import type { Locale } from '../i18n/locales.ts';

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    log: Logger;
    requestId: string;
    /**
     * The signed-in session. On the JSON API it is read only when asked for (`loadSession`,
     * `requireSession`), so a route can read it inside its own statement instead.
     */
    session: ActiveSession | undefined;
    /** The session cookie's token, as sent (unchecked). */
    sessionToken: string | undefined;
    /** Whether `session` has been looked up. */
    sessionLoaded: boolean;
    /**
     * The token forms must echo: the session's, or a pre-session cookie's on sign-in/up pages.
     * Empty (matching nothing) on a JSON API request until its session is loaded.
     */
    csrfToken: string;
    /** The language the request is answered in (src/web/middleware/locale.ts). */
    locale: Locale;
  };
}
