/**
 * The Zoom-facing paths outside parties rely on (docs/product.md §9): connect, callback, disconnect.
 * (The webhook lives in webhookRoute.ts.)
 */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../appEnv.ts';
import { layout } from '../views/layout.ts';
import { wantsJson } from '../errorResponses.ts';
import { pageText, textFor } from '../../i18n/pageText.ts';
import { requestLocale } from '../middleware/locale.ts';
import { localPath } from '../pages/render.ts';
import { AppError, UnauthenticatedError } from '../../errors.ts';
import { completeZoomConnect, type ConnectOutcome, startZoomConnect } from '../../integrations/zoom/connectZoom.ts';
import { disconnectZoom } from '../../integrations/zoom/disconnectZoom.ts';
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

/**
 * Why Zoom's answer was refused, in the page's language. English readers get the refusal's own
 * message (it can carry Zoom's detail); the others get its code's text from the catalogue.
 */
function refusalText(outcome: Extract<ConnectOutcome, { kind: 'refused' }>): string {
  const { locale, t } = pageText();
  return locale === 'en' ? outcome.message : t(`zoom.refusals.${outcome.code}`);
}

const page = (c: Context<AppEnv>, title: string, body: ReturnType<typeof html>, status: 200 | 400 | 401 = 200) =>
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
    const { t } = pageText();
    if (!session) {
      if (wantsJson(c))
        throw new UnauthenticatedError(
          'Sign in to Ekosistem App in this browser, then connect Zoom again from Lets Meet → Manage.',
        );
      // Zoom sent back a browser that is not signed in here: say how to finish, in the page's language.
      return page(
        c,
        t('zoom.flow.notConnectedTitle'),
        html`<div class="card"><h1 class="wrap">${t('zoom.flow.notConnectedHeading')}</h1><p class="error" role="alert">${t('zoom.flow.signedOut')}</p>
          <p><a class="button" href="/signin">${t('common.layout.signIn')}</a></p></div>`,
        401,
      );
    }
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
        t('zoom.flow.notConnectedTitle'),
        html`<div class="card"><h1 class="wrap">${t('zoom.flow.notConnectedHeading')}</h1><p class="error wrap" role="alert">${refusalText(outcome)}</p>
          ${
            outcome.missingScopes
              ? html`<p>${t('zoom.flow.missingScopes')}</p><ul>${outcome.missingScopes.map((s) => html`<li><code>${s}</code></li>`)}</ul>`
              : ''
          }
          <p>${t('zoom.flow.nothingKept')}</p></div>`,
        400,
      );
    }
    await c.var.deps.onZoomConnected?.(session.user.id, outcome.zoomUserId);
    // The heading holds the Zoom email, one long word: `wrap` breaks it on a phone (390 px)
    // instead of widening the page.
    return page(
      c,
      t('zoom.flow.connectedTitle'),
      html`<div class="card" id="zoom-connected"><h1 class="wrap">${t('zoom.flow.connectedHeading', { email: outcome.email, plan: outcome.planTier })}</h1>
        <p>${t('zoom.flow.canClose')}</p>
        <p><a href="/ecosystems">${t('zoom.flow.back')}</a></p></div>
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
    // The JSON answer's message is for the reader too: in their language (English: as before).
    const message = textFor(requestLocale(c)).t(`zoom.disconnect.${outcome}`);
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
