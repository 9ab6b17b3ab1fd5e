/** Sign-in and sign-up forms. */
import { html } from 'hono/html';
import { csrfField } from './layout.ts';

export function signInView(model: { csrfToken: string; email?: string; next: string }) {
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>Sign in</h1>
  <form class="stack" method="post" action="/signin">
    ${csrfField(model.csrfToken)}<input type="hidden" name="next" value="${model.next}">
    <label>Email <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"></label>
    <label>Password <input type="password" name="password" required autocomplete="current-password"></label>
    <button type="submit">Sign in</button>
  </form>
  <p class="muted">New here? <a href="/signup">Create an account</a>.</p>
</div>`;
}

export function signUpView(model: { csrfToken: string; name?: string; email?: string }) {
  return html`<div class="card" style="max-width:460px;margin:2rem auto">
  <h1>Create your account</h1>
  <form class="stack" method="post" action="/signup">
    ${csrfField(model.csrfToken)}
    <label>Name <input name="name" required maxlength="100" autocomplete="name" value="${model.name ?? ''}"></label>
    <label>Email <input type="email" name="email" required autocomplete="email" value="${model.email ?? ''}"></label>
    <label>Password (10 characters or more) <input type="password" name="password" required minlength="10" autocomplete="new-password"></label>
    <button type="submit">Sign up</button>
  </form>
  <p class="muted">Already have an account? <a href="/signin">Sign in</a>.</p>
</div>`;
}
