/** Small helpers every page route uses: render in the layout, require a signed-in user. */
import type { Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import type { ActiveSession } from '../../auth/sessions.ts';
import { layout, type Html } from '../views/layout.ts';
import { catalogues } from '../../i18n/i18n.ts';
import { pageText } from '../../i18n/pageText.ts';

/** Notices selected by `?notice=key` (the keys of `common.notices`): arbitrary query text is never echoed. */
function noticeText(key: string | undefined): string | undefined {
  const notices = catalogues.en.common.notices;
  if (!key || !Object.hasOwn(notices, key)) return undefined;
  return pageText().t(`common.notices.${key as keyof typeof notices}`);
}

/**
 * The page's path for its language switch: the path, and a sign-in page's `next` when it is a safe
 * local path (what else the query holds is not echoed into links).
 */
function languageSwitchPath(c: Context<AppEnv>): string {
  const next = localPath(c.req.query('next'));
  return next ? `${c.req.path}?next=${encodeURIComponent(next)}` : c.req.path;
}

export function renderPage(
  c: Context<AppEnv>,
  title: string,
  body: Html,
  options: { status?: 200 | 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503; error?: string | undefined } = {},
) {
  const noticeKey = c.req.query('notice');
  return c.html(
    layout(
      {
        title,
        session: c.var.session,
        csrfToken: c.var.csrfToken,
        emulatorBanner: c.var.deps.config.zoom.emulatorMode,
        notice: noticeText(noticeKey),
        error: options.error,
        path: languageSwitchPath(c),
      },
      body,
    ),
    options.status ?? 200,
  );
}

/** The session, or undefined after setting a redirect to sign-in (caller returns `redirect`). */
export function pageSession(c: Context<AppEnv>): { session: ActiveSession } | { redirect: Response } {
  const session = c.var.session;
  if (session) return { session };
  const next = c.req.method === 'GET' ? c.req.path : '/ecosystems';
  return { redirect: c.redirect(`/signin?next=${encodeURIComponent(next)}`, 303) };
}

/**
 * A path on this site to send the browser to, or undefined (no open redirects). The value is
 * checked as characters *and* as a URL parser reads it: `/.//evil.example` passes a naive
 * "starts with one slash" test but normalises to `//evil.example` (another host), and browsers
 * read `/\\evil.example` as `//evil.example`. What is returned is the normalised path.
 */
export function localPath(value: unknown, options: { query?: boolean } = {}): string | undefined {
  if (typeof value !== 'string' || value.length > 1000) return undefined;
  if (!(options.query ? /^\/[\w\-/.?=&%]*$/ : /^\/[\w\-/.%]*$/).test(value)) return undefined;
  const base = 'http://app.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  const normalised = url.pathname + (options.query ? url.search : '');
  if (url.origin !== base || !normalised.startsWith('/') || normalised.startsWith('//')) return undefined;
  return normalised;
}

/** A local path to go back to after sign-in (no open redirects). */
export function safeNext(value: unknown): string {
  return localPath(value) ?? '/ecosystems';
}

export function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}
