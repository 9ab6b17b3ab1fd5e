/**
 * A host's availability on Lets Meet → Manage (docs/product.md §12.2, §12.5): the form and the
 * preview of the next free slots. Every group of inputs is a fieldset with a legend, every input
 * has a label (rows repeat a visible "Day / From / To" and name their row for screen readers),
 * and a refused field carries its message (formErrors.ts). Rows are plain inputs: a new row needs
 * no script (the form always ends with empty rows, and more appear after saving). Every text is
 * in the page's language; weekday names come from `Intl`.
 */
import { html } from 'hono/html';
import type { Membership } from '../../ecosystems/ecosystems.ts';
import { WEEKDAYS } from '../../availability/availabilityInput.ts';
import { formatWhen, weekdayNames } from '../../i18n/formatting.ts';
import { pageText } from '../../i18n/pageText.ts';
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

/** The day choices of a weekly row: each weekday, then the groups that stand for several. */
function dayChoices(): [string, string][] {
  const { locale, t } = pageText();
  const names = weekdayNames(locale);
  return [
    ...WEEKDAYS.map((day, i): [string, string] => [day, names[i]!]),
    ['weekdays', t('booking.availability.weekdays')],
    ['everyday', t('booking.availability.everyday')],
  ];
}

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
  const { t } = pageText();
  const choices = dayChoices();
  const rows = withBlankRows(v.weekly, { day: '', start: '', end: '' }, 2, 3);
  return rows.map((w, i) => {
    const n = html`<span class="visually-hidden"> ${t('booking.availability.weekly.row', { number: i + 1 })}</span>`;
    return html`<div class="window weekly">
    <label>${t('booking.availability.day')}${n} <select name="weeklyDay"${invalidAttrs(e, `weekly-${i}`)}><option value="">${t('booking.availability.chooseDay')}</option>${choices.map(([value, text]) => html`<option value="${value}" ${w.day === value ? 'selected' : ''}>${text}</option>`)}</select></label>
    <label>${t('booking.availability.from')}${n} <input type="time" name="weeklyStart" value="${w.start}"${invalidAttrs(e, `weekly-${i}`)}></label>
    <label>${t('booking.availability.to')}${n} <input type="time" name="weeklyEnd" value="${w.end}"${invalidAttrs(e, `weekly-${i}`)}></label>
  </div>${fieldError(e, `weekly-${i}`)}`;
  });
}

function spanRows(name: 'extra' | 'blocked', v: AvailabilityFormValues, e: FieldErrors | undefined) {
  const { t } = pageText();
  return withBlankRows(v[name], { start: '', end: '' }, 1).map((s, i) => {
    const n = html`<span class="visually-hidden"> ${t(`booking.availability.${name}.row`, { number: i + 1 })}</span>`;
    return html`<div class="window">
    <label>${t('booking.availability.from')}${n} <input type="datetime-local" name="${name}Start" value="${s.start}"${invalidAttrs(e, `${name}-${i}`)}></label>
    <label>${t('booking.availability.to')}${n} <input type="datetime-local" name="${name}End" value="${s.end}"${invalidAttrs(e, `${name}-${i}`)}></label>
  </div>${fieldError(e, `${name}-${i}`)}`;
  });
}

function locationFields(v: AvailabilityFormValues, e: FieldErrors | undefined, zoomReady: boolean) {
  const { t } = pageText();
  const radio = (value: string, text: string) =>
    html`<label class="choice"><input type="radio" name="locationType" value="${value}" ${v.locationType === value ? 'checked' : ''}> ${text}</label>`;
  return html`<fieldset class="group"><legend>${t('booking.availability.location.legend')}</legend>${fieldError(e, 'locationType')}
  ${radio('zoom', t('booking.availability.location.zoom'))}
  ${zoomReady ? '' : html`<p class="muted" id="zoom-for-bookings">${t('booking.availability.location.zoomNotReady')}</p>`}
  ${radio('in_person', t('booking.availability.location.inPerson'))}
  <label>${t('booking.availability.location.address')} <input name="address" maxlength="500" value="${v.address}"${invalidAttrs(e, 'address')}></label>${fieldError(e, 'address')}
  ${radio('link', t('booking.availability.location.link'))}
  <label>${t('booking.availability.location.url')} <input name="url" type="url" maxlength="2000" value="${v.url}"${invalidAttrs(e, 'url')}></label>${fieldError(e, 'url')}
</fieldset>`;
}

/**
 * The next free times as saved, in the availability's own zone (named): the zone the form's hours
 * are in, so the host compares like with like.
 */
