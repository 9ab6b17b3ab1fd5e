/**
 * Booking a host's free slot (docs/product.md §12.5): the "Book a host" card on Lets Meet, one
 * week of a host's free slots in the viewer's time zone, and the confirm step. Every time shown
 * names its zone; the slots are plain links and the forms plain GET/POST, so all of it works
 * without script (src/web/assets/bookingZone.js only fills in the browser's zone once).
 */
import { html } from 'hono/html';
import type { Membership } from '../../ecosystems/ecosystems.ts';
import type { BookableHost } from '../../availability/availabilityStore.ts';
import type { Span } from '../../availability/slots.ts';
import type { CreateMeetingInput } from '../../meetings/meetingInput.ts';
import { formatAlternatives, formatDay, formatInstant, formattersFor, formatWhen } from '../../i18n/formatting.ts';
import { pageText } from '../../i18n/pageText.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { zoneOptions } from './timeZones.ts';

/** Where a booking with the host takes place, or why it cannot be booked now. */
export type BookingPlace =
  | { ok: true; location: CreateMeetingInput['location']; text: string }
  | { ok: false; message: string };

/**
 * How the page came to show times in `zone`: asked for (`?tz`), remembered (cookie), the viewer's
 * own account zone, or the host's by default.
 */
export interface ViewerZone {
  zone: string;
  source: 'query' | 'cookie' | 'account' | 'host';
}

export const bookBase = (ecosystemId: string, hostUserId: string) =>
  `/ecosystems/${ecosystemId}/lets-meet/book/${hostUserId}`;

/** The confirm step for one slot; `kept` carries a title and note already typed. */
export function confirmHref(
  base: string,
  slot: { start: number; durationMinutes: number; zone: string },
  kept: { title?: string; note?: string } = {},
): string {
  const query = new URLSearchParams({
    start: new Date(slot.start).toISOString(),
    duration: String(slot.durationMinutes),
    tz: slot.zone,
  });
  if (kept.title) query.set('title', kept.title);
  if (kept.note) query.set('note', kept.note);
  return `${base}/confirm?${query}`;
}

export function weekHref(base: string, week: string, zone: string, durationMinutes: number): string {
  return `${base}?${new URLSearchParams({ week, tz: zone, duration: String(durationMinutes) })}`;
}

/**
 * A text with one value in bold. The text names the value by a placeholder and holds no markup:
 * it is split where the value goes, so each language puts the value where its sentence needs it.
 */
function withStrong(text: (placeholder: string) => string, value: string): Html {
  const mark = '\u0000';
  const [before = '', after = ''] = text(mark).split(mark);
  return html`${before}<strong>${value}</strong>${after}`;
}

/** "30 or 60 minutes" in the page's language: the plural follows the last number, as it is read. */
function durationsText(durations: number[]): string {
  const { locale, t } = pageText();
  return t('booking.hosts.durations', {
    list: formatAlternatives(
      locale,
      durations.map((d) => String(d)),
    ),
    count: durations.at(-1) ?? 0,
  });
}

/** Lets Meet's entry to booking: the hosts who take bookings here, with what a booking gets. */
export function bookHostsCard(model: { membership: Membership; hosts: BookableHost[] }): Html {
  const { membership } = model;
  const { t } = pageText();
  return html`<section class="card" id="book-a-host" aria-labelledby="book-a-host-heading"><h2 id="book-a-host-heading">${t('booking.hosts.heading')}</h2>
${
  model.hosts.length === 0
    ? html`<p class="muted">${t('booking.hosts.none')}</p>`
    : html`<p class="muted">${t('booking.hosts.lead')}</p>
<ul class="plain">${model.hosts.map(
        (h) => html`<li class="row host-choice">
  <span><strong>${h.name}</strong><br><span class="muted">${durationsText(h.durations)} ·
    ${h.zoom ? html`<span class="pill ok">${t('booking.hosts.zoom')}</span>` : html`<span class="pill">${t('booking.hosts.noZoom')}</span>`}${h.requiresApproval ? html` <span class="pill">${t('booking.hosts.approves')}</span>` : ''}</span></span>
  <a class="button secondary" href="${bookBase(membership.ecosystemId, h.userId)}">${t('booking.hosts.seeFreeTimes')}<span class="visually-hidden"> ${t('booking.hosts.ofHost', { name: h.name })}</span></a>
</li>`,
      )}</ul>`
}</section>`;
}

function breadcrumb(membership: Membership, host: BookableHost, base?: string) {
  const bookHost = pageText().t('booking.bookHost', { name: host.name });
  return html`<p class="muted"><a href="/ecosystems/${membership.ecosystemId}/lets-meet">Lets Meet · ${membership.ecosystemName}</a> ›
  ${base ? html`<a href="${base}">${bookHost}</a>` : bookHost}</p>`;
}

