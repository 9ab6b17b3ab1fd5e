/**
 * A host's availability on Lets Meet → Manage (docs/product.md §12.2, §12.5): the form and the
 * preview of the next free slots. Every group of inputs is a fieldset with a legend, every input
 * has a label (rows repeat a visible "Day / From / To" and name their row for screen readers),
 * and a refused field carries its message (formErrors.ts). Rows are plain inputs: a new row needs
 * no script (the form always ends with empty rows, and more appear after saving).
 */
import { html } from 'hono/html';
import type { Membership } from '../../ecosystems/ecosystems.ts';
import { formatWhen } from '../../mail/renderMeetingMail.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { zoneOptions } from './timeZones.ts';

/** The form's fields as typed (strings), so a refused form comes back exactly as sent. */
export interface AvailabilityFormValues {
  bookable: boolean;
  timezone: string;
  /** `day` is a weekday (`mon`…`sun`), or `weekdays` / `everyday` for several at once. */
  weekly: { day: string; start: string; end: string }[];
  /** Wall-clock `YYYY-MM-DDTHH:mm` in `timezone`. */
  extra: { start: string; end: string }[];
  blocked: { start: string; end: string }[];
  durations: string;
  slotStepMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minimumNoticeMinutes: string;
  horizonDays: string;
  weeklyLimit: string;
  requiresApproval: boolean;
  locationType: string;
  address: string;
  url: string;
}

const DAY_CHOICES: [string, string][] = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
  ['weekdays', 'Monday to Friday'],
  ['everyday', 'Every day'],
];

/** The rows to show: those given, then empty ones (at least `blank`, and `least` rows in all). */
const withBlankRows = <T>(rows: T[], empty: T, blank: number, least = 0) => [
  ...rows,
  ...Array.from({ length: Math.max(blank, least - rows.length) }, () => empty),
];

/** A number field whose label says its unit; `hint` says more in the label's own words. */
function numberField(
  v: AvailabilityFormValues,
  e: FieldErrors | undefined,
  name: keyof AvailabilityFormValues,
  label: string,
  limits: { min: number; max: number },
  hint = '',
) {
  return html`<div class="stack-field"><label>${label}${hint ? html` <span class="muted" style="font-weight:400">${hint}</span>` : ''}
  <input type="number" name="${name}" min="${limits.min}" max="${limits.max}" step="1" value="${String(v[name])}"${invalidAttrs(e, name)}></label>${fieldError(e, name)}</div>`;
}

function weeklyRows(v: AvailabilityFormValues, e: FieldErrors | undefined) {
  const rows = withBlankRows(v.weekly, { day: '', start: '', end: '' }, 2, 3);
  return rows.map((w, i) => {
    const n = html`<span class="visually-hidden"> (window ${i + 1})</span>`;
    return html`<div class="window weekly">
    <label>Day${n} <select name="weeklyDay"${invalidAttrs(e, `weekly-${i}`)}><option value="">Choose…</option>${DAY_CHOICES.map(([value, text]) => html`<option value="${value}" ${w.day === value ? 'selected' : ''}>${text}</option>`)}</select></label>
    <label>From${n} <input type="time" name="weeklyStart" value="${w.start}"${invalidAttrs(e, `weekly-${i}`)}></label>
    <label>To${n} <input type="time" name="weeklyEnd" value="${w.end}"${invalidAttrs(e, `weekly-${i}`)}></label>
  </div>${fieldError(e, `weekly-${i}`)}`;
  });
}

function spanRows(name: 'extra' | 'blocked', v: AvailabilityFormValues, e: FieldErrors | undefined) {
  return withBlankRows(v[name], { start: '', end: '' }, 1).map((s, i) => {
    const n = html`<span class="visually-hidden"> (${name === 'extra' ? 'extra' : 'blocked'} time ${i + 1})</span>`;
    return html`<div class="window">
    <label>From${n} <input type="datetime-local" name="${name}Start" value="${s.start}"${invalidAttrs(e, `${name}-${i}`)}></label>
    <label>To${n} <input type="datetime-local" name="${name}End" value="${s.end}"${invalidAttrs(e, `${name}-${i}`)}></label>
  </div>${fieldError(e, `${name}-${i}`)}`;
  });
}

function locationFields(v: AvailabilityFormValues, e: FieldErrors | undefined, zoomReady: boolean) {
  const radio = (value: string, text: string) =>
    html`<label class="choice"><input type="radio" name="locationType" value="${value}" ${v.locationType === value ? 'checked' : ''}> ${text}</label>`;
  return html`<fieldset class="group"><legend>Where bookings take place</legend>${fieldError(e, 'locationType')}
  ${radio('zoom', 'Zoom (a meeting is created on your Zoom account)')}
  ${
    zoomReady
      ? ''
      : html`<p class="muted" id="zoom-for-bookings">Members get a Zoom meeting with you only while your Zoom is connected and “Let members schedule Zoom meetings with me” is on (above); until then they cannot book you on Zoom.</p>`
  }
  ${radio('in_person', 'In person')}
  <label>Address <input name="address" maxlength="500" value="${v.address}"${invalidAttrs(e, 'address')}></label>${fieldError(e, 'address')}
  ${radio('link', 'Link')}
  <label>URL <input name="url" type="url" maxlength="2000" value="${v.url}"${invalidAttrs(e, 'url')}></label>${fieldError(e, 'url')}
</fieldset>`;
}

