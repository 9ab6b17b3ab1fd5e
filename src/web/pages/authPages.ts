/** Sign in, sign up (with its emailed confirmation, where the password is chosen), sign out (docs/product.md §2), as forms. */
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { signIn } from '../../auth/accounts.ts';
import {
  confirmSignup,
  invalidConfirmation,
  peekSignupConfirmation,
  requestSignup,
} from '../../auth/signupConfirmations.ts';
import { SESSION_COOKIE, deleteSession } from '../../auth/sessions.ts';
import { accountMailDeps, appNow, clientAddress, confirmSignupInput, loginInput, signupInput } from '../api/authApi.ts';
import { startSession } from '../api/apiRouter.ts';
import { fieldErrorsFrom, validationErrorFrom } from '../errorResponses.ts';
import {
  confirmSignUpFailedView,
  confirmSignUpView,
  signInView,
  signUpSentView,
  signUpView,
} from '../views/authViews.ts';
import { field, renderPage, safeNext } from './render.ts';

export function authPages() {
  const pages = new Hono<AppEnv>();

  pages.get('/', (c) => c.redirect(c.var.session ? '/ecosystems' : '/signin', 303));

  pages.get('/signin', (c) =>
    renderPage(c, 'Sign in', signInView({ csrfToken: c.var.csrfToken, next: safeNext(c.req.query('next')) })),
  );

  pages.post('/signin', async (c) => {
    const body = await c.req.parseBody();
    const next = safeNext(body['next']);
    const parsed = loginInput.safeParse({ email: field(body, 'email'), password: field(body, 'password') });
    const view = () => signInView({ csrfToken: c.var.csrfToken, email: field(body, 'email'), next });
    if (!parsed.success)
      return renderPage(c, 'Sign in', view(), { status: 400, error: validationErrorFrom(parsed.error).message });
    try {
      const user = await signIn(c.var.deps.database.db, { ...parsed.data, clientAddress: clientAddress(c) });
      await startSession(c, user.id);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return renderPage(c, 'Sign in', view(), { status: error.status as 401, error: error.message });
    }
  });

  pages.get('/signup', (c) => renderPage(c, 'Sign up', signUpView({ csrfToken: c.var.csrfToken })));

  pages.post('/signup', async (c) => {
    const body = await c.req.parseBody();
    const form = { name: field(body, 'name'), email: field(body, 'email') };
    const view = (errors?: Record<string, string>) => signUpView({ csrfToken: c.var.csrfToken, ...form, errors });
    const parsed = signupInput.safeParse(form);
    if (!parsed.success) {
      return renderPage(c, 'Sign up', view(fieldErrorsFrom(parsed.error)), {
        status: 400,
        error: validationErrorFrom(parsed.error).message,
      });
    }
    try {
      const outcome = await requestSignup(accountMailDeps(c), { ...parsed.data, clientAddress: clientAddress(c) });
      c.var.log.info({ outcome }, 'sign-up requested');
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      return renderPage(c, 'Sign up', view(), { status: 429, error: error.message });
    }
    // The same page for a new and a taken email (docs/product.md §2); a redirect so a reload sends nothing.
    return c.redirect('/signup/sent', 303);
  });

  pages.get('/signup/sent', (c) => renderPage(c, 'Check your email', signUpSentView()));

  // GET only shows the form: it must not use the token (mail scanners prefetch links).
  pages.get('/signup/confirm', async (c) => {
    const token = c.req.query('token') ?? '';
    const attempt = await peekSignupConfirmation(c.var.deps.database.db, token, appNow(c));
    if (!attempt)
      return renderPage(c, 'Confirm your email', confirmSignUpFailedView({ accountExists: false }), { status: 400 });
    return renderPage(
      c,
      'Confirm your email',
      confirmSignUpView({ csrfToken: c.var.csrfToken, token, email: attempt.email, name: attempt.name }),
    );
  });

  pages.post('/signup/confirm', async (c) => {
    const body = await c.req.parseBody();
    const form = { token: field(body, 'token'), password: field(body, 'password'), name: field(body, 'name') };
    const failed = (error: AppError) =>
      renderPage(c, 'Confirm your email', confirmSignUpFailedView({ accountExists: error.code === 'account_exists' }), {
        status: error.status as 400 | 409,
        error: error.message,
      });
    const parsed = confirmSignupInput.safeParse(form);
    if (!parsed.success) {
      // The form again, with the name kept (never the password), while the link is still good.
      const attempt = await peekSignupConfirmation(c.var.deps.database.db, form.token, appNow(c));
      if (!attempt) return failed(invalidConfirmation());
      const view = confirmSignUpView({
        csrfToken: c.var.csrfToken,
        token: form.token,
        email: attempt.email,
        name: form.name,
        errors: fieldErrorsFrom(parsed.error),
      });
      return renderPage(c, 'Confirm your email', view, {
        status: 400,
        error: validationErrorFrom(parsed.error).message,
      });
    }
    try {
      const user = await confirmSignup(c.var.deps.database.db, parsed.data, appNow(c));
      await startSession(c, user.id);
      return c.redirect('/ecosystems', 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return failed(error);
    }
  });

  pages.post('/signout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.var.deps.database.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/signin?notice=signed_out', 303);
  });

  return pages;
}
