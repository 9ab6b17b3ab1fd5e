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
import { formatWhen, formattersFor } from '../../mail/renderMeetingMail.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { zoneOptions } from './timeZones.ts';

/** Where a booking with the host takes place, or why it cannot be booked now. */
export type BookingPlace =
  | { ok: true; location: CreateMeetingInput['location']; text: string }
  | { ok: false; message: string };

/** How the page came to show times in `zone`: asked for (`?tz`), remembered (cookie), or the host's by default. */
export interface ViewerZone {
  zone: string;
  source: 'query' | 'cookie' | 'host';
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

const durationsText = (durations: number[]) =>
  `${durations.slice(0, -1).join(', ')}${durations.length > 1 ? ' or ' : ''}${durations.at(-1)} minutes`;

/** Lets Meet's entry to booking: the hosts who take bookings here, with what a booking gets. */
export function bookHostsCard(model: { membership: Membership; hosts: BookableHost[] }): Html {
  const { membership } = model;
  return html`<section class="card" id="book-a-host" aria-labelledby="book-a-host-heading"><h2 id="book-a-host-heading">Book a host</h2>
${
  model.hosts.length === 0
    ? html`<p class="muted">Nobody takes bookings here yet. Hosts open their free times on Lets Meet → Manage.</p>`
    : html`<p class="muted">Choose a host to see their free times, in your time zone.</p>
<ul class="plain">${model.hosts.map(
        (h) => html`<li class="row host-choice">
  <span><strong>${h.name}</strong><br><span class="muted">${durationsText(h.durations)} ·
    ${h.zoom ? html`<span class="pill ok">Zoom meeting</span>` : html`<span class="pill">No Zoom meeting</span>`}${h.requiresApproval ? html` <span class="pill">Approves each booking</span>` : ''}</span></span>
  <a class="button secondary" href="${bookBase(membership.ecosystemId, h.userId)}">See free times<span class="visually-hidden"> of ${h.name}</span></a>
</li>`,
      )}</ul>`
}</section>`;
}

function breadcrumb(membership: Membership, host: BookableHost, base?: string) {
  return html`<p class="muted"><a href="/ecosystems/${membership.ecosystemId}/lets-meet">Lets Meet · ${membership.ecosystemName}</a> ›
  ${base ? html`<a href="${base}">Book ${host.name}</a>` : html`Book ${host.name}`}</p>`;
}

function placeLine(place: BookingPlace) {
  return place.ok
    ? html`<p><strong>Where:</strong> ${place.text}</p>`
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

export function weekView(model: WeekModel): Html {
  const { host, zone, durationMinutes: duration } = model;
  const base = bookBase(model.membership.ecosystemId, host.userId);
  const { date, time } = formattersFor(zone.zone);
  const free = model.days.reduce((n, d) => n + d.slots.length, 0);
  return html`${breadcrumb(model.membership, host)}
<h1>Book ${host.name}</h1>
<section class="card">
  ${placeLine(model.place)}
  <p id="zone-note">${
    zone.source === 'host'
      ? html`Times are in <strong>${zone.zone}</strong>, ${host.name}’s time zone: choose yours below to see them in your own.`
      : html`Times are in your time zone, <strong>${zone.zone}</strong>.`
  }</p>
  <form method="get" action="${base}" id="zone-form" class="stack" data-zone-source="${zone.source}">
    <input type="hidden" name="week" value="${model.week}">
    <div class="grid2">
      <label>Your time zone <select name="tz">${zoneOptions(zone.zone)}</select></label>
      ${
        host.durations.length > 1
          ? html`<label>Length <select name="duration">${host.durations.map((d) => html`<option value="${d}" ${d === duration ? 'selected' : ''}>${d} minutes</option>`)}</select></label>`
          : html`<input type="hidden" name="duration" value="${duration}"><p class="muted">Each booking is ${duration} minutes.</p>`
      }
    </div>
    <button type="submit" class="secondary">Show times</button>
  </form>
</section>
<section class="card" aria-labelledby="week-heading" id="week">
  <h2 id="week-heading">Week of ${date.format(model.days[0]!.start)}</h2>
  <p class="muted" id="week-zone">Every time below is in ${zone.zone}.</p>
  <nav class="weeknav" aria-label="Weeks">
    ${model.previousWeek ? html`<a href="${weekHref(base, model.previousWeek, zone.zone, duration)}" rel="prev">← Previous week</a>` : html`<span></span>`}
    ${model.nextWeek ? html`<a href="${weekHref(base, model.nextWeek, zone.zone, duration)}" rel="next">Next week →</a>` : ''}
  </nav>
  ${free === 0 ? html`<p id="no-free-times">No free ${duration}-minute times this week.${model.nextFree ? html` The next one is ${date.format(model.nextFree.start)}, ${time.format(model.nextFree.start)} (${zone.zone}): <a href="${weekHref(base, model.nextFree.week, zone.zone, duration)}">show that week</a>.` : ''}</p>` : ''}
  ${model.days.map(
    (day, i) => html`<h3 id="day-${i}">${date.format(day.start)}</h3>
  ${
    day.slots.length === 0
      ? html`<p class="muted">No free times.</p>`
      : html`<ul class="slots" aria-labelledby="day-${i}">${day.slots.map(
          (s) =>
            html`<li><a class="button secondary" href="${confirmHref(base, { start: s.start, durationMinutes: duration, zone: zone.zone })}">${time.format(s.start)}<span class="visually-hidden">, ${date.format(s.start)} (${zone.zone}), ${duration} minutes</span></a></li>`,
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

export function confirmView(model: ConfirmModel): Html {
  const { host, values, errors: e } = model;
  const base = bookBase(model.membership.ecosystemId, model.host.userId);
  const week = weekHref(base, model.week, model.viewerZone, model.durationMinutes);
  const start = new Date(model.start);
  return html`${breadcrumb(model.membership, host, base)}
<h1>${model.taken ? 'Choose another time' : html`Confirm your booking with ${host.name}`}</h1>
<section class="card" id="chosen-slot">
  <p><strong>${model.taken ? 'You chose' : 'When'}:</strong> ${formatWhen(start, model.durationMinutes, model.viewerZone)}</p>
  ${model.hostZone === model.viewerZone ? '' : html`<p class="muted">For ${host.name}: ${formatWhen(start, model.durationMinutes, model.hostZone)}</p>`}
  ${placeLine(model.place)}
  ${host.requiresApproval && !model.taken ? html`<p class="muted" id="approval-note">${host.name} approves each booking first: the time is held for you until they answer, and you get an email either way.</p>` : ''}
</section>
${
  model.taken
    ? html`<section class="card" id="next-free" aria-labelledby="next-free-heading"><h2 id="next-free-heading">The next free times</h2>
  ${
    model.taken.nearest.length
      ? html`<ul class="slots">${model.taken.nearest.map(
          (s) =>
            html`<li><a class="button secondary" href="${confirmHref(base, { start: s.start, durationMinutes: model.durationMinutes, zone: model.viewerZone }, values)}">${formatWhen(new Date(s.start), model.durationMinutes, model.viewerZone)}</a></li>`,
        )}</ul>`
      : html`<p class="muted">No free times near it.</p>`
  }
  <p><a href="${week}">See the whole week</a></p></section>`
    : model.place.ok
      ? html`<form class="stack card" method="post" action="${base}/confirm">${csrfField(model.csrfToken)}
  <input type="hidden" name="start" value="${start.toISOString()}">
  <input type="hidden" name="duration" value="${model.durationMinutes}">
  <input type="hidden" name="tz" value="${model.viewerZone}">
  <label>Title <input name="title" required maxlength="200" value="${values.title}"${invalidAttrs(e, 'title')}></label>${fieldError(e, 'title')}
  <label>Note for ${host.name} <span class="muted" style="font-weight:400">(optional: what you would like to talk about)</span>
    <textarea name="note" maxlength="2000" rows="4"${invalidAttrs(e, 'note')}>${values.note}</textarea></label>${fieldError(e, 'note')}
  <div class="row"><button type="submit">Confirm booking</button><a href="${week}">Choose another time</a></div>
</form>`
      : html`<p><a href="${week}">Back to the week</a></p>`
}`;
}
