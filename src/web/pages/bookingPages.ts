/**
 * A member books a host's free slot (docs/product.md §12.5): one week of the host's free slots in
 * the viewer's time zone, the confirm step, and the booking itself — a record create of kind
 * `booking` (src/meetings/meetingCommands.ts), which checks again, in its own transaction, that
 * the time is still a listed slot. A slot taken in the meantime re-renders the confirm step with
 * the next free ones.
 *
 * The viewer's zone comes from `?tz`, else the cookie a `?tz` left, else the zone of their account,
 * else the host's zone — said so on the page; a small script (src/web/assets/bookingZone.js) then
 * asks once with the browser's zone. Slots come from src/availability/availabilityStore.ts, never
 * computed here. Every text is in the page's language (src/i18n/pageText.ts).
 */
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../appEnv.ts';
import { AppError, NotFoundError, SlotRefusedError, ValidationError } from '../../errors.ts';
import { requireMembership, type Membership } from '../../ecosystems/ecosystems.ts';
import { bookableHosts, hostSlots, slotsNear, type BookableHost } from '../../availability/availabilityStore.ts';
import type { Availability } from '../../availability/availabilityInput.ts';
import { localDay, weekStart, type Span } from '../../availability/slots.ts';
import { createMeeting } from '../../meetings/meetingCommands.ts';
import { createMeetingInput, timezoneSchema } from '../../meetings/meetingInput.ts';
import { wallClockToInstant } from '../../meetings/zonedTime.ts';
import { finishProvisionNow } from '../../meetings/provisionNow.ts';
import { meetingDeps } from '../api/meetingsApi.ts';
import { fieldErrorsFrom } from '../errorResponses.ts';
import type { FieldErrors } from '../views/formErrors.ts';
import { type BookingPlace, confirmView, type ViewerZone, weekView } from '../views/bookingViews.ts';
import { errorText } from '../errorText.ts';
import { pageText } from '../../i18n/pageText.ts';
import { field, pageSession, renderPage } from './render.ts';

const DAY = 86_400_000;
/** How far past an empty week the page looks for the next free slot. */
const LOOK_AHEAD_DAYS = 28;
/** The viewer's time zone, remembered from their last `?tz` (a preference, not a secret). */
const ZONE_COOKIE = 'ekos_tz';

const isZone = (zone: string | undefined): zone is string => !!zone && timezoneSchema.safeParse(zone).success;
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The viewer's zone for this page (see the file's comment); a valid `?tz` is remembered. */
function viewerZone(c: Context<AppEnv>, asked: string | undefined, hostZone: string): ViewerZone {
  const own = c.var.session?.user.timezone ?? undefined;
  if (isZone(asked)) {
    setCookie(c, ZONE_COOKIE, asked, {
      sameSite: 'Lax',
      secure: c.var.deps.config.secureCookies,
      path: '/',
      maxAge: 365 * 86_400,
    });
    return { zone: asked, source: 'query' };
  }
  const kept = getCookie(c, ZONE_COOKIE);
  if (isZone(kept)) return { zone: kept, source: 'cookie' };
  return isZone(own) ? { zone: own, source: 'account' } : { zone: hostZone, source: 'host' };
}

/** The local day number (days since 1970-01-01 in `zone`) of the Monday of the week holding `instant`. */
const mondayOf = (instant: number, zone: string) => localDay(weekStart(instant, zone), zone);

