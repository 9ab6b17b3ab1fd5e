/**
 * Sign in, sign up (with its emailed confirmation, where the password is chosen), sign out
 * (docs/product.md §2), as forms, in the request's language. A sign-up keeps that language and the
 * zone the page reported for the account it creates (§15).
 */
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
import { pageText } from '../../i18n/pageText.ts';
import { errorText } from '../errorText.ts';

export function authPages() {
  const pages = new Hono<AppEnv>();

  pages.get('/', (c) => c.redirect(c.var.session ? '/ecosystems' : '/signin', 303));

  pages.get('/signin', (c) =>
    renderPage(
      c,
      pageText().t('auth.signIn.title'),
      signInView({ csrfToken: c.var.csrfToken, next: safeNext(c.req.query('next')) }),
    ),
  );

  pages.post('/signin', async (c) => {
    const body = await c.req.parseBody();
    const next = safeNext(body['next']);
    const parsed = loginInput.safeParse({ email: field(body, 'email'), password: field(body, 'password') });
    const view = () => signInView({ csrfToken: c.var.csrfToken, email: field(body, 'email'), next });
    const title = pageText().t('auth.signIn.title');
    if (!parsed.success)
      return renderPage(c, title, view(), { status: 400, error: errorText(validationErrorFrom(parsed.error)) });
    try {
      const user = await signIn(c.var.deps.database.db, { ...parsed.data, clientAddress: clientAddress(c) });
      await startSession(c, user.id);
      return c.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return renderPage(c, title, view(), { status: error.status as 401, error: errorText(error) });
    }
  });

  pages.get('/signup', (c) =>
    renderPage(c, pageText().t('auth.signUp.title'), signUpView({ csrfToken: c.var.csrfToken })),
  );

  pages.post('/signup', async (c) => {
    const body = await c.req.parseBody();
    const form = { name: field(body, 'name'), email: field(body, 'email') };
    const view = (errors?: Record<string, string>) => signUpView({ csrfToken: c.var.csrfToken, ...form, errors });
    const title = pageText().t('auth.signUp.title');
    const parsed = signupInput.safeParse(form);
    if (!parsed.success) {
      return renderPage(c, title, view(fieldErrorsFrom(parsed.error)), {
        status: 400,
        error: errorText(validationErrorFrom(parsed.error)),
      });
    }
    try {
      const outcome = await requestSignup(accountMailDeps(c), {
        ...parsed.data,
        // The page's language, and the zone its script reported (ignored unless a known one).
        locale: c.var.locale,
        timezone: field(body, 'timezone'),
        clientAddress: clientAddress(c),
      });
      c.var.log.info({ outcome }, 'sign-up requested');
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 429) throw error;
      return renderPage(c, title, view(), { status: 429, error: errorText(error) });
    }
    // The same page for a new and a taken email (docs/product.md §2); a redirect so a reload sends nothing.
    return c.redirect('/signup/sent', 303);
  });

  pages.get('/signup/sent', (c) => renderPage(c, pageText().t('auth.sent.title'), signUpSentView()));

  // GET only shows the form: it must not use the token (mail scanners prefetch links).
  pages.get('/signup/confirm', async (c) => {
    const token = c.req.query('token') ?? '';
    const attempt = await peekSignupConfirmation(c.var.deps.database.db, token, appNow(c));
    const title = pageText().t('auth.confirm.title');
    if (!attempt) return renderPage(c, title, confirmSignUpFailedView({ accountExists: false }), { status: 400 });
    return renderPage(
      c,
      title,
      confirmSignUpView({ csrfToken: c.var.csrfToken, token, email: attempt.email, name: attempt.name }),
    );
  });

  pages.post('/signup/confirm', async (c) => {
    const body = await c.req.parseBody();
    const form = { token: field(body, 'token'), password: field(body, 'password'), name: field(body, 'name') };
    const title = pageText().t('auth.confirm.title');
    const failed = (error: AppError) =>
      renderPage(c, title, confirmSignUpFailedView({ accountExists: error.code === 'account_exists' }), {
        status: error.status as 400 | 409,
        error: errorText(error),
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
      return renderPage(c, title, view, { status: 400, error: errorText(validationErrorFrom(parsed.error)) });
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