function preview(saved: AvailabilityCardModel['saved']) {
  if (!saved.preview) {
    return html`<p class="muted" id="availability-preview">You take no bookings here now: members do not see you. Tick “Take bookings” and save.</p>`;
  }
  if (saved.preview.length === 0) {
    return html`<p id="availability-preview">No free ${saved.durationMinutes}-minute slots in the next ${saved.previewDays} days. Check your weekly hours, minimum notice and how far ahead you take bookings.</p>`;
  }
  return html`<ol id="availability-preview">${saved.preview.map((s) => html`<li>${formatWhen(new Date(s.start), saved.durationMinutes, saved.timezone)}</li>`)}</ol>`;
}

export interface AvailabilityCardModel {
  membership: Membership;
  csrfToken: string;
  values: AvailabilityFormValues;
  errors?: FieldErrors | undefined;
  /** Members' bookings would get Zoom now: connected, and others' Zoom meetings allowed here. */
  zoomReady: boolean;
  /** What is stored: its zone and first duration, and the next free slots (undefined: not bookable). */
  saved: {
    timezone: string;
    durationMinutes: number;
    previewDays: number;
    preview: { start: number; end: number }[] | undefined;
  };
}

export function availabilityCard(model: AvailabilityCardModel): Html {
  const { values: v, errors: e, membership } = model;
  return html`<section class="card" id="availability" aria-labelledby="availability-heading">
<h2 id="availability-heading">Your free times for bookings</h2>
<p class="muted">Members of ${membership.ecosystemName} book the free times you open here; nobody can book you into a time you already have a meeting.</p>
<form class="stack" method="post" action="/ecosystems/${membership.ecosystemId}/my-availability">${csrfField(model.csrfToken)}
  <label class="check"><input type="checkbox" name="bookable" ${v.bookable ? 'checked' : ''}${invalidAttrs(e, 'bookable')}> Take bookings in ${membership.ecosystemName}</label>${fieldError(e, 'bookable')}
  <label>Your time zone <select name="timezone"${invalidAttrs(e, 'timezone')}>${zoneOptions(v.timezone)}</select></label>${fieldError(e, 'timezone')}
  <fieldset class="group"><legend>Weekly hours</legend>
    <p class="muted">In your time zone; “To 00:00” runs until midnight. Leave a row empty to skip it; after saving there are empty rows for more.</p>
    ${weeklyRows(v, e)}
  </fieldset>
  <fieldset class="group"><legend>Extra free times</legend>
    <p class="muted">One-off times you are free besides your weekly hours, in your time zone.</p>
    ${spanRows('extra', v, e)}
  </fieldset>
  <fieldset class="group"><legend>Blocked times</legend>
    <p class="muted">Times nobody can book, such as a holiday, in your time zone.</p>
    ${spanRows('blocked', v, e)}
  </fieldset>
  <fieldset class="group"><legend>Bookings</legend>
    <div class="stack-field"><label>Lengths offered <span class="muted" style="font-weight:400">(minutes, comma-separated, e.g. 30, 60)</span>
      <input name="durations" value="${v.durations}" required${invalidAttrs(e, 'durations')}></label>${fieldError(e, 'durations')}</div>
    ${numberField(v, e, 'slotStepMinutes', 'Start a slot every', { min: 5, max: 600 }, '(minutes; empty: the length)')}
    <div class="grid2">
      ${numberField(v, e, 'bufferBeforeMinutes', 'Free before each booking', { min: 0, max: 240 }, '(minutes)')}
      ${numberField(v, e, 'bufferAfterMinutes', 'Free after each booking', { min: 0, max: 240 }, '(minutes)')}
    </div>
    ${numberField(v, e, 'minimumNoticeMinutes', 'Minimum notice', { min: 0, max: 129_600 }, '(minutes; 720 is 12 hours)')}
    ${numberField(v, e, 'horizonDays', 'Take bookings up to', { min: 1, max: 365 }, '(days ahead)')}
    ${numberField(v, e, 'weeklyLimit', 'At most this many bookings a week', { min: 1, max: 1000 }, '(empty: no limit)')}
    <label class="check"><input type="checkbox" name="requiresApproval" ${v.requiresApproval ? 'checked' : ''}> Ask me to approve each booking</label>
    <p class="muted">A member’s booking then waits for you: it holds the time, nothing goes on your Zoom, and it expires before its start (your minimum notice) if you do not answer. You approve or decline on the booking’s page, or from the requests listed here.</p>
  </fieldset>
  ${locationFields(v, e, model.zoomReady)}
  <button type="submit">Save availability</button>
</form>
<h3 id="preview-heading">Your next free slots${model.errors ? ' (as saved)' : ''}</h3>
${preview(model.saved)}
</section>`;
}