/** `?week=YYYY-MM-DD` as the local day number of its Monday; not before this week (default: this week). */
function weekAsked(value: string | undefined, zone: string, now: number): number {
  const current = mondayOf(now, zone);
  const day = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T12:00:00Z`) : Number.NaN;
  if (Number.isNaN(day)) return current;
  return Math.max(current, mondayOf(wallClockToInstant(day, zone), zone));
}

/**
 * Where a booking with the host takes place: the place the host published; Zoom only when a
 * booking by this viewer would get a Zoom meeting (the host list's `zoom`), else none can be made.
 */
function placeFor(host: BookableHost, location: Availability['location']): BookingPlace {
  const { t } = pageText();
  if (location?.type === 'in_person') {
    return { ok: true, location, text: t('booking.place.inPerson', { address: location.address }) };
  }
  if (location?.type === 'link') return { ok: true, location, text: t('booking.place.link') };
  if (host.zoom) return { ok: true, location: { type: 'zoom' }, text: t('booking.place.zoom') };
  return {
    ok: false,
    message: location
      ? t('booking.place.zoomUnavailable', { name: host.name })
      : t('booking.place.nowhere', { name: host.name }),
  };
}

/** A duration the host offers (as asked, else their first). */
const durationFor = (host: BookableHost, asked: string | undefined) =>
  host.durations.find((d) => String(d) === asked) ?? host.durations[0]!;

interface Found {
  user: { id: string; name: string; email: string };
  membership: Membership;
  host: BookableHost;
  now: number;
}

/** What a confirm step was asked for (query or form fields, unchecked). */
interface Asked {
  start: string;
  duration: string;
  tz: string;
  title: string;
  note: string;
}

export function bookingPages() {
  const pages = new Hono<AppEnv>();

  /** The signed-in member and the bookable host the path names (404 like any foreign id). */
  const hostOfPath = async (c: Context<AppEnv>): Promise<Found | { redirect: Response }> => {
    const auth = pageSession(c);
    if ('redirect' in auth) return auth;
    const { db } = c.var.deps.database;
    const membership = await requireMembership(db, auth.session.user.id, c.req.param('id')!);
    const host = (await bookableHosts(db, membership)).find((h) => h.userId === c.req.param('hostId'));
    if (!host) throw new NotFoundError('host');
    return { user: auth.session.user, membership, host, now: c.var.deps.providerJobs.now().getTime() };
  };

  pages.get('/ecosystems/:id/lets-meet/book/:hostId', async (c) => {
    const found = await hostOfPath(c);
    if ('redirect' in found) return found.redirect;
    const { membership, host, now } = found;
    const { db } = c.var.deps.database;
    const zone = viewerZone(c, c.req.query('tz'), host.timezone);
    const durationMinutes = durationFor(host, c.req.query('duration'));
    const monday = weekAsked(c.req.query('week'), zone.zone, now);
    const starts = Array.from({ length: 8 }, (_, i) => wallClockToInstant((monday + i) * DAY, zone.zone));
    const weekEnd = starts[7]!;
    const ask = (from: number, to: number) =>
      hostSlots(db, membership.ecosystemId, host.userId, { from, to, now, durationMinutes });
    const { availability, slots } = await ask(starts[0]!, weekEnd);
    const days = starts.slice(0, 7).map((start) => ({ start, slots: [] as Span[] }));
    for (const slot of slots) days[localDay(slot.start, zone.zone) - monday]?.slots.push(slot);
    const horizon = now + availability.horizonDays * DAY;
    let nextFree: { start: number; week: string } | undefined;
    if (slots.length === 0 && weekEnd < horizon) {
      const [first] = (await ask(weekEnd, Math.min(horizon, weekEnd + LOOK_AHEAD_DAYS * DAY))).slots;
      if (first) nextFree = { start: first.start, week: dateOfDay(mondayOf(first.start, zone.zone)) };
    }
    return renderPage(
      c,
      pageText().t('booking.bookHost', { name: host.name }),
      weekView({
        membership,
        host,
        place: placeFor(host, availability.location),
        zone,
        durationMinutes,
        week: dateOfDay(monday),
        days,
        previousWeek: monday > mondayOf(now, zone.zone) ? dateOfDay(monday - 7) : undefined,
        nextWeek: weekEnd < horizon ? dateOfDay(monday + 7) : undefined,
        nextFree,
      }),
    );
  });

  /** The slot a confirm step names, read against the host's availability now. */
  const slotAsked = async (c: Context<AppEnv>, found: Found, asked: Asked) => {
    const { membership, host, now } = found;
    if (!z.iso.datetime({ offset: true }).safeParse(asked.start).success) {
      throw new ValidationError('That is not a time this host offered: choose one of their free times.', {
        code: 'slot_not_offered',
      });
    }
    const start = Date.parse(asked.start);
    const durationMinutes = durationFor(host, asked.duration);
    const { availability, slots } = await hostSlots(c.var.deps.database.db, membership.ecosystemId, host.userId, {
      from: start,
      to: start + 1,
      now,
      durationMinutes,
    });
    return {
      start,
      durationMinutes,
      zone: viewerZone(c, asked.tz, host.timezone).zone,
      hostZone: availability.timezone,
      place: placeFor(host, availability.location),
      listed: slots.some((s) => s.start === start),
    };
  };

  /**
   * The confirm step: the form, or why this time cannot be booked — taken (refused by the booking,
   * or no longer listed: then with the next free times), or no place the booking could have.
   */
  const renderConfirm = async (
    c: Context<AppEnv>,
    found: Found,
    asked: Asked,
    slot: Awaited<ReturnType<typeof slotAsked>>,
    outcome: { status?: 400 | 409 | 422; error?: string; errors?: FieldErrors; refused?: SlotRefusedError } = {},
  ) => {
    const { membership, host, now } = found;
    const { start, durationMinutes, zone, place } = slot;
    const { t } = pageText();
    const nearest = outcome.refused
      ? outcome.refused.nearestSlots.map((s) => ({ start: Date.parse(s.start), end: Date.parse(s.end) }))
      : slot.listed
        ? undefined
        : await slotsNear(c.var.deps.database.db, membership.ecosystemId, host.userId, { start, durationMinutes, now });
    const error = outcome.error ?? (nearest ? t('booking.confirm.taken') : place.ok ? undefined : place.message);
    return renderPage(
      c,
      t('booking.bookHost', { name: host.name }),
      confirmView({
        membership,
        csrfToken: c.var.csrfToken,
        host,
        place,
        hostZone: slot.hostZone,
        viewerZone: zone,
        start,
        durationMinutes,
        week: dateOfDay(mondayOf(start, zone)),
        // A first visit suggests a title; a refused form shows the title as sent, even empty.
        values: {
          title:
            c.req.method === 'POST'
              ? asked.title
              : asked.title || t('booking.confirm.defaultTitle', { name: host.name }),
          note: asked.note,
        },
        errors: outcome.errors,
        taken: nearest ? { nearest } : undefined,
      }),
      { ...(outcome.status ? { status: outcome.status } : {}), error },
    );
  };

  pages.get('/ecosystems/:id/lets-meet/book/:hostId/confirm', async (c) => {
    const found = await hostOfPath(c);
    if ('redirect' in found) return found.redirect;
    const q = (name: string) => c.req.query(name) ?? '';
    const asked = { start: q('start'), duration: q('duration'), tz: q('tz'), title: q('title'), note: q('note') };
    return renderConfirm(c, found, asked, await slotAsked(c, found, asked));
  });

  pages.post('/ecosystems/:id/lets-meet/book/:hostId/confirm', async (c) => {
    const found = await hostOfPath(c);
    if ('redirect' in found) return found.redirect;
    const body = await c.req.parseBody();
    const asked = {
      start: field(body, 'start'),
      duration: field(body, 'duration'),
      tz: field(body, 'tz'),
      title: field(body, 'title'),
      note: field(body, 'note'),
    };
    const slot = await slotAsked(c, found, asked);
    if (!slot.place.ok) return renderConfirm(c, found, asked, slot, { status: 422 });
    const parsed = createMeetingInput.safeParse({
      kind: 'booking',
      title: asked.title,
      ...(asked.note ? { description: asked.note } : {}),
      startTime: new Date(slot.start).toISOString(),
      durationMinutes: slot.durationMinutes,
      timezone: slot.zone,
      hostUserId: found.host.userId,
      location: slot.place.location,
    });
    if (!parsed.success) {
      const errors = fieldErrorsFrom(parsed.error, ([first]) =>
        first === 'title' ? 'title' : first === 'description' ? 'note' : undefined,
      );
      // Only a time that passed while the page was open has no field: it shows as no longer free.
      const error = Object.values(errors).length ? pageText().t('booking.confirm.checkFields') : undefined;
      return renderConfirm(c, found, asked, slot, { status: error ? 400 : 422, ...(error ? { error } : {}), errors });
    }
    let created: Awaited<ReturnType<typeof createMeeting>>;
    try {
      created = await createMeeting(
        meetingDeps(c.var.deps),
        { membership: found.membership, user: found.user },
        parsed.data,
      );
    } catch (error) {
      if (error instanceof SlotRefusedError) {
        return renderConfirm(c, found, asked, slot, {
          status: error.status as 409,
          error: errorText(error),
          refused: error,
        });
      }
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      return renderConfirm(c, found, asked, slot, { status: error.status as 400, error: errorText(error) });
    }
    if (created.attempt) await finishProvisionNow(c.var.deps.providerJobs, created.id, created.attempt);
    return c.redirect(`/meetings/${created.id}?notice=${created.requested ? 'requested' : 'booked'}`, 303);
  });

  return pages;
}
