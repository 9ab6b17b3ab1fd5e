/**
 * The Zoom-facing paths outside parties rely on (docs/product.md §9): connect, callback, disconnect.
 * (The webhook lives in webhookRoute.ts.)
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../appEnv.ts';
import { layout } from '../views/layout.ts';
import { localPath } from '../pages/render.ts';
import { AppError, UnauthenticatedError } from '../../errors.ts';
import { completeZoomConnect, startZoomConnect } from '../../integrations/zoom/connectZoom.ts';
import { DISCONNECT_MESSAGES, disconnectZoom } from '../../integrations/zoom/disconnectZoom.ts';
import { countUpcomingZoomMeetings } from '../../integrations/zoom/upcomingZoomMeetings.ts';

/** Where a form may send the user back to: a local path only (no open redirects). */
export function safeReturnPath(value: unknown, fallback = '/ecosystems'): string {
  return localPath(value, { query: true }) ?? fallback;
}

function requireZoom(c: Context<AppEnv>) {
  const zoom = c.var.deps.zoom;
  if (!zoom) throw new AppError('zoom_not_configured', 'Zoom is not configured on this server.', 503);
  return zoom;
}

const page = (c: Context<AppEnv>, title: string, body: ReturnType<typeof html>, status: 200 | 400 = 200) =>
  c.html(
    layout(
      {
        title,
        session: c.var.session,
        csrfToken: c.var.csrfToken,
        emulatorBanner: c.var.deps.config.zoom.emulatorMode,
      },
      body,
    ),
    status,
  );

export function zoomRoutes() {
  const routes = new Hono<AppEnv>();

  routes.get('/integrations/zoom/connect', async (c) => {
    const session = c.var.session;
    if (!session) return c.redirect(`/signin?next=${encodeURIComponent('/integrations/zoom/connect')}`, 303);
    const url = await startZoomConnect(c.var.deps.database.db, requireZoom(c), session);
    return c.redirect(url, 302);
  });

  routes.get('/integrations/zoom/callback', async (c) => {
    const session = c.var.session;
    if (!session)
      throw new UnauthenticatedError(
        'Sign in to Ekosistem App in this browser, then connect Zoom again from Lets Meet → Manage.',
      );
    const zoom = requireZoom(c);
    const outcome = await completeZoomConnect(c.var.deps.database.db, zoom, session, {
      code: c.req.query('code'),
      state: c.req.query('state'),
      error: c.req.query('error'),
    });
    if (outcome.kind === 'refused') {
      c.var.log.info({ refusal: outcome.code }, 'Zoom connect refused');
      return page(
        c,
        'Zoom not connected',
        html`<div class="card"><h1>Zoom was not connected</h1><p class="error" role="alert">${outcome.message}</p>
          ${
            outcome.missingScopes
              ? html`<p>Missing scopes:</p><ul>${outcome.missingScopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>`
              : ''
          }
          <p>Nothing about your Zoom account was kept. You can close this tab.</p></div>`,
        400,
      );
    }
    await c.var.deps.onZoomConnected?.(session.user.id, outcome.zoomUserId);
    return page(
      c,
      'Zoom connected',
      html`<div class="card" id="zoom-connected"><h1>Zoom connected (${outcome.email}) · ${outcome.planTier}</h1>
        <p>You can close this tab: your Lets Meet → Manage page has updated.</p>
        <p><a href="/ecosystems">Back to Ekosistem App</a></p></div>
        <script src="/assets/zoomConnected.js"></script>`,
    );
  });

  routes.post('/integrations/zoom/disconnect', async (c) => {
    const session = c.var.session;
    if (!session) throw new UnauthenticatedError();
    const zoom = requireZoom(c);
    const { db } = c.var.deps.database;
    const upcoming = await countUpcomingZoomMeetings(db, session.user.id);
    const outcome = await disconnectZoom({ db, zoom, log: c.var.log }, session.user.id);
    const message = DISCONNECT_MESSAGES[outcome];
    // The Manage page's form gets a redirect back; anything else is the JSON API (docs/product.md §3.5).
    const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(
      c.req.header('content-type') ?? '',
    );
    if (!isForm) {
      return c.json({
        status: 'not_connected',
        outcome,
        revokedAtZoom: outcome === 'revoked',
        message,
        upcomingZoomMeetings: upcoming,
      });
    }
    const body = await c.req.parseBody();
    const back = new URL(safeReturnPath(body['returnTo']), 'http://x');
    back.searchParams.set('zoom', outcome);
    return c.redirect(back.pathname + back.search, 303);
  });

  return routes;
}
