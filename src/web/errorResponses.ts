/**
 * The one place errors become responses: JSON `{error: {code, message}}` for the API
 * and other JSON callers, an HTML page with the message for browsers, the message in the
 * request's language (docs/product.md §15; the code stays English). Unknown errors are logged
 * and answered with a generic message: internal details never reach the client.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { html } from 'hono/html';
import type { z } from 'zod';
import { AppError, ServiceBusyError, SlotRefusedError, TooManyRequestsError, ValidationError } from '../errors.ts';
import type { AppEnv } from './appEnv.ts';
import { layout } from './views/layout.ts';
import type { Locale } from '../i18n/locales.ts';
import { inLocale, pageText, textFor } from '../i18n/pageText.ts';
import { errorTextIn, issuesText, issueText } from './errorText.ts';
import { requestLocale } from './middleware/locale.ts';
import { loadSession } from './middleware/session.ts';

export function wantsJson(c: Context<AppEnv>): boolean {
  if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/integrations/zoom/webhook')) return true;
  const accept = c.req.header('accept') ?? '';
  const type = c.req.header('content-type') ?? '';
  return type.includes('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
}

/**
 * Turns zod issues into one readable message naming the field(s), in the language of the request
 * being answered (`locale`; a page's by default). The issues stay on the error: errorResponse words
 * them again in the language it answers in (a JSON request's session may be read only later).
 */
export function validationErrorFrom(error: z.ZodError, locale: Locale = pageText().locale): ValidationError {
  const first = error.issues[0];
  const field = first?.path.join('.') || undefined;
  return new ValidationError(issuesText(locale, error.issues), {
    ...(field ? { field } : {}),
    fieldMessages: fieldErrorsFrom(error, undefined, locale),
    issues: error.issues,
  });
}

/**
 * The issues of a form's input as messages by form field, for showing each next to its field.
 * `toField` names the form field an input path comes from (undefined: no field, summary only);
 * the first issue of a field wins. Messages are in `locale` (the page's by default).
 */
export function fieldErrorsFrom(
  error: z.ZodError,
  toField: (path: readonly PropertyKey[]) => string | undefined = (p) => (p.length ? String(p[0]) : undefined),
  locale: Locale = pageText().locale,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = toField(issue.path);
    if (field && !(field in errors)) errors[field] = issueText(locale, issue);
  }
  return errors;
}

/**
 * PostgreSQL cannot store a NUL character in text (SQLSTATE 22021) or in JSON (22P05). Input
 * checks let such text through (it is valid JSON and valid form data), so the database's refusal
 * is the client's mistake, not ours: 400, not 500.
 */
function isUnstorableText(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '22021' || code === '22P05') return true;
  }
  return false;
}

export function errorResponse(error: unknown, c: Context<AppEnv>): Response | Promise<Response> {
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else if (isUnstorableText(error)) {
    // Every write runs in a transaction, so the refused statement stored nothing.
    appError = new ValidationError({ key: 'codes.invalid_text' }, { code: 'invalid_text' });
  } else if (error instanceof HTTPException && error.status < 500) {
    const malformed = error.status === 400;
    appError = new AppError(
      malformed ? 'invalid_json' : 'bad_request',
      malformed ? { key: 'codes.invalid_json' } : error.message,
      error.status,
    );
  } else {
    c.var.log?.error({ err: error }, 'unhandled error');
    appError = new AppError('internal_error', { key: 'codes.internal_error' }, 500);
  }
  if (appError instanceof TooManyRequestsError || appError instanceof ServiceBusyError)
    c.header('Retry-After', String(appError.retryAfterSeconds));
  // A JSON request reads its session only when it needs it: read it now, for its person's language.
  if (appError.status < 500 && c.var.sessionToken && c.var.sessionLoaded === false) {
    return loadSession(c).then(
      () => respond(appError, c),
      () => respond(appError, c),
    );
  }
  return respond(appError, c);
}

/** The error as JSON or as a page, its message in the request's language. */
function respond(appError: AppError, c: Context<AppEnv>): Response | Promise<Response> {
  const status = appError.status as 400;
  const locale = requestLocale(c);
  const message = errorTextIn(locale, appError);
  if (wantsJson(c)) {
    return c.json(
      {
        error: {
          code: appError.code,
          message,
          ...(appError.field ? { field: appError.field } : {}),
          ...(appError instanceof SlotRefusedError ? { nearestSlots: appError.nearestSlots } : {}),
        },
      },
      status,
    );
  }
  return c.html(
    inLocale(locale, () =>
      layout(
        {
          title: textFor(locale).t('common.layout.somethingNeedsAttention'),
          session: c.var.session,
          csrfToken: c.var.csrfToken ?? '',
          emulatorBanner: c.var.deps?.config.zoom.emulatorMode ?? false,
          error: message,
        },
        html`<p><a href="/">${textFor(locale).t('common.layout.home')}</a></p>`,
      ),
    ),
    status,
  );
}
