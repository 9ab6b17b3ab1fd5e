/** Sign in, sign up, sign out (SPEC §2), as forms. */
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { signIn, signUp } from '../../auth/accounts.ts';
import { SESSION_COOKIE, deleteSession } from '../../auth/sessions.ts';
import { clientAddress, loginInput, signupInput } from '../api/authApi.ts';
import { startSession } from '../api/apiRouter.ts';
import { validationErrorFrom } from '../errorResponses.ts';
import { signInView, signUpView } from '../views/authViews.ts';
import { field, renderPage, safeNext } from './render.ts';

export function authPages() {
  const pages = new Hono<AppEnv>();

  pages.get('/', (c) => c.redirect(c.var.session ? '/ecosystems' : '/signin', 303));

  pages.get('/signin', (c) => renderPage(c, 'Sign in', signInView({ csrfToken: c.var.csrfToken, next: safeNext(c.req.query('next')) })));

  pages.post('/signin', async (c) => {
    const body = await c.req.parseBody();
    const next = safeNext(body['next']);
    const parsed = loginInput.safeParse({ email: field(body, 'email'), password: field(body, 'password') });
    const view = () => signInView({ csrfToken: c.var.csrfToken, email: field(body, 'email'), next });
    if (!parsed.success) return renderPage(c, 'Sign in', view(), { status: 400, error: validationErrorFrom(parsed.error).message });
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
    const view = () => signUpView({ csrfToken: c.var.csrfToken, name: field(body, 'name'), email: field(body, 'email') });
    const parsed = signupInput.safeParse({ name: field(body, 'name'), email: field(body, 'email'), password: field(body, 'password') });
    if (!parsed.success) return renderPage(c, 'Sign up', view(), { status: 400, error: validationErrorFrom(parsed.error).message });
    try {
      const user = await signUp(c.var.deps.database.db, parsed.data);
      await startSession(c, user.id);
      return c.redirect('/ecosystems', 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return renderPage(c, 'Sign up', view(), { status: error.status as 409, error: error.message });
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
