/** Sign-in and sign-up forms, and the pages of the sign-up confirmation (docs/product.md §2). */
import { html } from 'hono/html';
import { csrfField } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';

export function signInView(model: { csrfToken: string; email?: string; next: string }) {
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>Sign in</h1>
  <form class="stack" method="post" action="/signin">
    ${csrfField(model.csrfToken)}<input type="hidden" name="next" value="${model.next}">
    <label>Email <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"></label>
    <label>Password <input type="password" name="password" required autocomplete="current-password"></label>
    <button type="submit">Sign in</button>
  </form>
  <p><a href="/password-reset">Forgot password?</a></p>
  <p class="muted">New here? <a href="/signup">Create an account</a>.</p>
</div>`;
}

export function signUpView(model: {
  csrfToken: string;
  name?: string;
  email?: string;
  errors?: FieldErrors | undefined;
}) {
  const e = model.errors;
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>Create your account</h1>
  <form class="stack" method="post" action="/signup">
    ${csrfField(model.csrfToken)}
    <label>Name <input name="name" required maxlength="100" autocomplete="name" value="${model.name ?? ''}"${invalidAttrs(e, 'name')}></label>${fieldError(e, 'name')}
    <label>Email <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"${invalidAttrs(e, 'email')}></label>${fieldError(e, 'email')}
    <button type="submit">Sign up</button>
  </form>
  <p class="muted">We will email you a link to confirm your address. You choose your password when you open it, and your account is created then.</p>
  <p class="muted">Already have an account? <a href="/signin">Sign in</a>.</p>
</div>`;
}

/** After a sign-up, whatever the email: the same page for a new and a taken address. */
export function signUpSentView() {
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>Check your email</h1>
  <p>We sent a link to the address you gave. Open it to confirm your email, choose your password and finish signing up; it works for 24 hours.</p>
  <p class="muted">No mail after a few minutes? Look in your spam folder, or <a href="/signup">sign up again</a>. Already have an account? <a href="/signin">Sign in</a>.</p>
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
  const e = model.errors;
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>Confirm your email</h1>
  <p>Create your Ekosistem App account for <strong>${model.email}</strong>: choose your name and password, then sign in.</p>
  <form class="stack" method="post" action="/signup/confirm">
    ${csrfField(model.csrfToken)}<input type="hidden" name="token" value="${model.token}">
    <input type="hidden" name="username" value="${model.email}" autocomplete="username">
    <label>Name <input name="name" required maxlength="100" autocomplete="name" value="${model.name}"${invalidAttrs(e, 'name')}></label>${fieldError(e, 'name')}
    <label>Password (10 characters or more) <input type="password" name="password" required minlength="10" autocomplete="new-password"${invalidAttrs(e, 'password')}></label>${fieldError(e, 'password')}
    <button type="submit">Create account and sign in</button>
  </form>
</div>`;
}

export function confirmSignUpFailedView(model: { accountExists: boolean }) {
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>${model.accountExists ? 'You already have an account' : 'This link does not work'}</h1>
  ${
    model.accountExists
      ? html`<p><a href="/signin">Sign in</a> with your password.</p>`
      : html`<p>Confirmation links work once, for 24 hours. <a href="/signup">Sign up again</a> to get a new one, or <a href="/signin">sign in</a> if you already confirmed.</p>`
  }
</div>`;
}
