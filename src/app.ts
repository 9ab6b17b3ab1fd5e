/**
 * createApp(deps): the whole HTTP surface as a Hono app, without listening.
 * Tests call `app.request()`; src/serve.ts (entered through src/main.ts) serves it.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './appDeps.ts';
import type { AppEnv } from './web/appEnv.ts';
import { requestContext } from './web/middleware/requestContext.ts';
import { sessionMiddleware } from './web/middleware/session.ts';
import { csrfMiddleware } from './web/middleware/csrf.ts';
import { localeMiddleware } from './web/middleware/locale.ts';
import { bodyLimits } from './web/middleware/bodyLimits.ts';
import { securityHeaders } from './web/middleware/securityHeaders.ts';
import { noStore } from './web/middleware/noStore.ts';
import { assetRoutes } from './web/assets/assetRoutes.ts';
import { errorResponse } from './web/errorResponses.ts';
import { NotFoundError } from './errors.ts';
import { authApi } from './web/api/authApi.ts';
import { ecosystemsApi } from './web/api/ecosystemsApi.ts';
import { availabilityApi } from './web/api/availabilityApi.ts';
import { respondApi } from './web/api/respondApi.ts';
import { meetingsApi } from './web/api/meetingsApi.ts';
import { healthRoutes } from './ops/healthRoutes.ts';
import { mailboxAllowed } from './ops/seedDemo.ts';
import { pageRoutes } from './web/pages/pageRoutes.ts';
import { createMailboxRoutes } from './mail/mailboxRoutes.ts';
import { zoomRoutes } from './web/zoom/zoomRoutes.ts';
import { webhookRoute } from './web/zoom/webhookRoute.ts';

export const WEBHOOK_PATH = '/integrations/zoom/webhook';

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestContext(deps));
  app.use('*', securityHeaders({ https: deps.config.secureCookies }));
  // Before anything reads a body or looks up a session (the webhook's limit is smaller).
  app.use('*', bodyLimits({ webhookPath: WEBHOOK_PATH }));
  app.route('/', healthRoutes());
  app.route('/', assetRoutes());
  app.use('*', noStore());
  app.use('*', sessionMiddleware());
  app.use('*', csrfMiddleware({ exemptPaths: [WEBHOOK_PATH] }));
  app.use('*', localeMiddleware());

  const api = new OpenAPIHono<AppEnv>();
  api.route('/', authApi());
  api.route('/', ecosystemsApi());
  api.route('/', meetingsApi());
  api.route('/', availabilityApi());
  api.route('/', respondApi());
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Ekosistem App — Lets Meet API', version: '1.0.0' },
  });
  app.route('/api', api);

  app.route('/', webhookRoute());
  app.route('/', zoomRoutes());
  app.route('/', pageRoutes());
  if (mailboxAllowed(deps.config)) {
    // Emulator mode without SMTP: mail is kept in the database and read here (docs/product.md §8).
    app.route('/dev/mailbox', createMailboxRoutes({ db: deps.database.db }));
  }

  app.notFound((c) => errorResponse(new NotFoundError('page'), c));
  app.onError((error, c) => errorResponse(error, c));
  return app;
}