function placeLine(place: BookingPlace) {
  return place.ok
    ? html`<p><strong>${pageText().t('booking.place.where')}</strong> ${place.text}</p>`
    : html`<p class="warning" role="note" id="place-unavailable">${place.message}</p>`;
}

export interface WeekModel {
  membership: Membership;
  host: BookableHost;
  place: BookingPlace;
  zone: ViewerZone;
  durationMinutes: number;
  /** The Monday of the week shown, YYYY-MM-DD in the viewer's zone. */
  week: string;
  /** The seven days from that Monday: the instant each begins, with its free slots. */
  days: { start: number; slots: Span[] }[];
  previousWeek?: string | undefined;
  nextWeek?: string | undefined;
  /** When this week has none: the next free slot after it, and its week. */
  nextFree?: { start: number; week: string } | undefined;
}

/** Which zone the times are in, and whose it is. */
function zoneNote(zone: ViewerZone, host: BookableHost): Html {
  const { t } = pageText();
  return zone.source === 'host'
    ? withStrong((mark) => t('booking.week.zoneOfHost', { zone: mark, name: host.name }), zone.zone)
    : withStrong((mark) => t('booking.week.zoneYours', { zone: mark }), zone.zone);
}

/** The zone and length form: a plain GET, so it works without script. */
function zoneForm(model: WeekModel, base: string): Html {
  const { t } = pageText();
  const { host, zone, durationMinutes: duration } = model;
  return html`<form method="get" action="${base}" id="zone-form" class="stack" data-zone-source="${zone.source}" data-switching="${t('booking.week.switching')}">
    <input type="hidden" name="week" value="${model.week}">
    <div class="grid2">
      <label>${t('booking.week.yourZone')} <select name="tz">${zoneOptions(zone.zone)}</select></label>
      ${
        host.durations.length > 1
          ? html`<label>${t('booking.week.length')} <select name="duration">${host.durations.map((d) => html`<option value="${d}" ${d === duration ? 'selected' : ''}>${t('common.time.minutes', { count: d })}</option>`)}</select></label>`
          : html`<input type="hidden" name="duration" value="${duration}"><p class="muted">${t('booking.week.eachBooking', { count: duration })}</p>`
      }
    </div>
    <button type="submit" class="secondary">${t('booking.week.showTimes')}</button>
  </form>`;
}

export function weekView(model: WeekModel): Html {
  const { host, zone, durationMinutes: duration } = model;
  const { locale, t } = pageText();
  const base = bookBase(model.membership.ecosystemId, host.userId);
  const { date, time } = formattersFor(locale, zone.zone);
  const free = model.days.reduce((n, d) => n + d.slots.length, 0);
  const next = model.nextFree;
  return html`${breadcrumb(model.membership, host)}
<h1>${t('booking.bookHost', { name: host.name })}</h1>
<section class="card">
  ${placeLine(model.place)}
  <p id="zone-note">${zoneNote(zone, host)}</p>
  ${zoneForm(model, base)}
</section>
<section class="card" aria-labelledby="week-heading" id="week">
  <h2 id="week-heading">${t('booking.week.heading', { date: date.format(model.days[0]!.start) })}</h2>
  <p class="muted" id="week-zone">${t('booking.week.everyTimeIn', { zone: zone.zone })}</p>
  <nav class="weeknav" aria-label="${t('booking.week.weeks')}">
    ${model.previousWeek ? html`<a href="${weekHref(base, model.previousWeek, zone.zone, duration)}" rel="prev">${t('booking.week.previous')}</a>` : html`<span></span>`}
    ${model.nextWeek ? html`<a href="${weekHref(base, model.nextWeek, zone.zone, duration)}" rel="next">${t('booking.week.next')}</a>` : ''}
  </nav>
  ${free === 0 ? html`<p id="no-free-times">${t('booking.week.noneThisWeek', { count: duration })}${next ? html` ${t('booking.week.nextOne', { when: formatInstant(locale, new Date(next.start), zone.zone) })} <a href="${weekHref(base, next.week, zone.zone, duration)}">${t('booking.week.showThatWeek')}</a>.` : ''}</p>` : ''}
  ${model.days.map(
    (day, i) => html`<h3 id="day-${i}">${formatDay(locale, day.start, zone.zone)}</h3>
  ${
    day.slots.length === 0
      ? html`<p class="muted">${t('booking.week.noneThisDay')}</p>`
      : html`<ul class="slots" aria-labelledby="day-${i}">${day.slots.map(
          (s) =>
            html`<li><a class="button secondary" href="${confirmHref(base, { start: s.start, durationMinutes: duration, zone: zone.zone })}">${time.format(s.start)}<span class="visually-hidden">, ${t('booking.week.slotDetails', { date: date.format(s.start), zone: zone.zone, count: duration })}</span></a></li>`,
        )}</ul>`
  }`,
  )}
</section>
${zone.source === 'host' ? html`<script src="/assets/bookingZone.js"></script>` : ''}`;
}

