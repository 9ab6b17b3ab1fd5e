/**
 * The Zoom card on Lets Meet → Manage (docs/product.md §3, src/web/pages/helpPage.ts "How to install"): connect in a new tab,
 * the original tab updates itself when the connection changes (BroadcastChannel from the callback
 * tab, with a bounded poll of /api/me as fallback), disconnect with what happened, and a
 * "Reconnect Zoom" banner when the connection needs it.
 */
import { html } from 'hono/html';
import type { ConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import type { DisconnectOutcome } from '../../integrations/zoom/disconnectZoom.ts';
import { pageText } from '../../i18n/pageText.ts';
import { csrfField, type Html } from './layout.ts';

export interface ZoomCardModel {
  available: boolean;
  connection: ConnectionSummary;
  upcomingZoomMeetings: number;
  csrfToken: string;
  /** The Manage page's own path, for the disconnect form to come back to. */
  returnTo: string;
  lastDisconnect?: DisconnectOutcome | undefined;
}

export function zoomCard(model: ZoomCardModel): Html {
  const { connection } = model;
  const { t } = pageText();
  const notice = model.lastDisconnect
    ? html`<p class="notice" role="status">${t(`zoom.disconnect.${model.lastDisconnect}`)}</p>`
    : '';
  const count = model.upcomingZoomMeetings;
  // Without a connection those meetings are still on Zoom, out of our reach (docs/product.md §3.5).
  const upcoming =
    count === 0
      ? html`<p class="muted" id="zoom-upcoming">${t('zoom.card.noUpcoming')}</p>`
      : connection.status === 'connected'
        ? html`<p class="muted" id="zoom-upcoming">${t('zoom.card.upcomingOnAccount', { count })}</p>`
        : html`<p id="zoom-upcoming"><strong>${t('zoom.card.upcomingStay', { count })}</strong> ${t('zoom.card.upcomingStayRest', { count })}</p>`;
  let body: Html;
  if (!model.available) {
    body = html`<p>${t('zoom.card.notConfigured')}</p><button disabled>${t('zoom.card.connect')}</button>`;
  } else if (connection.status === 'connected') {
    // The email is one long word: `wrap` lets it break on a phone instead of widening the page.
    body = html`<p class="wrap"><span class="pill ok">${t('zoom.card.connectedPill')}</span> <strong id="zoom-connected-label">${t('zoom.card.connectedLabel', { email: connection.email ?? '', plan: connection.planTier ?? '' })}</strong></p>
      ${upcoming}
      ${connection.scopes ? html`<p class="muted">${t('zoom.card.scopesGranted')} ${connection.scopes.map((s, i) => html`${i ? ', ' : ''}<code>${s}</code>`)}</p>` : ''}
      <form method="post" action="/integrations/zoom/disconnect" class="row">
        ${csrfField(model.csrfToken)}<input type="hidden" name="returnTo" value="${model.returnTo}">
        <button class="secondary" type="submit">${t('zoom.card.disconnect')}</button>
      </form>
      <p class="muted">${t('zoom.card.disconnectExplained')}</p>`;
  } else {
    const banner =
      connection.status === 'needs_reconnect'
        ? html`<p class="error" role="alert"><strong>${t('zoom.card.reconnectTitle')}</strong> ${t('zoom.card.reconnectBanner')}</p>
          <p class="muted" id="zoom-remove-in-marketplace">${t('zoom.card.removeInMarketplace')}</p>`
        : connection.status === 'deauthorized'
          ? html`<p class="error" role="alert">${t('zoom.card.deauthorized')}</p>`
          : html`<p>${t('zoom.card.intro')}</p>`;
    const label = connection.status === 'not_connected' ? t('zoom.card.connect') : t('zoom.card.reconnect');
    body = html`${banner}${upcoming}
      <p><a class="button" id="connect-zoom" href="/integrations/zoom/connect" target="_blank" rel="opener">${label}</a></p>
      <p class="muted" id="zoom-pending" hidden role="status" data-timed-out="${t('zoom.card.pendingTimedOut')}"><span id="zoom-pending-text">${t('zoom.card.pending')}</span> <a href="" id="zoom-pending-reload">${t('zoom.card.reload')}</a></p>`;
  }
  return html`<section class="card" id="zoom-card" data-status="${connection.status}">
  <h2>Zoom</h2>
  ${notice}${body}
</section>`;
}

/**
 * Progressive enhancement for the card (src/web/assets/zoomCard.js, served at /assets): when the
 * callback tab reports a change (or /api/me shows one), the script fetches the card fragment and
 * swaps it in. A file, not inline, so the Content-Security-Policy allows no inline script.
 */
export function zoomCardScript(fragmentUrl: string): Html {
  return html`<script src="/assets/zoomCard.js" data-fragment-url="${fragmentUrl}"></script>`;
}
