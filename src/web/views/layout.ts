/**
 * The page shell. Every view is a `hono/html` template: interpolated values are escaped, so user
 * text cannot become markup. `raw` is never used on user input: only for the constant style sheet
 * below, whose quotes and `>` combinators escaping would break.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ActiveSession } from '../../auth/sessions.ts';
import { pageText } from '../../i18n/pageText.ts';
import { LOCALE_NAMES, LOCALES } from '../../i18n/locales.ts';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface LayoutOptions {
  title: string;
  session: ActiveSession | undefined;
  csrfToken: string;
  emulatorBanner: boolean;
  notice?: string | undefined;
  error?: string | undefined;
  /** The page's own path and query, for the language switch's links (visitors only). */
  path?: string | undefined;
}

const STYLE = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#dde2ea;--bg:#f6f7fb;--card:#fff;--accent:#2d5bd7;--ok:#136b3e;--warn:#a15c00;--bad:#b42318}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}header{background:#fff;border-bottom:1px solid var(--line)}
.bar{max-width:960px;margin:0 auto;padding:.75rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.bar .brand{font-weight:700;text-decoration:none;color:var(--fg)}.bar nav{margin-left:auto;display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
main{max-width:960px;margin:0 auto;padding:1.25rem 1rem 3rem}h1{font-size:1.6rem;margin:.25rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:0 0 1rem}
.emulator{background:#fff4d6;border-bottom:1px solid #f0d48a;text-align:center;padding:.4rem;font-size:.9rem}
.notice{background:#e8f5ee;border:1px solid #b7e0c8;color:var(--ok);padding:.6rem .9rem;border-radius:8px;margin-bottom:1rem}
.warning{background:#fff4d6;border:1px solid #f0d48a;color:#6b4e00;padding:.6rem .9rem;border-radius:8px;margin:.5rem 0}
.error{background:#fdecea;border:1px solid #f5c2bd;color:var(--bad);padding:.6rem .9rem;border-radius:8px;margin-bottom:1rem}
form.stack{display:grid;gap:.75rem;max-width:560px}label{display:grid;gap:.25rem;font-weight:600;font-size:.95rem}
input,select,textarea{font:inherit;padding:.5rem .6rem;border:1px solid #c3cad6;border-radius:8px;background:#fff;width:100%}
button,.button{font:inherit;display:inline-block;padding:.5rem 1rem;border-radius:8px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}button.danger{background:var(--bad);border-color:var(--bad)}
button:disabled{opacity:.55;cursor:not-allowed}.inline{display:inline}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.5rem;border-bottom:1px solid var(--line);vertical-align:top}
.muted{color:var(--muted)}.pill{display:inline-block;padding:.05rem .55rem;border-radius:99px;font-size:.8rem;border:1px solid var(--line);background:#f0f2f7}
.pill.ok{background:#e8f5ee;color:var(--ok);border-color:#b7e0c8}.pill.warn{background:#fff4d6;color:var(--warn);border-color:#f0d48a}.pill.bad{background:#fdecea;color:var(--bad);border-color:#f5c2bd}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
ul.plain{list-style:none;padding:0;margin:0;display:grid;gap:.5rem}input[type=radio],input[type=checkbox]{width:auto}
label.check,label.choice{display:flex;gap:.5rem;align-items:center}label.choice{font-weight:400}.row select{width:auto}form.leave{margin-top:1.5rem}
.row{display:flex;gap:1rem;flex-wrap:wrap;align-items:center}.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
.badge{display:inline-flex;gap:.3rem;align-items:center;padding:.1rem .6rem;border-radius:99px;font-size:.85rem;font-weight:600;border:1px solid var(--line);background:#f0f2f7;white-space:nowrap}
.badge-icon{font-weight:700}.badge.ok{background:#e8f5ee;color:var(--ok);border-color:#b7e0c8}.badge.info{background:#eaf0fd;color:#1f48b0;border-color:#bccdf5}
.badge.warn{background:#fff4d6;color:#8a4f00;border-color:#f0d48a}.badge.bad{background:#fdecea;color:var(--bad);border-color:#f5c2bd}
.zoom-state{border:1px solid var(--line);border-left-width:4px;border-radius:8px;padding:.4rem .9rem;margin:0 0 1rem}.zoom-state p{margin:.35rem 0}
.zoom-state.warn{border-left-color:#d08a1a;background:#fffaf0}.zoom-state.bad{border-left-color:var(--bad);background:#fff7f6}.zoom-state.info{border-left-color:#5b82e0}.zoom-state.ok{border-left-color:var(--ok)}
.small{font-size:.85rem}.card>h2:first-child,.card>h3:first-child{margin-top:0}.zoom-detail{color:var(--muted)}.stack-field{display:grid;gap:.25rem}.wrap,code,h1,h2,h3{overflow-wrap:anywhere}
fieldset.group{border:1px solid var(--line);border-radius:8px;padding:.75rem;margin:0;display:grid;gap:.6rem;min-width:0}legend{font-weight:600;padding:0 .25rem}
.window{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.5rem;align-items:end}div.window~div.window{border-top:1px solid var(--line);padding-top:.6rem}
ul.slots{list-style:none;padding:0;margin:.25rem 0 .75rem;display:flex;flex-wrap:wrap;gap:.5rem}ul.slots .button{min-width:5.5rem;text-align:center}
.weeknav{display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap}.host-choice{justify-content:space-between}
.languages{display:flex;gap:.5rem;flex-wrap:wrap}.languages [aria-current]{font-weight:700;color:var(--fg);text-decoration:none}
.field-error{color:var(--bad);font-weight:600;font-size:.9rem;margin:0}.field-error::before{content:"⚠ "}
[aria-invalid=true]{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,.button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
@media (max-width:600px){table.stack-sm thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.stack-sm tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}table.stack-sm td{display:block;border:0;padding:.15rem 0}
table.stack-sm td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted)}.window.weekly{grid-template-columns:1fr 1fr}.window.weekly>label:first-child{grid-column:1/-1}.card{padding:.9rem}main{padding:1rem .75rem 2.5rem}}
`;

/** Links to the same page in each language, for visitors (a signed-in user picks on their account page). */
function languageSwitch(path: string | undefined): Html {
  const { locale, t } = pageText();
  const url = new URL(path ?? '/', 'http://page.invalid');
  return html`<nav class="languages" aria-label="${t('common.layout.language')}">${LOCALES.map((code) => {
    url.searchParams.set('lang', code);
    return code === locale
      ? html`<a href="${url.pathname}${url.search}" lang="${code}" hreflang="${code}" aria-current="true">${LOCALE_NAMES[code]}</a>`
      : html`<a href="${url.pathname}${url.search}" lang="${code}" hreflang="${code}">${LOCALE_NAMES[code]}</a>`;
  })}</nav>`;
}

export function layout(options: LayoutOptions, body: Html): Html {
  const { session } = options;
  const { locale, t } = pageText();
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t('common.layout.siteName')}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
${options.emulatorBanner ? html`<div class="emulator" role="status">${t('common.layout.emulatorBanner')}</div>` : ''}
<header><div class="bar">
  <a class="brand" href="/">${t('common.layout.siteName')}</a>
  <nav aria-label="${t('common.layout.mainNavigation')}">
    ${
      session
        ? html`<a href="/ecosystems">${t('common.layout.myEcosystems')}</a>
        <a href="/account">${t('common.layout.account')}</a>
        <span class="muted">${session.user.name}</span>
        <form class="inline" method="post" action="/signout"><input type="hidden" name="_csrf" value="${options.csrfToken}"><button class="secondary" type="submit">${t('common.layout.signOut')}</button></form>`
        : html`<a href="/signin">${t('common.layout.signIn')}</a><a href="/signup">${t('common.layout.signUp')}</a>`
    }
    <a href="/help/zoom">${t('common.layout.zoomHelp')}</a>
  </nav>
  ${session ? '' : languageSwitch(options.path)}
</div></header>
<main>
${options.notice ? html`<div class="notice" role="status">${options.notice}</div>` : ''}
${options.error ? html`<div class="error" role="alert">${options.error}</div>` : ''}
${body}
</main>
</body>
</html>`;
}

export const csrfField = (token: string) => html`<input type="hidden" name="_csrf" value="${token}">`;
