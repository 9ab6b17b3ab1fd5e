/**
 * `/help/zoom`: the product's published Zoom help page. Every promise on it holds (docs/product.md §7). It
 * lists the three scopes the integration needs (deleting a meeting needs `meeting:delete:meeting`,
 * docs/zoom-facts.md §2.1), and its uninstall and data-handling text says what the product does (tokens
 * deleted at once, Zoom meetings that already exist stay on the host's account, the
 * data-compliance notice sent within Zoom's 10-day window unless Zoom's deprecated endpoint is
 * switched off by the operator). "When your Zoom is used" says, in a host's words, when others'
 * records may put meetings on their Zoom (docs/product.md §2: only with their consent, per ecosystem).
 * "What the Zoom badges on a record mean" lists every state in the words the record pages use.
 * The page speaks the reader's language (docs/product.md §15): English is the published text;
 * Finnish and Swedish keep every promise of it (catalogue section `help`).
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../appEnv.ts';
import { renderPage } from './render.ts';
import { pageText } from '../../i18n/pageText.ts';
import type { ZoomStatus } from '../../db/schema.ts';
import { ZOOM_STATES, zoomBadge } from '../views/zoomStatus.ts';

export function helpPage() {
  const pages = new Hono<AppEnv>();
  pages.get('/help/zoom', (c) => {
    const complianceOn = c.var.deps.config.zoom.dataCompliance;
    const perDay = c.var.deps.config.zoom.recordsForOthersPerDay;
    const { t } = pageText();
    return renderPage(
      c,
      t('help.zoom.title'),
      html`<article class="card" id="zoom-help">
<p class="muted">Ekosistem App</p>
<h1 class="wrap">${t('help.zoom.title')}</h1>
<p>${t('help.zoom.intro')}</p>
<p class="muted">${t('help.zoom.lastUpdated')}</p>

<h2 class="wrap">${t('help.zoom.what.heading')}</h2>
<h3 class="wrap">${t('help.zoom.what.createHeading')}</h3>
<p>${t('help.zoom.what.create')}</p>
<h3 class="wrap">${t('help.zoom.what.cleanupHeading')}</h3>
<p>${t('help.zoom.what.cleanup')}</p>
<h3 class="wrap">${t('help.zoom.what.onlyHeading')}</h3>
<p>${t('help.zoom.what.only')}</p>
<h3 class="wrap" id="when-your-zoom-is-used">${t('help.zoom.whenUsed.heading')}</h3>
<ul>
  <li><strong>${t('help.zoom.whenUsed.ownTitle')}</strong> ${t('help.zoom.whenUsed.own')}</li>
  <li><strong>${t('help.zoom.whenUsed.othersTitle')}</strong> ${t('help.zoom.whenUsed.othersBefore')} <em>${t('ecosystem.zoomForOthers.label')}</em> ${t('help.zoom.whenUsed.othersAfter')}</li>
  <li>${t('help.zoom.whenUsed.limit', { count: perDay })}</li>
  <li>${t('help.zoom.whenUsed.members')}</li>
</ul>

<h2 class="wrap">${t('help.zoom.scopes.heading')}</h2>
<ul>
  <li><code>meeting:write:meeting</code> — ${t('help.zoom.scopes.write')}</li>
  <li><code>meeting:delete:meeting</code> — ${t('help.zoom.scopes.delete')}</li>
  <li><code>user:read:user</code> — ${t('help.zoom.scopes.read')}</li>
</ul>

<h2 class="wrap">${t('help.zoom.install.heading')}</h2>
<ol>
  <li>${t('help.zoom.install.step1')}</li>
  <li>${t('help.zoom.install.step2')}</li>
  <li>${t('help.zoom.install.step3')}</li>
  <li>${t('help.zoom.install.step4')}</li>
  <li>${t('help.zoom.install.step5')}</li>
</ol>

<h2 class="wrap" id="zoom-states">${t('help.zoom.states.heading')}</h2>
<table class="stack-sm"><thead><tr><th>${t('help.zoom.states.badge')}</th><th>${t('help.zoom.states.meaning')}</th><th>${t('help.zoom.states.hostAction')}</th></tr></thead><tbody>
${Object.entries(ZOOM_STATES).map(
  ([status, text]) =>
    html`<tr><td>${zoomBadge(status as ZoomStatus)}</td><td>${text.meaning}</td><td data-label="${t('help.zoom.states.hostActionShort')}">${text.hostAction}</td></tr>`,
)}</tbody></table>

<h2 class="wrap">${t('help.zoom.uninstall.heading')}</h2>
<h3 class="wrap">${t('help.zoom.uninstall.appHeading')}</h3>
<ol>
  <li>${t('help.zoom.uninstall.app1')}</li>
  <li>${t('help.zoom.uninstall.app2')}</li>
  <li>${t('help.zoom.uninstall.app3')}</li>
</ol>
<h3 class="wrap">${t('help.zoom.uninstall.marketplaceHeading')}</h3>
<ol>
  <li>${t('help.zoom.uninstall.marketplace1')}</li>
  <li>${t('help.zoom.uninstall.marketplace2')}</li>
  <li>${complianceOn ? t('help.zoom.uninstall.marketplace3WithNotice') : t('help.zoom.uninstall.marketplace3')}</li>
</ol>

<h2 class="wrap">${t('help.zoom.data.heading')}</h2>
<ul>
  <li>${t('help.zoom.data.tokens')}</li>
  <li>${t('help.zoom.data.kept')}</li>
  <li>${t('help.zoom.data.meetingIds')}</li>
  <li>${t('help.zoom.data.notCollected')}</li>
  <li>${t('help.zoom.data.privacy')}</li>
</ul>

<h2 class="wrap">${t('help.zoom.contact.heading')}</h2>
<p>${t('help.zoom.contact.email')} <a href="mailto:info@ekosistem.app">info@ekosistem.app</a>. ${t('help.zoom.contact.respond')}</p>
<p class="muted">${t('help.zoom.contact.developer')}</p>
</article>`,
    );
  });
  return pages;
}
