/** Getting back in (password reset) and the account page: language, time zone, password change, sign out everywhere (docs/product.md §2, §15). */
import { html } from 'hono/html';
import type { SessionUser } from '../../auth/sessions.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/locales.ts';
import { pageText } from '../../i18n/pageText.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { sentence } from './authViews.ts';
import { zoneOptions } from './timeZones.ts';

const narrow = (body: unknown) => html`<div class="card" style="max-width:460px;margin:2rem auto">${body}</div>`;

/** `GET /password-reset` without a token: ask for the link. */
export function resetRequestView(model: { csrfToken: string; email?: string; errors?: FieldErrors | undefined }) {
  const { t } = pageText();
  const e = model.errors;
  return narrow(html`<h1>${t('account.resetRequest.heading')}</h1>
  <p>${t('account.resetRequest.text')}</p>
  <form class="stack" method="post" action="/password-reset">
    ${csrfField(model.csrfToken)}
    <label>${t('account.resetRequest.email')} <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"${invalidAttrs(e, 'email')}></label>${fieldError(e, 'email')}
    <button type="submit">${t('account.resetRequest.submit')}</button>
  </form>
  <p class="muted">${sentence(t('account.resetRequest.remembered'), html`<a href="/signin">${t('account.resetRequest.signIn')}</a>`, '.')}</p>`);
}

/** After a reset request, whatever the email. */
export function resetSentView() {
  const { t } = pageText();
  return narrow(html`<h1>${t('account.resetSent.title')}</h1>
  <p>${t('account.resetSent.text')}</p>
  <p class="muted">${sentence(t('account.resetSent.noMail'), html`<a href="/password-reset">${t('account.resetSent.askAgain')}</a>`, '.')}</p>`);
}

/**
 * The page a reset link opens: it asks for the new password. Opening it changes nothing (mail
 * scanners fetch links); only the form's POST uses the token.
 */
export function resetChooseView(model: {
  csrfToken: string;
  token: string;
  email: string;
  errors?: FieldErrors | undefined;
}) {
  const { t } = pageText();
  const e = model.errors;
  return narrow(html`<h1>${t('account.resetChoose.title')}</h1>
  <p>${sentence(t('account.resetChoose.forBefore'), html`<strong>${model.email}</strong>`, t('account.resetChoose.forAfter'))}</p>
  <form class="stack" method="post" action="/password-reset/confirm">
    ${csrfField(model.csrfToken)}<input type="hidden" name="token" value="${model.token}">
    <input type="hidden" name="username" value="${model.email}" autocomplete="username">
    <label>${t('account.resetChoose.newPassword')} <input type="password" name="password" required minlength="10" autocomplete="new-password"${invalidAttrs(e, 'password')}></label>${fieldError(e, 'password')}
    <button type="submit">${t('account.resetChoose.submit')}</button>
  </form>`);
}

export function resetFailedView() {
  const { t } = pageText();
  return narrow(html`<h1>${t('account.resetFailed.heading')}</h1>
  <p>${sentence(
    t('account.resetFailed.text'),
    html`<a href="/password-reset">${t('account.resetFailed.askNew')}</a>`,
    t('account.resetFailed.or'),
    html`<a href="/signin">${t('account.resetFailed.signIn')}</a>`,
    '.',
  )}</p>`);
}

/** The language choices, each named in itself and marked as written in it (for screen readers). */
function localeOptions(selected: Locale): Html {
  return html`${LOCALES.map(
    (code) =>
      html`<option value="${code}" lang="${code}"${code === selected ? ' selected' : ''}>${LOCALE_NAMES[code]}</option>`,
  )}`;
}

/** `GET /account`: who you are, your language and time zone, a password change, and signing out everywhere. */
export function accountView(model: {
  user: SessionUser;
  /** The language to show as chosen (theirs, or the one a refused form sent back). */
  locale: Locale;
  /** Their own time zone ('' for none chosen). */
  timezone: string;
  csrfToken: string;
  errors?: FieldErrors | undefined;
}) {
  const { t } = pageText();
  const e = model.errors;
  return html`<h1>${t('account.page.title')}</h1>
<section class="card"><h2>${t('account.page.you')}</h2>
  <p class="wrap">${model.user.name} · ${model.user.email}</p>
  <form class="stack" method="post" action="/account/profile">${csrfField(model.csrfToken)}
    <label>${t('account.page.language')} <select name="locale"${invalidAttrs(e, 'locale')}>
      ${localeOptions(model.locale)}
    </select></label>${fieldError(e, 'locale')}
    <label>${t('account.page.timezone')} <select name="timezone"${invalidAttrs(e, 'timezone')}>
      <option value="" ${model.timezone ? '' : 'selected'}>${t('account.page.eachRecordsOwnZone')}</option>
      ${zoneOptions(model.timezone)}
    </select></label>${fieldError(e, 'timezone')}
    <p class="muted">${t('account.page.profileHint')}</p>
    <button type="submit" class="secondary">${t('account.page.saveProfile')}</button>
  </form>
</section>
<section class="card" aria-labelledby="password-heading"><h2 id="password-heading">${t('account.page.passwordHeading')}</h2>
  <form class="stack" method="post" action="/account/password">
    ${csrfField(model.csrfToken)}
    <input type="hidden" name="username" value="${model.user.email}" autocomplete="username">
    <label>${t('account.page.currentPassword')} <input type="password" name="currentPassword" required autocomplete="current-password"${invalidAttrs(e, 'currentPassword')}></label>${fieldError(e, 'currentPassword')}
    <label>${t('account.page.newPassword')} <input type="password" name="newPassword" required minlength="10" autocomplete="new-password"${invalidAttrs(e, 'newPassword')}></label>${fieldError(e, 'newPassword')}
    <p class="muted">${t('account.page.passwordHint')}</p>
    <button type="submit">${t('account.page.changePassword')}</button>
  </form>
</section>
<section class="card" aria-labelledby="everywhere-heading"><h2 id="everywhere-heading">${t('account.page.everywhereHeading')}</h2>
  <p>${t('account.page.everywhereText')}</p>
  <form method="post" action="/account/signout-everywhere">${csrfField(model.csrfToken)}<button type="submit" class="danger">${t('account.page.signOutEverywhere')}</button></form>
</section>`;
}
