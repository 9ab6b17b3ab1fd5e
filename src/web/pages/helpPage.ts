/**
 * `/help/zoom`: the product's published Zoom help page. Every promise on it holds (docs/product.md §7). It
 * lists the three scopes the integration needs (deleting a meeting needs `meeting:delete:meeting`,
 * docs/zoom-facts.md §2.1), and its uninstall and data-handling text says what the product does (tokens
 * deleted at once, Zoom meetings that already exist stay on the host's account, the
 * data-compliance notice sent within Zoom's 10-day window unless Zoom's deprecated endpoint is
 * switched off by the operator). "When your Zoom is used" says, in a host's words, when others'
 * records may put meetings on their Zoom (docs/product.md §2: only with their consent, per ecosystem).
 * "What the Zoom badges on a record mean" lists every state in the words the record pages use.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../appEnv.ts';
import { renderPage } from './render.ts';
import type { ZoomStatus } from '../../db/schema.ts';
import { ZOOM_STATES, zoomBadge } from '../views/zoomStatus.ts';

export function helpPage() {
  const pages = new Hono<AppEnv>();
  pages.get('/help/zoom', (c) => {
    const complianceOn = c.var.deps.config.zoom.dataCompliance;
    const perDay = c.var.deps.config.zoom.recordsForOthersPerDay;
    return renderPage(
      c,
      'Zoom Integration',
      html`<article class="card" id="zoom-help">
<p class="muted">Ekosistem App</p>
<h1>Zoom Integration</h1>
<p>Connect your Zoom account to Ekosistem App so Lets Meet bookings, mentorship sessions, and online events automatically include a Zoom meeting.</p>
<p class="muted">Last updated: November 2026</p>

<h2>What does this integration do?</h2>
<h3>Auto-create Zoom meetings</h3>
<p>When you create a Lets Meet booking, a mentorship session, or an online event with location type Zoom, a Zoom meeting is auto-created on your account. Attendees automatically receive the join URL by email (with a calendar invite), on the record's page, and — for events — in the confirmation when they register later. If Zoom is briefly unavailable, the meeting is created as soon as Zoom answers again and attendees are emailed then.</p>
<h3>Auto-cleanup on cancellation</h3>
<p>If the booking, session, or event is cancelled, the corresponding Zoom meeting is automatically deleted, retried until Zoom confirms. Rescheduling replaces the meeting with a new one and sends attendees the new link. No leftover 'ghost' meetings on your Zoom calendar. If you have disconnected Zoom when a record is cancelled, we show you the meeting ID so you can remove it yourself, and we delete it automatically if you reconnect the same Zoom account.</p>
<h3>Only actions you authorize</h3>
<p>We do not record meetings, access participant lists, or download recordings. Only meeting create and delete operations, and reading your own Zoom profile.</p>
<h3 id="when-your-zoom-is-used">When your Zoom is used</h3>
<ul>
  <li><strong>Your own records.</strong> A booking, session or event you create with yourself as host gets its meeting on your Zoom.</li>
  <li><strong>Records other people make with you as host</strong> — a member booking time with you, an admin scheduling your mentorship session — use your Zoom only in the ecosystems where you turned on <em>Let members schedule Zoom meetings with me</em> (Lets Meet → Manage, next to the Zoom card; off until you turn it on). Otherwise they are told Zoom is not available with you and can choose another location.</li>
  <li>When it is on, each person can put at most ${perDay} meetings a day on your Zoom (rescheduling one counts, since Zoom gets a new meeting), and you get an email about every new one, with a link to it. Turning it off stops new ones at once; meetings already made stay until their record is cancelled.</li>
  <li>Nobody can name you as host in an ecosystem you have not joined: joining is by invitation, and you are a member only after you accept it.</li>
</ul>

<h2>Zoom OAuth scopes requested</h2>
<ul>
  <li><code>meeting:write:meeting</code> — to create scheduled Zoom meetings on your behalf.</li>
  <li><code>meeting:delete:meeting</code> — to delete those meetings when their booking, session, or event is cancelled or rescheduled.</li>
  <li><code>user:read:user</code> — to retrieve the connected account's email and plan tier (Basic/Licensed), shown only as a 'Zoom connected (…)' label in the UI.</li>
</ul>

<h2>How to install</h2>
<ol>
  <li>Sign in to Ekosistem App and open Lets Meet → Manage in your ecosystem.</li>
  <li>Click 'Connect Zoom'. A new tab opens to Zoom's authorization screen.</li>
  <li>Sign in to Zoom and click 'Authorize' to grant the requested permissions.</li>
  <li>You're redirected back to Ekosistem App; the 'Zoom connected (your-email)' label appears, and the Manage page you started from updates by itself.</li>
  <li>When creating a booking, session, or event, choose 'Location type: Zoom' and the meeting is auto-generated.</li>
</ol>

<h2 id="zoom-states">What the Zoom badges on a record mean</h2>
<table class="stack-sm"><thead><tr><th>Badge</th><th>What it means</th><th>What you (the host) can do</th></tr></thead><tbody>
${Object.entries(ZOOM_STATES).map(
  ([status, text]) =>
    html`<tr><td>${zoomBadge(status as ZoomStatus)}</td><td>${text.meaning}</td><td data-label="What you can do">${text.hostAction}</td></tr>`,
)}</tbody></table>

<h2>How to uninstall</h2>
<h3>From within Ekosistem App</h3>
<ol>
  <li>Open Lets Meet → Manage → click 'Disconnect Zoom'.</li>
  <li>We revoke our access on Zoom's side and delete your tokens from our database immediately. If Zoom cannot be reached at that moment, your tokens are still deleted and we tell you to remove the app at Zoom Marketplace → Manage → Installed Apps.</li>
  <li>Zoom meetings that were already created stay on your Zoom account; after disconnecting they can no longer be removed automatically unless you reconnect.</li>
</ol>
<h3>From Zoom Marketplace</h3>
<ol>
  <li>Go to marketplace.zoom.us → 'Manage' → 'Installed Apps'.</li>
  <li>Click 'Remove' next to the Ekosistem App integration.</li>
  <li>Zoom triggers our deauthorization webhook; your tokens, Zoom email and plan tier are deleted immediately${
    complianceOn ? " and we send Zoom the data-compliance notification within Zoom's 10-day window" : ''
  }. Afterwards we keep only the Zoom meeting IDs stored with your records.</li>
</ol>

<h2>How we handle your data</h2>
<ul>
  <li>OAuth access and refresh tokens are stored encrypted with AES-256-GCM in our database. Plaintext is never logged or shown.</li>
  <li>We keep only your Zoom user ID, account ID, email, plan tier, the granted scopes and the encrypted tokens. Your email and plan tier are shown only as a 'Zoom connected (…)' label in the UI; nothing else is processed.</li>
  <li>Zoom meeting IDs, join URLs and passcodes are stored alongside the related booking/session/event record so attendees can join. When the record is cancelled, a DELETE call is made to Zoom.</li>
  <li>No meeting content, recordings, participant lists, or chat messages are collected, stored, or processed. The host link (start URL) Zoom returns is never stored.</li>
  <li>See Section 7 of our Privacy Policy for full details.</li>
</ul>

<h2>Need help?</h2>
<p>For questions about this integration, email <a href="mailto:info@ekosistem.app">info@ekosistem.app</a>. We typically respond within 1 business day.</p>
<p class="muted">Developer: Plademy Oy, Maria 01, Lapinlahdenkatu 16, 00180 Helsinki, Finland</p>
</article>`,
    );
  });
  return pages;
}