function preview(saved: AvailabilityCardModel['saved']) {
  const { locale, t } = pageText();
  if (!saved.preview) {
    return html`<p class="muted" id="availability-preview">${t('booking.availability.notBookable')}</p>`;
  }
  if (saved.preview.length === 0) {
    return html`<p id="availability-preview">${t('booking.availability.noFreeTimes', { count: saved.durationMinutes, days: saved.previewDays })}</p>`;
  }
  return html`<ol id="availability-preview">${saved.preview.map((s) => html`<li>${formatWhen(locale, new Date(s.start), saved.durationMinutes, saved.timezone)}</li>`)}</ol>`;
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

/** The fieldset of one-off rows: extra free times or blocked times. */
function spanGroup(name: 'extra' | 'blocked', v: AvailabilityFormValues, e: FieldErrors | undefined) {
  const { t } = pageText();
  return html`<fieldset class="group"><legend>${t(`booking.availability.${name}.legend`)}</legend>
    <p class="muted">${t(`booking.availability.${name}.hint`)}</p>
    ${spanRows(name, v, e)}
  </fieldset>`;
}

/** Lengths, step, buffers, notice, horizon, weekly limit and approval. */
function bookingRules(v: AvailabilityFormValues, e: FieldErrors | undefined) {
  const { t } = pageText();
  const minutes = t('booking.availability.bookings.minutesHint');
  return html`<fieldset class="group"><legend>${t('booking.availability.bookings.legend')}</legend>
    <div class="stack-field"><label>${t('booking.availability.bookings.durations')} <span class="muted" style="font-weight:400">${t('booking.availability.bookings.durationsHint')}</span>
      <input name="durations" value="${v.durations}" required${invalidAttrs(e, 'durations')}></label>${fieldError(e, 'durations')}</div>
    ${numberField(v, e, 'slotStepMinutes', t('booking.availability.bookings.step'), { min: 5, max: 600 }, t('booking.availability.bookings.stepHint'))}
    <div class="grid2">
      ${numberField(v, e, 'bufferBeforeMinutes', t('booking.availability.bookings.bufferBefore'), { min: 0, max: 240 }, minutes)}
      ${numberField(v, e, 'bufferAfterMinutes', t('booking.availability.bookings.bufferAfter'), { min: 0, max: 240 }, minutes)}
    </div>
    ${numberField(v, e, 'minimumNoticeMinutes', t('booking.availability.bookings.notice'), { min: 0, max: 129_600 }, t('booking.availability.bookings.noticeHint'))}
    ${numberField(v, e, 'horizonDays', t('booking.availability.bookings.horizon'), { min: 1, max: 365 }, t('booking.availability.bookings.horizonHint'))}
    ${numberField(v, e, 'weeklyLimit', t('booking.availability.bookings.weeklyLimit'), { min: 1, max: 1000 }, t('booking.availability.bookings.weeklyLimitHint'))}
    <label class="check"><input type="checkbox" name="requiresApproval" ${v.requiresApproval ? 'checked' : ''}> ${t('booking.availability.bookings.approval')}</label>
    <p class="muted">${t('booking.availability.bookings.approvalHint')}</p>
  </fieldset>`;
}

export function availabilityCard(model: AvailabilityCardModel): Html {
  const { values: v, errors: e, membership } = model;
  const { t } = pageText();
  const ecosystem = membership.ecosystemName;
  return html`<section class="card" id="availability" aria-labelledby="availability-heading">
<h2 id="availability-heading">${t('booking.availability.heading')}</h2>
<p class="muted">${t('booking.availability.lead', { ecosystem })}</p>
<form class="stack" method="post" action="/ecosystems/${membership.ecosystemId}/my-availability">${csrfField(model.csrfToken)}
  <label class="check"><input type="checkbox" name="bookable" ${v.bookable ? 'checked' : ''}${invalidAttrs(e, 'bookable')}> ${t('booking.availability.bookable', { ecosystem })}</label>${fieldError(e, 'bookable')}
  <label>${t('booking.availability.yourZone')} <select name="timezone"${invalidAttrs(e, 'timezone')}>${zoneOptions(v.timezone)}</select></label>${fieldError(e, 'timezone')}
  <fieldset class="group"><legend>${t('booking.availability.weekly.legend')}</legend>
    <p class="muted">${t('booking.availability.weekly.hint')}</p>
    ${weeklyRows(v, e)}
  </fieldset>
  ${spanGroup('extra', v, e)}
  ${spanGroup('blocked', v, e)}
  ${bookingRules(v, e)}
  ${locationFields(v, e, model.zoomReady)}
  <button type="submit">${t('booking.availability.save')}</button>
</form>
<h3 id="preview-heading">${model.errors ? t('booking.availability.previewHeadingSaved') : t('booking.availability.previewHeading')}</h3>
${preview(model.saved)}
</section>`;
}
