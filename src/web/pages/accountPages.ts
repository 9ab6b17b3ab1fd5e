/**
 * Getting back in by mail, and the account page: language and time zone, password change and sign
 * out everywhere (docs/product.md §2, §15), in the request's language.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../appEnv.ts';
import { AppError } from '../../errors.ts';
import { changePassword, readProfile, signOutEverywhere, updateProfile } from '../../auth/accounts.ts';
import { confirmPasswordReset, peekPasswordReset, requestPasswordReset } from '../../auth/passwordReset.ts';
import { SESSION_COOKIE, type ActiveSession } from '../../auth/sessions.ts';
import {
  accountMailDeps,
  appNow,
  clientAddress,
  passwordChangeInput,
  profileChange,
  resetConfirmInput,
  resetRequestInput,
} from '../api/authApi.ts';
import { startSession } from '../api/apiRouter.ts';
import { fieldErrorsFrom, validationErrorFrom } from '../errorResponses.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import {
  accountView,
  resetChooseView,
  resetFailedView,
  resetRequestView,
  resetSentView,
} from '../views/accountViews.ts';
import { field, pageSession, renderPage } from './render.ts';
import { pageText } from '../../i18n/pageText.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { errorText } from '../errorText.ts';

/** A refusal the person can act on (not a 5xx), or the error again. */
function refusal(error: unknown): AppError {
  if (error instanceof AppError && error.status < 500 && error.status !== 404) return error;
  throw error;
}

export function accountPages() {
  const pages = new Hono<AppEnv>();

  // With a token: the form for the new password (GET never uses the token). Without: ask for a link.
  pages.get('/password-reset', async (c) => {
    const { t } = pageText();
    const token = c.req.query('token');
    if (token === undefined)
      return renderPage(c, t('account.resetRequest.title'), resetRequestView({ csrfToken: c.var.csrfToken }));
    const reset = await peekPasswordReset(c.var.deps.database.db, token, appNow(c));
    if (!reset) return renderPage(c, t('account.resetChoose.title'), resetFailedView(), { status: 400 });
    return renderPage(
      c,
      t('account.resetChoose.title'),
      resetChooseView({ csrfToken: c.var.csrfToken, token, email: reset.email }),
    );
  });

  pages.post('/password-reset', async (c) => {
    const body = await c.req.parseBody();
    const email = field(body, 'email');
    const parsed = resetRequestInput.safeParse({ email });
    const again = (status: 400 | 429, error: string, errors?: FieldErrors) =>
      renderPage(
        c,
        pageText().t('account.resetRequest.title'),
        resetRequestView({ csrfToken: c.var.csrfToken, email, errors }),
        {
          status,
          error,
        },
      );
    if (!parsed.success) return again(400, errorText(validationErrorFrom(parsed.error)), fieldErrorsFrom(parsed.error));
    try {
      const outcome = await requestPasswordReset(accountMailDeps(c), {
        ...parsed.data,
        clientAddress: clientAddress(c),
      });
      c.var.log.info({ outcome }, 'password reset requested');
    } catch (error) {
      const refused = refusal(error);
      return again(refused.status as 429, errorText(refused));
    }
    // The same page whatever the email; a redirect so a reload sends nothing.
    return c.redirect('/password-reset/sent', 303);
  });

  pages.get('/password-reset/sent', (c) => renderPage(c, pageText().t('account.resetSent.title'), resetSentView()));

  pages.post('/password-reset/confirm', async (c) => {
    const body = await c.req.parseBody();
    const form = { token: field(body, 'token'), password: field(body, 'password') };
    const title = pageText().t('account.resetChoose.title');
    const parsed = resetConfirmInput.safeParse(form);
    if (!parsed.success) {
      const reset = await peekPasswordReset(c.var.deps.database.db, form.token, appNow(c));
      if (!reset) return renderPage(c, title, resetFailedView(), { status: 400 });
      const view = resetChooseView({
        csrfToken: c.var.csrfToken,
        token: form.token,
        email: reset.email,
        errors: fieldErrorsFrom(parsed.error),
      });
      return renderPage(c, title, view, { status: 400, error: errorText(validationErrorFrom(parsed.error)) });
    }
    try {
      const user = await confirmPasswordReset(c.var.deps.database.db, parsed.data, appNow(c));
      await startSession(c, user.id);
    } catch (error) {
      const refused = refusal(error);
      return renderPage(c, title, resetFailedView(), { status: refused.status as 400, error: errorText(refused) });
    }
    return c.redirect('/ecosystems?notice=password_reset', 303);
  });

  const renderAccount = async (
    c: Context<AppEnv>,
    session: ActiveSession,
    options: {
      status?: 400 | 429 | 503;
      error?: string;
      errors?: FieldErrors;
      /** What a refused profile form sent, shown again. */
      timezone?: string;
      locale?: Locale;
    } = {},
  ) => {
    const profile = await readProfile(c.var.deps.database.db, session.user.id);
    return renderPage(
      c,
      pageText().t('account.page.title'),
      accountView({
        user: session.user,
        locale: options.locale ?? profile.locale,
        timezone: options.timezone ?? profile.timezone ?? '',
        csrfToken: c.var.csrfToken,
        errors: options.errors,
      }),
      {
        ...(options.status ? { status: options.status } : {}),
        error: options.error,
      },
    );
  };

  pages.get('/account', (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    return renderAccount(c, auth.session);
  });

  pages.post('/account/profile', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const body = await c.req.parseBody();
    const timezone = field(body, 'timezone');
    // A form without the language (an older page) keeps the one chosen before.
    const locale = field(body, 'locale');
    const parsed = profileChange.safeParse({ timezone: timezone || null, ...(locale ? { locale } : {}) });
    if (!parsed.success) {
      return renderAccount(c, auth.session, {
        status: 400,
        error: errorText(validationErrorFrom(parsed.error)),
        errors: fieldErrorsFrom(parsed.error),
        timezone,
        ...(isLocale(locale) ? { locale } : {}),
      });
    }
    await updateProfile(c.var.deps.database.db, auth.session.user.id, parsed.data);
    // The next page reads the session again, so it is already in the language just chosen.
    return c.redirect('/account?notice=profile_saved', 303);
  });

  pages.post('/account/password', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    const body = await c.req.parseBody();
    const parsed = passwordChangeInput.safeParse({
      currentPassword: field(body, 'currentPassword'),
      newPassword: field(body, 'newPassword'),
    });
    if (!parsed.success) {
      return renderAccount(c, auth.session, {
        status: 400,
        error: errorText(validationErrorFrom(parsed.error)),
        errors: fieldErrorsFrom(parsed.error),
      });
    }
    try {
      await changePassword(c.var.deps.database.db, auth.session, parsed.data, appNow(c));
    } catch (error) {
      const refused = refusal(error);
      const message = errorText(refused);
      return renderAccount(c, auth.session, {
        status: refused.status as 400,
        error: message,
        ...(refused.field ? { errors: { [refused.field]: message } } : {}),
      });
    }
    return c.redirect('/account?notice=password_changed', 303);
  });

  pages.post('/account/signout-everywhere', async (c) => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth.redirect;
    await signOutEverywhere(c.var.deps.database.db, {
      userId: auth.session.user.id,
      sessionId: auth.session.sessionId,
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/signin?notice=signed_out_everywhere', 303);
  });

  return pages;
}
