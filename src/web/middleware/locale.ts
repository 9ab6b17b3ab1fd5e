/**
 * The language a request is answered in (docs/product.md §15): the signed-in user's own, else
 * the one a visitor picked with the language switch (`?lang=fi` sets a cookie), else the best
 * match of `Accept-Language`, else English. The rest of the request runs in that language
 * (src/i18n/pageText.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { inLocale } from '../../i18n/pageText.ts';
import { DEFAULT_LOCALE, isLocale, type Locale, localeFromAcceptLanguage } from '../../i18n/locales.ts';
import type { AppEnv } from '../appEnv.ts';

export const LANGUAGE_COOKIE = 'ekos_lang';
const YEAR_SECONDS = 365 * 24 * 3600;

/** The language of a visitor who is not signed in (or whose session is not read yet). */
export function visitorLocale(c: Context<AppEnv>): Locale {
  const picked = getCookie(c, LANGUAGE_COOKIE);
  return (
    (isLocale(picked) ? picked : undefined) ??
    localeFromAcceptLanguage(c.req.header('accept-language')) ??
    DEFAULT_LOCALE
  );
}

/** The request's language now: the session's once it is read (a JSON API reads it lazily). */
export function requestLocale(c: Context<AppEnv>): Locale {
  return c.var.session?.user.locale ?? c.var.locale ?? visitorLocale(c);
}

export function localeMiddleware(): MiddlewareHandler<AppEnv> {
  return async function answerInLocale(c, next) {
    const asked = c.req.query('lang');
    if (c.req.method === 'GET' && isLocale(asked)) {
      setCookie(c, LANGUAGE_COOKIE, asked, {
        sameSite: 'Lax',
        secure: c.var.deps.config.secureCookies,
        path: '/',
        maxAge: YEAR_SECONDS,
      });
    }
    const locale = c.var.session?.user.locale ?? (c.req.method === 'GET' && isLocale(asked) ? asked : visitorLocale(c));
    c.set('locale', locale);
    return inLocale(locale, next, c.var.session?.user.timezone);
  };
}
