/**
 * The Zoom card on Lets Meet → Manage (docs/product.md §3, src/web/pages/helpPage.ts "How to install"): connect in a new tab,
 * the original tab updates itself when the connection changes (BroadcastChannel from the callback
 * tab, with a bounded poll of /api/me as fallback), disconnect with what happened, and a
 * "Reconnect Zoom" banner when the connection needs it.
 */
import { html } from 'hono/html';
import type { ConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import { DISCONNECT_MESSAGES, type DisconnectOutcome } from '../../integrations/zoom/disconnectZoom.ts';
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
  const notice = model.lastDisconnect
    ? html`<p class="notice" role="status">${DISCONNECT_MESSAGES[model.lastDisconnect]}</p>`
    : '';
  const n = model.upcomingZoomMeetings;
  const meetingsText = `${n} upcoming Zoom meeting${n === 1 ? '' : 's'}`;
  // Without a connection those meetings are still on Zoom, out of our reach (docs/product.md §3.5).
  const upcoming =
    n === 0
      ? html`<p class="muted" id="zoom-upcoming">No upcoming Zoom meetings.</p>`
      : connection.status === 'connected'
        ? html`<p class="muted" id="zoom-upcoming">${meetingsText} on your account.</p>`
        : html`<p id="zoom-upcoming"><strong>${meetingsText} stay${n === 1 ? 's' : ''} on your Zoom account</strong> and can no longer be removed automatically unless you reconnect Zoom. Cancelling one shows its meeting ID, to delete in Zoom yourself.</p>`;
  let body: Html;
  if (!model.available) {
    body = html`<p>Zoom is not configured on this server.</p><button disabled>Connect Zoom</button>`;
  } else if (connection.status === 'connected') {
    body = html`<p><span class="pill ok">Connected</span> <strong id="zoom-connected-label">Zoom connected (${connection.email ?? ''}) · ${connection.planTier ?? ''}</strong></p>
      ${upcoming}
      ${connection.scopes ? html`<p class="muted">Scopes granted: ${connection.scopes.map((s, i) => html`${i ? ', ' : ''}<code>${s}</code>`)}</p>` : ''}
      <form method="post" action="/integrations/zoom/disconnect" class="row">
        ${csrfField(model.csrfToken)}<input type="hidden" name="returnTo" value="${model.returnTo}">
        <button class="secondary" type="submit">Disconnect Zoom</button>
      </form>
      <p class="muted">Disconnecting revokes our access at Zoom and deletes your tokens here. Existing Zoom meetings stay on your Zoom account and can no longer be removed automatically unless you reconnect.</p>`;
  } else {
    const banner =
      connection.status === 'needs_reconnect'
        ? html`<p class="error" role="alert"><strong>Reconnect Zoom.</strong> Zoom no longer accepts our access; new meetings wait and cancelled ones cannot be removed until you reconnect.</p>
          <p class="muted" id="zoom-remove-in-marketplace">To stop using Zoom here instead: we can no longer revoke our access for you, so remove Ekosistem App at Zoom Marketplace → Manage → Installed Apps (then this card shows that it was removed).</p>`
        : connection.status === 'deauthorized'
          ? html`<p class="error" role="alert">Ekosistem App was removed from your Zoom account, so your Zoom data was deleted. Connect again to use Zoom.</p>`
          : html`<p>Connect your Zoom account so bookings, sessions and events with location “Zoom” get a Zoom meeting automatically.</p>`;
    const label = connection.status === 'not_connected' ? 'Connect Zoom' : 'Reconnect Zoom';
    body = html`${banner}${upcoming}
      <p><a class="button" id="connect-zoom" href="/integrations/zoom/connect" target="_blank" rel="opener">${label}</a></p>
      <p class="muted" id="zoom-pending" hidden role="status">Waiting for Zoom — finish in the new tab. This page updates by itself. <a href="" id="zoom-pending-reload">Reload</a></p>`;
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
