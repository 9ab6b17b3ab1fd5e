/** Sign-in and sign-up forms, and the pages of the sign-up confirmation (docs/product.md §2). */
import { html } from 'hono/html';
import { pageText } from '../../i18n/pageText.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';

/**
 * The parts of one sentence — texts and links — with a space between them, except before a text
 * that starts with punctuation. Each language's catalogue splits a sentence around its links where
 * its own word order needs, so a piece may start with ',' or ':'.
 */
export function sentence(...parts: (string | Html)[]): Html {
  return html`${parts.map((part, i) => (i === 0 || (typeof part === 'string' && /^[,.:;!?)]/.test(part)) ? part : html` ${part}`))}`;
}

export function signInView(model: { csrfToken: string; email?: string; next: string }) {
  const { t } = pageText();
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>${t('auth.signIn.title')}</h1>
  <form class="stack" method="post" action="/signin">
    ${csrfField(model.csrfToken)}<input type="hidden" name="next" value="${model.next}">
    <label>${t('auth.signIn.email')} <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"></label>
    <label>${t('auth.signIn.password')} <input type="password" name="password" required autocomplete="current-password"></label>
    <button type="submit">${t('auth.signIn.submit')}</button>
  </form>
  <p><a href="/password-reset">${t('auth.signIn.forgotPassword')}</a></p>
  <p class="muted">${sentence(t('auth.signIn.newHere'), html`<a href="/signup">${t('auth.signIn.createAccount')}</a>`, '.')}</p>
</div>`;
}

/**
 * The sign-up form. Its hidden `timezone` is filled by /assets/signupZone.js with the browser's
 * zone, the first guess of the account's own (docs/product.md §15); without script it stays empty.
 */
export function signUpView(model: {
  csrfToken: string;
  name?: string;
  email?: string;
  errors?: FieldErrors | undefined;
}) {
  const { t } = pageText();
  const e = model.errors;
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>${t('auth.signUp.heading')}</h1>
  <form class="stack" method="post" action="/signup">
    ${csrfField(model.csrfToken)}<input type="hidden" name="timezone" value="" data-browser-zone>
    <label>${t('auth.signUp.name')} <input name="name" required maxlength="100" autocomplete="name" value="${model.name ?? ''}"${invalidAttrs(e, 'name')}></label>${fieldError(e, 'name')}
    <label>${t('auth.signUp.email')} <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"${invalidAttrs(e, 'email')}></label>${fieldError(e, 'email')}
    <button type="submit">${t('auth.signUp.submit')}</button>
  </form>
  <p class="muted">${t('auth.signUp.howItWorks')}</p>
  <p class="muted">${sentence(t('auth.signUp.haveAccount'), html`<a href="/signin">${t('auth.signUp.signIn')}</a>`, '.')}</p>
</div>
<script src="/assets/signupZone.js"></script>`;
}

/** After a sign-up, whatever the email: the same page for a new and a taken address. */
export function signUpSentView() {
  const { t } = pageText();
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>${t('auth.sent.title')}</h1>
  <p>${t('auth.sent.text')}</p>
  <p class="muted">${sentence(
    t('auth.sent.noMail'),
    html`<a href="/signup">${t('auth.sent.signUpAgain')}</a>`,
    '.',
    t('auth.sent.haveAccount'),
    html`<a href="/signin">${t('auth.sent.signIn')}</a>`,
    '.',
  )}</p>
</div>`;
}

/**
 * The page a confirmation link opens: the account's name (suggested from the sign-up, editable)
 * and password are chosen here. Opening it changes nothing (mail scanners fetch links): only the
 * form's POST, carrying the CSRF token, uses the token, creates the account and signs in.
 */
export function confirmSignUpView(model: {
  csrfToken: string;
  token: string;
  email: string;
  name: string;
  errors?: FieldErrors | undefined;
}) {
  const { t } = pageText();
  const e = model.errors;
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>${t('auth.confirm.title')}</h1>
  <p>${sentence(t('auth.confirm.introBefore'), html`<strong>${model.email}</strong>`, t('auth.confirm.introAfter'))}</p>
  <form class="stack" method="post" action="/signup/confirm">
    ${csrfField(model.csrfToken)}<input type="hidden" name="token" value="${model.token}">
    <input type="hidden" name="username" value="${model.email}" autocomplete="username">
    <label>${t('auth.confirm.name')} <input name="name" required maxlength="100" autocomplete="name" value="${model.name}"${invalidAttrs(e, 'name')}></label>${fieldError(e, 'name')}
    <label>${t('auth.confirm.password')} <input type="password" name="password" required minlength="10" autocomplete="new-password"${invalidAttrs(e, 'password')}></label>${fieldError(e, 'password')}
    <button type="submit">${t('auth.confirm.submit')}</button>
  </form>
</div>`;
}

export function confirmSignUpFailedView(model: { accountExists: boolean }) {
  const { t } = pageText();
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>${model.accountExists ? t('auth.confirmFailed.accountExists') : t('auth.confirmFailed.invalid')}</h1>
  ${
    model.accountExists
      ? html`<p>${sentence(html`<a href="/signin">${t('auth.confirmFailed.signIn')}</a>`, t('auth.confirmFailed.withPassword'))}</p>`
      : html`<p>${sentence(
          t('auth.confirmFailed.linksWorkOnce'),
          html`<a href="/signup">${t('auth.confirmFailed.signUpAgain')}</a>`,
          t('auth.confirmFailed.toGetNew'),
          html`<a href="/signin">${t('auth.confirmFailed.signInLower')}</a>`,
          t('auth.confirmFailed.ifConfirmed'),
        )}</p>`
  }
</div>`;
}
