/** Small helpers every page route uses: render in the layout, require a signed-in user. */
import type { Context } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import type { ActiveSession } from '../../auth/sessions.ts';
import { layout, type Html } from '../views/layout.ts';

/** Fixed notice texts selected by `?notice=key`: arbitrary query text is never echoed. */
const NOTICES: Record<string, string> = {
  created: 'Saved.',
  cancelled: 'Cancelled. Attendees are being told.',
  approved: 'Approved. The booking is scheduled and its people are being sent the invitation.',
  declined: 'Declined. The person who asked is being told, and the time is free again.',
  rescheduled: 'Rescheduled. Attendees are being sent the new time.',
  registered: 'Registered. A confirmation is on its way.',
  waitlisted:
    'The event is full: you are on its waitlist. If a seat frees up it is yours, and the join link comes by email.',
  seats_saved: 'Saved. The event keeps its time and its Zoom meeting; anyone given a seat is being sent the join link.',
  unregistered: 'Unregistered. The seat goes to the first one waiting, if anyone is.',
  invitation_sent: 'Invitation sent. They become a member when they accept it.',
  invitation_accepted: 'Welcome! You are now a member of this ecosystem.',
  invitation_declined: 'Invitation declined.',
  invitation_revoked: 'Invitation withdrawn.',
  role_changed: 'Role changed.',
  member_removed: 'Member removed.',
  left: 'You left the ecosystem.',
  settings_saved: 'Your settings are saved.',
  availability_saved: 'Your availability is saved. The preview below shows your next free slots.',
  booked: 'Booked. It is on your Lets Meet page, and the host sees it on theirs.',
  requested:
    'Requested. This host approves bookings first: the time is held for you, and you get an email when they answer.',
  ecosystem_created: 'Ecosystem created. You are its admin.',
  signed_out: 'You are signed out.',
  signed_out_everywhere: 'You are signed out everywhere: every session of your account has ended.',
  profile_saved: 'Saved. Your emails show times in the time zone you chose.',
  password_changed: 'Your password is changed. Everywhere else you were signed in is signed out.',
  password_reset: 'Your new password is saved and you are signed in. Every other session of your account has ended.',
};

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
        notice: noticeKey ? NOTICES[noticeKey] : undefined,
        error: options.error,
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