export interface ConfirmModel {
  membership: Membership;
  csrfToken: string;
  host: BookableHost;
  place: BookingPlace;
  hostZone: string;
  viewerZone: string;
  start: number;
  durationMinutes: number;
  /** The Monday (YYYY-MM-DD, viewer's zone) of the slot's week, for "Choose another time". */
  week: string;
  values: { title: string; note: string };
  errors?: FieldErrors | undefined;
  /** The time is no longer free: the nearest free ones instead (docs/product.md §12.4). */
  taken?: { nearest: Span[] } | undefined;
}

/** The nearest free times, offered when the one chosen was taken (the title and note typed are kept). */
function nextFreeTimes(model: ConfirmModel, nearest: Span[], base: string, week: string): Html {
  const { locale, t } = pageText();
  const { durationMinutes, viewerZone: zone, values } = model;
  return html`<section class="card" id="next-free" aria-labelledby="next-free-heading"><h2 id="next-free-heading">${t('booking.confirm.nextFreeHeading')}</h2>
  ${
    nearest.length
      ? html`<ul class="slots">${nearest.map(
          (s) =>
            html`<li><a class="button secondary" href="${confirmHref(base, { start: s.start, durationMinutes, zone }, values)}">${formatWhen(locale, new Date(s.start), durationMinutes, zone)}</a></li>`,
        )}</ul>`
      : html`<p class="muted">${t('booking.confirm.noneNear')}</p>`
  }
  <p><a href="${week}">${t('booking.confirm.seeWeek')}</a></p></section>`;
}

/** The confirm form: title and note; the chosen time travels in hidden fields. */
function confirmForm(model: ConfirmModel, base: string, week: string): Html {
  const { t } = pageText();
  const { host, values, errors: e } = model;
  return html`<form class="stack card" method="post" action="${base}/confirm">${csrfField(model.csrfToken)}
  <input type="hidden" name="start" value="${new Date(model.start).toISOString()}">
  <input type="hidden" name="duration" value="${model.durationMinutes}">
  <input type="hidden" name="tz" value="${model.viewerZone}">
  <label>${t('booking.confirm.title')} <input name="title" required maxlength="200" value="${values.title}"${invalidAttrs(e, 'title')}></label>${fieldError(e, 'title')}
  <label>${t('booking.confirm.noteFor', { name: host.name })} <span class="muted" style="font-weight:400">${t('booking.confirm.noteHint')}</span>
    <textarea name="note" maxlength="2000" rows="4"${invalidAttrs(e, 'note')}>${values.note}</textarea></label>${fieldError(e, 'note')}
  <div class="row"><button type="submit">${t('booking.confirm.submit')}</button><a href="${week}">${t('booking.confirm.chooseAnother')}</a></div>
</form>`;
}

export function confirmView(model: ConfirmModel): Html {
  const { host } = model;
  const { locale, t } = pageText();
  const base = bookBase(model.membership.ecosystemId, model.host.userId);
  const week = weekHref(base, model.week, model.viewerZone, model.durationMinutes);
  const start = new Date(model.start);
  return html`${breadcrumb(model.membership, host, base)}
<h1>${model.taken ? t('booking.confirm.chooseAnother') : t('booking.confirm.heading', { name: host.name })}</h1>
<section class="card" id="chosen-slot">
  <p><strong>${model.taken ? t('booking.confirm.youChose') : t('booking.confirm.when')}</strong> ${formatWhen(locale, start, model.durationMinutes, model.viewerZone)}</p>
  ${model.hostZone === model.viewerZone ? '' : html`<p class="muted">${t('booking.confirm.forHost', { name: host.name, when: formatWhen(locale, start, model.durationMinutes, model.hostZone) })}</p>`}
  ${placeLine(model.place)}
  ${host.requiresApproval && !model.taken ? html`<p class="muted" id="approval-note">${t('booking.confirm.approvalNote', { name: host.name })}</p>` : ''}
</section>
${
  model.taken
    ? nextFreeTimes(model, model.taken.nearest, base, week)
    : model.place.ok
      ? confirmForm(model, base, week)
      : html`<p><a href="${week}">${t('booking.confirm.backToWeek')}</a></p>`
}`;
}
