/** Getting back in (password reset) and the account page: password change, sign out everywhere (docs/product.md §2). */
import { html } from 'hono/html';
import type { SessionUser } from '../../auth/sessions.ts';
import { csrfField } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { zoneOptions } from './timeZones.ts';

const narrow = (body: unknown) => html`<div class="card" style="max-width:460px;margin:2rem auto">${body}</div>`;

/** `GET /password-reset` without a token: ask for the link. */
export function resetRequestView(model: { csrfToken: string; email?: string; errors?: FieldErrors | undefined }) {
  const e = model.errors;
  return narrow(html`<h1>Forgot your password?</h1>
  <p>Give the email of your account. We mail it a link to choose a new password; opening it also lifts a sign-in lock from wrong passwords.</p>
  <form class="stack" method="post" action="/password-reset">
    ${csrfField(model.csrfToken)}
    <label>Email <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"${invalidAttrs(e, 'email')}></label>${fieldError(e, 'email')}
    <button type="submit">Email me a link</button>
  </form>
  <p class="muted">Remembered it? <a href="/signin">Sign in</a>.</p>`);
}

/** After a reset request, whatever the email. */
export function resetSentView() {
  return narrow(html`<h1>Check your email</h1>
  <p>If an account uses the address you gave, we sent it a link to choose a new password. The link works once, for 1 hour.</p>
  <p class="muted">No mail after a few minutes? Look in your spam folder, or <a href="/password-reset">ask again</a>.</p>`);
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
  const e = model.errors;
  return narrow(html`<h1>Choose a new password</h1>
  <p>For <strong>${model.email}</strong>. When you save it you are signed in here, and signed out everywhere else.</p>
  <form class="stack" method="post" action="/password-reset/confirm">
    ${csrfField(model.csrfToken)}<input type="hidden" name="token" value="${model.token}">
    <input type="hidden" name="username" value="${model.email}" autocomplete="username">
    <label>New password (10 characters or more) <input type="password" name="password" required minlength="10" autocomplete="new-password"${invalidAttrs(e, 'password')}></label>${fieldError(e, 'password')}
    <button type="submit">Save password and sign in</button>
  </form>`);
}

export function resetFailedView() {
  return narrow(html`<h1>This link does not work</h1>
  <p>Password links work once, for 1 hour. <a href="/password-reset">Ask for a new one</a>, or <a href="/signin">sign in</a>.</p>`);
}

/** `GET /account`: who you are, a password change, and signing out everywhere. */
export function accountView(model: {
  user: SessionUser;
  /** Their own time zone ('' for none chosen). */
  timezone: string;
  csrfToken: string;
  errors?: FieldErrors | undefined;
}) {
  const e = model.errors;
  return html`<h1>Your account</h1>
<section class="card"><h2>You</h2>
  <p class="wrap">${model.user.name} · ${model.user.email}</p>
  <form class="stack" method="post" action="/account/profile">${csrfField(model.csrfToken)}
    <label>Your time zone <select name="timezone"${invalidAttrs(e, 'timezone')}>
      <option value="" ${model.timezone ? '' : 'selected'}>Each meeting’s own time zone</option>
      ${zoneOptions(model.timezone)}
    </select></label>${fieldError(e, 'timezone')}
    <p class="muted">The emails about your meetings and reminders show their times in it.</p>
    <button type="submit" class="secondary">Save time zone</button>
  </form>
</section>
<section class="card" aria-labelledby="password-heading"><h2 id="password-heading">Change password</h2>
  <form class="stack" method="post" action="/account/password">
    ${csrfField(model.csrfToken)}
    <input type="hidden" name="username" value="${model.user.email}" autocomplete="username">
    <label>Current password <input type="password" name="currentPassword" required autocomplete="current-password"${invalidAttrs(e, 'currentPassword')}></label>${fieldError(e, 'currentPassword')}
    <label>New password (10 characters or more) <input type="password" name="newPassword" required minlength="10" autocomplete="new-password"${invalidAttrs(e, 'newPassword')}></label>${fieldError(e, 'newPassword')}
    <p class="muted">Everywhere else you are signed in is signed out; you stay signed in here.</p>
    <button type="submit">Change password</button>
  </form>
</section>
<section class="card" aria-labelledby="everywhere-heading"><h2 id="everywhere-heading">Sign out everywhere</h2>
  <p>Ends every session of your account — on this device and every other one. Use it when a device is lost or shared.</p>
  <form method="post" action="/account/signout-everywhere">${csrfField(model.csrfToken)}<button type="submit" class="danger">Sign out everywhere</button></form>
</section>`;
}
