/** The create form (all three kinds), the record page with its cancel/reschedule/register forms. */
import { html } from 'hono/html';
import type { Membership } from '../../ecosystems/ecosystems.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import type { HostChoice } from '../../meetings/hostChoices.ts';
import type { MeetingWarning } from '../../meetings/meetingWarnings.ts';
import type { MeetingLengthLimit } from '../../meetings/provider.ts';
import type { RecordAccess } from '../../policies/recordPolicy.ts';
import { pageInstant, pageText, pageWhen } from '../../i18n/pageText.ts';
import { utcToZonedLocal } from '../../meetings/zonedTime.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { recordBadge, recordStatePanel, zoomBadge, zoomStatePanel, type ZoomViewer } from './zoomStatus.ts';
import { linkableUrl } from '../../mail/linkableUrl.ts';
import { zoneOptions } from './timeZones.ts';
import { zoomDetailIn } from '../../i18n/zoomDetails.ts';

/** The new-record form's heading (and page title) for a kind, in the page's language. */
export function newRecordTitle(kind: MeetingFormValues['kind']): string {
  return pageText().t(`records.form.heading.${kind}`);
}

/** Names in a sentence: "Ann, Bo". */
const names = (people: readonly { name: string }[]) => people.map((p) => p.name).join(', ');

export interface MeetingFormValues {
  kind: 'booking' | 'mentorship' | 'event';
  title: string;
  description: string;
  startLocal: string;
  timezone: string;
  durationMinutes: string;
  hostUserId: string;
  locationType: string;
  address: string;
  url: string;
  attendees: string;
  /** Events: seats ('' for no limit) and when registration closes ('' for the start). */
  capacity: string;
  closesLocal: string;
}

/** The Zoom plan hint: some listed hosts' plan ends meetings early (shown by meetingForm.js while it applies). */
function zoomLengthHint(hosts: HostChoice[], limits: Map<string, MeetingLengthLimit>): Html | '' {
  const { t } = pageText();
  const limited = hosts.filter((h) => limits.has(h.id));
  const limit = limited[0] && limits.get(limited[0].id);
  if (!limit) return '';
  return html`<p class="warning" id="zoom-length-hint" role="note">${t('records.form.zoomPlanLimit', { plan: limit.plan, count: limit.maxMinutes })}
        ${t('records.form.zoomPlanHosts', { names: names(limited), minutes: limit.maxMinutes, count: limited.length })}</p>
      <script src="/assets/meetingForm.js"></script>`;
}

/** Zoom, in person or a link; with which hosts Zoom is not available, and why. */
function locationFieldset(v: MeetingFormValues, e: FieldErrors | undefined, hosts: HostChoice[]): Html {
  const { t } = pageText();
  const noZoom = hosts.filter((h) => !h.zoomAllowed);
  return html`<fieldset class="stack" style="border:1px solid var(--line);border-radius:8px;padding:.75rem"${e?.['locationType'] ? html` aria-describedby="locationType-error"` : ''}>
    <legend>${t('records.form.locationType')}</legend>${fieldError(e, 'locationType')}
    <label class="choice"><input type="radio" name="locationType" value="zoom" ${v.locationType === 'zoom' ? 'checked' : ''} aria-describedby="zoom-availability"> ${t('records.form.zoomChoice')}</label>
    ${
      noZoom.length
        ? html`<p class="muted" id="zoom-availability">${t('records.form.zoomNotAvailable', { names: names(noZoom) })}</p>`
        : html`<p class="muted" id="zoom-availability">${t('records.form.zoomAvailable')}</p>`
    }
    <label class="choice"><input type="radio" name="locationType" value="in_person" ${v.locationType === 'in_person' ? 'checked' : ''}> ${t('records.form.inPerson')}</label>
    <label>${t('records.form.address')} <input name="address" maxlength="500" value="${v.address}"${invalidAttrs(e, 'address')}></label>${fieldError(e, 'address')}
    <label class="choice"><input type="radio" name="locationType" value="link" ${v.locationType === 'link' ? 'checked' : ''}> ${t('records.form.link')}</label>
    <label>${t('records.form.url')} <input name="url" type="url" maxlength="2000" value="${v.url}"${invalidAttrs(e, 'url')}></label>${fieldError(e, 'url')}
  </fieldset>`;
}

/** An event's seats and when its registration closes. */
function eventFieldset(v: MeetingFormValues, e: FieldErrors | undefined): Html {
  const { t } = pageText();
  return html`<fieldset class="stack" style="border:1px solid var(--line);border-radius:8px;padding:.75rem"><legend>${t('records.form.seatsAndRegistration')}</legend>
    <label>${t('records.form.seats')} <span class="muted" style="font-weight:400">${t('records.form.seatsHint')}</span> <input type="number" name="capacity" min="1" max="100000" step="1" value="${v.capacity}"${invalidAttrs(e, 'capacity')}></label>${fieldError(e, 'capacity')}
    <label>${t('records.form.registrationCloses')} <span class="muted" style="font-weight:400">${t('records.form.registrationClosesHint')}</span> <input type="datetime-local" name="closesLocal" value="${v.closesLocal}"${invalidAttrs(e, 'closesLocal')}></label>${fieldError(e, 'closesLocal')}
  </fieldset>`;
}

/** A host in the picker: their name, their email for admins, and whether Zoom is out with them. */
function hostOption(h: HostChoice, selected: boolean, limit: MeetingLengthLimit | undefined): Html {
  const label = h.email ? `${h.name} (${h.email})` : h.name;
  return html`<option value="${h.id}" ${selected ? 'selected' : ''} data-zoom="${h.zoomAllowed ? 'allowed' : 'not_allowed'}" data-zoom-max-minutes="${limit?.maxMinutes ?? ''}">${h.zoomAllowed ? label : pageText().t('records.form.hostNoZoom', { host: label })}</option>`;
}

export function meetingFormView(model: {
  membership: Membership;
  csrfToken: string;
  values: MeetingFormValues;
  hosts: HostChoice[];
  errors?: FieldErrors | undefined;
  /** Hosts whose Zoom plan ends meetings early (Basic: 40 minutes), for the form's hint. */
  lengthLimits?: Map<string, MeetingLengthLimit>;
}) {
  const { t } = pageText();
  const v = model.values;
  const e = model.errors;
  const limits = model.lengthLimits ?? new Map<string, MeetingLengthLimit>();
  const id = model.membership.ecosystemId;
  return html`<p class="muted"><a href="/ecosystems/${id}/lets-meet">Lets Meet · ${model.membership.ecosystemName}</a></p>
<h1>${newRecordTitle(v.kind)}</h1>
<form class="stack card" method="post" action="/ecosystems/${id}/lets-meet/new">
  ${csrfField(model.csrfToken)}<input type="hidden" name="kind" value="${v.kind}">
  <label>${t('records.form.title')} <input name="title" required maxlength="200" value="${v.title}"${invalidAttrs(e, 'title')}></label>${fieldError(e, 'title')}
  <label>${t('records.form.description')} <textarea name="description" maxlength="2000" rows="3"${invalidAttrs(e, 'description')}>${v.description}</textarea></label>${fieldError(e, 'description')}
  <div class="grid2">
    <div class="stack-field"><label>${t('records.form.dateTime')} <input type="datetime-local" name="startLocal" required value="${v.startLocal}"${invalidAttrs(e, 'startLocal')}></label>${fieldError(e, 'startLocal')}</div>
    <div class="stack-field"><label>${t('records.form.timezone')} <select name="timezone"${invalidAttrs(e, 'timezone')}>${zoneOptions(v.timezone)}</select></label>${fieldError(e, 'timezone')}</div>
  </div>
  <label>${t('records.form.duration')} <input type="number" name="durationMinutes" min="5" max="600" step="1" required value="${v.durationMinutes}"${invalidAttrs(e, 'durationMinutes')}></label>${fieldError(e, 'durationMinutes')}
  <label>${t(`records.form.hostRole.${v.kind}`)}
    <select name="hostUserId"${invalidAttrs(e, 'hostUserId')}>
      ${model.membership.role === 'member' ? html`<option value="">${t('records.form.chooseHost')}</option>` : ''}
      ${model.hosts.map((h) => hostOption(h, h.id === v.hostUserId, limits.get(h.id)))}
    </select></label>${fieldError(e, 'hostUserId')}
  ${zoomLengthHint(model.hosts, limits)}
  ${model.hosts.length === 0 ? html`<p class="muted" id="no-hosts">${t('records.form.noHosts')}</p>` : ''}
  ${locationFieldset(v, e, model.hosts)}
  ${v.kind === 'event' ? eventFieldset(v, e) : ''}
  <label>${v.kind === 'event' ? t('records.form.inviteRegistrants') : t('records.form.attendeeEmails')} <span class="muted" style="font-weight:400">${t('records.form.emailsHint')}</span>
    <textarea name="attendees" rows="3"${invalidAttrs(e, 'attendees')}>${v.attendees}</textarea></label>${fieldError(e, 'attendees')}
  <button type="submit">${t('records.form.save')}</button>
</form>`;
}

function zoomSection(meeting: MeetingView, access: RecordAccess, viewer: ZoomViewer) {
  const { t, locale } = pageText();
  const z = meeting.zoom;
  // Zoom's own words (why it failed, what is left on Zoom) go to those who may see provider details.
  const extra = html`${z.detail ? html`<br><span class="zoom-detail">${zoomDetailIn(locale, z.detail)}</span>` : ''}${
    z.leftoverMeetingIds?.length
      ? html`<br>${t('records.zoom.leftOnZoom', { count: z.leftoverMeetingIds.length })} ${z.leftoverMeetingIds.map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`)}`
      : ''
  }`;
  if (meeting.status === 'cancelled') return zoomStatePanel(meeting, viewer, extra);
  if (!access.seeJoinDetails) {
    // The viewer's own entry is the only one they see: waiting for a seat, or not registered.
    const waiting = meeting.attendees.some((a) => a.status === 'waitlisted');
    return html`<p class="muted" id="zoom-status">${zoomBadge(z.status)} ${
      waiting ? t('records.zoom.onWaitlist') : t('records.zoom.afterRegistering')
    }</p>`;
  }
  if (z.joinUrl) {
    const href = linkableUrl(z.joinUrl);
    return html`<p id="zoom-status">${zoomBadge(z.status)}</p>
      ${href ? html`<p><a class="button" href="${href}" id="join-url">${t('records.zoom.join')}</a></p>` : ''}
      <p class="wrap">${t('records.zoom.joinUrl')} <code>${z.joinUrl}</code>${z.meetingId ? html` · ${t('records.zoom.meetingId')} <code>${z.meetingId}</code>` : ''}${z.passcode ? html` · ${t('records.zoom.passcode')} <code>${z.passcode}</code>` : ''}</p>`;
  }
  return zoomStatePanel(meeting, viewer, extra);
}

/**
 * An event's seats (docs/product.md §14): seats left and the waitlist's length for those who see the
 * registrants; "full — join the waitlist" or "registration closed" for everyone else.
 */
function seatsLine(m: MeetingView, registrationOpen: boolean, registered: boolean): Html {
  const { t } = pageText();
  const closes = m.registrationClosesAt ? new Date(m.registrationClosesAt) : undefined;
  const closing = !registrationOpen
    ? html`<strong>${t('records.seats.registrationClosed')}</strong>`
    : closes && closes.getTime() < Date.parse(m.startTime)
      ? t('records.seats.registrationClosesAt', { when: pageInstant(closes, m.timezone) })
      : '';
  if (m.seats) {
    const { registered: taken, waitlisted } = m.seats;
    const counts =
      m.capacity === undefined
        ? t('records.seats.noLimit', { count: taken })
        : `${t('records.seats.left', { left: Math.max(0, m.capacity - taken), count: m.capacity })} · ${t('records.seats.waitlist', { count: waitlisted })}`;
    return html`<p id="seats">${counts} ${closing}</p>`;
  }
  return html`<p id="seats">${m.full && registrationOpen && !registered ? html`<strong>${t('records.seats.full')}</strong> ${t('records.seats.fullExplain')} ` : ''}${closing}</p>`;
}

/** The host's answer to a booking that waits for approval (docs/product.md §13.3). */
function requestAnswerCard(m: MeetingView, csrfToken: string): Html {
  const { t } = pageText();
  return html`<section class="card" id="request-answer"><h2>${t('records.request.heading')}</h2>
  <p>${m.location.type === 'zoom' ? t('records.request.explainZoom') : t('records.request.explain')}</p>
  <form method="post" action="/meetings/${m.id}/approve">${csrfField(csrfToken)}
    <button type="submit">${t('records.request.approve')}</button></form>
  <form class="stack" method="post" action="/meetings/${m.id}/decline">${csrfField(csrfToken)}
    <label>${t('records.request.reason')} <span class="muted" style="font-weight:400">${t('records.request.reasonHint')}</span>
      <textarea name="reason" rows="2" maxlength="1000"></textarea></label>
    <button type="submit" class="danger">${t('records.request.decline')}</button></form>
</section>`;
}

export interface MeetingPageModel {
  meeting: MeetingView;
  /** Undefined for a host who left the ecosystem (they still see and may cancel what they host). */
  membership: Membership | undefined;
  access: RecordAccess;
  warnings?: MeetingWarning[];
  /** The person who booked the host, for those who manage the booking. */
  bookedBy?: { name: string; email: string } | undefined;
  csrfToken: string;
  myEmail: string;
  myName: string;
  errors?: FieldErrors | undefined;
  reschedule?: { startLocal: string; durationMinutes: string; capacity?: string; closesLocal?: string } | undefined;
  registration?: { name: string; email: string } | undefined;
}

/** Where the record is: the address, the link (clickable when it is safe to be), or Zoom. */
function whereText(m: MeetingView): Html | string {
  if (m.location.type === 'in_person') return m.location.address;
  if (m.location.type !== 'link') return 'Zoom';
  const href = linkableUrl(m.location.url);
  return href ? html`<a href="${href}">${m.location.url}</a>` : m.location.url;
}

/** The record itself: kind, state, when (in the reader's zone, with UTC), who, where, Zoom, notes. */
function detailsCard(model: MeetingPageModel, viewer: ZoomViewer): Html {
  const { t } = pageText();
  const m = model.meeting;
  const start = new Date(m.startTime);
  const open = m.status === 'scheduled';
  return html`<section class="card">
  <p>${recordBadge(m.status)} <span class="pill">${t(`records.kinds.${m.kind}`)}</span></p>
  <p><strong>${t('records.page.when')}</strong> ${pageWhen(start, m.durationMinutes, m.timezone)} <span class="muted">(${start.toISOString().replace('T', ' ').slice(0, 16)} UTC)</span></p>
  <p><strong>${t('records.page.host')}</strong> ${m.host.name}</p>
  ${model.bookedBy ? html`<p class="wrap"><strong>${t('records.page.bookedBy')}</strong> ${model.bookedBy.name} (${model.bookedBy.email})</p>` : ''}
  <p><strong>${t('records.page.where')}</strong> ${whereText(m)}</p>
  ${recordStatePanel(m, viewer)}
  ${m.location.type === 'zoom' && (open || m.status === 'cancelled') ? zoomSection(m, model.access, viewer) : ''}
  ${(model.warnings ?? []).map((w) => html`<p class="warning" role="note" data-warning="${w.code}"><strong>${t('records.page.note')}</strong> ${w.message}</p>`)}
  ${m.description ? html`<p style="white-space:pre-wrap">${m.description}</p>` : ''}
</section>`;
}

/** One attendee or registrant, with the button to take them off an event (own entry, or as manager). */
function attendeeItem(model: MeetingPageModel, a: MeetingView['attendees'][number]): Html {
  const { t } = pageText();
  const m = model.meeting;
  const mine = a.email === model.myEmail.toLowerCase();
  const removable = m.kind === 'event' && m.status === 'scheduled' && (model.access.manage || mine);
  return html`<li>${a.name ? html`${a.name} · ` : ''}<span class="wrap">${a.email}</span>${a.status === 'waitlisted' ? html` <span class="pill">${t('records.page.waitlistPlace', { position: a.position ?? '' })}</span>` : ''}${
    removable
      ? html` <form class="inline" method="post" action="/meetings/${m.id}/registrations/${a.id}/remove">${csrfField(model.csrfToken)}<button type="submit" class="secondary">${mine ? t('records.page.unregister') : html`${t('records.page.remove')}<span class="visually-hidden"> ${a.email}</span>`}</button></form>`
      : ''
  }</li>`;
}

/** An event's registration form: oneself, or (hosts, admins) anyone. */
function registrationForm(model: MeetingPageModel): Html {
  const { t } = pageText();
  const { meeting: m, access, errors: e } = model;
  return html`<h2>${access.registerOthers ? t('records.page.registerSomeone') : m.full ? t('records.page.joinWaitlist') : t('records.page.register')}</h2><form class="stack" method="post" action="/meetings/${m.id}/registrations">${csrfField(model.csrfToken)}
      <label>${t('records.page.name')} <input name="name" required maxlength="200" value="${model.registration?.name ?? model.myName}"${invalidAttrs(e, 'name')}></label>${fieldError(e, 'name')}
      ${
        access.registerOthers
          ? html`<label>${t('records.page.email')} <input type="email" name="email" required value="${model.registration?.email ?? model.myEmail}"${invalidAttrs(e, 'email')}></label>${fieldError(e, 'email')}`
          : html`<input type="hidden" name="email" value="${model.myEmail}"><p class="muted">${t('records.page.registerAs', { email: model.myEmail })}</p>`
      }
      <button type="submit">${m.full && !access.registerOthers ? t('records.page.joinWaitlist') : t('records.page.register')}</button></form>`;
}

/** Attendees, or an event's registrants with its seats and registration form. */
function peopleCard(model: MeetingPageModel): Html {
  const { t } = pageText();
  const { meeting: m, access } = model;
  const myRegistration = m.attendees.some((a) => a.email === model.myEmail.toLowerCase());
  const registrationOpen = m.registrationClosesAt !== undefined && Date.parse(m.registrationClosesAt) > Date.now();
  const heading =
    m.kind !== 'event'
      ? t('records.page.attendees')
      : access.seeEveryone
        ? t('records.page.registrants')
        : t('records.page.yourRegistration');
  const mayRegister =
    m.kind === 'event' &&
    m.status === 'scheduled' &&
    access.register &&
    registrationOpen &&
    (access.registerOthers || !myRegistration);
  return html`<section class="card"><h2>${heading}</h2>
${m.kind === 'event' ? seatsLine(m, registrationOpen, myRegistration) : ''}
${
  m.attendees.length
    ? html`<ul>${m.attendees.map((a) => attendeeItem(model, a))}</ul>`
    : html`<p class="muted">${access.seeEveryone ? t('records.page.noneYet') : t('records.page.notRegistered')}</p>`
}
${mayRegister ? registrationForm(model) : ''}
</section>`;
}

/** The reschedule form: a new time in the record's own zone (an event's seats and closing time too). */
function rescheduleForm(model: MeetingPageModel): Html {
  const { t } = pageText();
  const { meeting: m, errors: e } = model;
  const start = new Date(m.startTime);
  const closesLocal =
    m.registrationClosesAt && m.registrationClosesAt !== m.startTime
      ? utcToZonedLocal(new Date(m.registrationClosesAt), m.timezone)
      : '';
  return html`<h2>${t('records.reschedule.heading')}</h2>
      <form class="stack" method="post" action="/meetings/${m.id}/reschedule">${csrfField(model.csrfToken)}
        <div class="grid2"><div class="stack-field"><label>${t('records.reschedule.dateTimeIn', { zone: m.timezone })} <input type="datetime-local" name="startLocal" required value="${model.reschedule?.startLocal ?? utcToZonedLocal(start, m.timezone)}"${invalidAttrs(e, 'startLocal')}></label>${fieldError(e, 'startLocal')}</div>
        <div class="stack-field"><label>${t('records.reschedule.duration')} <input type="number" name="durationMinutes" min="5" max="600" required value="${model.reschedule?.durationMinutes ?? m.durationMinutes}"${invalidAttrs(e, 'durationMinutes')}></label>${fieldError(e, 'durationMinutes')}</div></div>
        ${
          m.kind === 'event'
            ? html`<div class="grid2"><div class="stack-field"><label>${t('records.reschedule.seats')} <span class="muted" style="font-weight:400">${t('records.reschedule.seatsHint')}</span> <input type="number" name="capacity" min="1" max="100000" step="1" value="${model.reschedule?.capacity ?? m.capacity ?? ''}"${invalidAttrs(e, 'capacity')}></label>${fieldError(e, 'capacity')}</div>
        <div class="stack-field"><label>${t('records.reschedule.registrationCloses')} <span class="muted" style="font-weight:400">${t('records.reschedule.registrationClosesHint')}</span> <input type="datetime-local" name="closesLocal" value="${model.reschedule?.closesLocal ?? closesLocal}"${invalidAttrs(e, 'closesLocal')}></label>${fieldError(e, 'closesLocal')}</div></div>`
            : ''
        }
        <button type="submit" class="secondary">${t('records.reschedule.submit')}</button>
      </form>`;
}

/** The cancel form: who is told, an optional reason, the button naming what is cancelled. */
function cancelForm(model: MeetingPageModel): Html {
  const { t } = pageText();
  const { meeting: m, errors: e } = model;
  const requested = m.status === 'requested';
  const explain = requested
    ? t('records.cancel.requestExplain')
    : m.location.type === 'zoom'
      ? t('records.cancel.zoomExplain')
      : t('records.cancel.explain');
  return html`<h2>${t('records.cancel.heading')}</h2>
      <form class="stack" method="post" action="/meetings/${m.id}/cancel">${csrfField(model.csrfToken)}
        <p class="muted">${explain}</p>
        <label>${t('records.cancel.reason')} <span class="muted" style="font-weight:400">${t('records.cancel.reasonHint')}</span>
          <textarea name="reason" rows="2" maxlength="1000"${invalidAttrs(e, 'reason')}></textarea></label>${fieldError(e, 'reason')}
        <button type="submit" class="danger">${requested ? t('records.cancel.request') : t(`records.cancel.${m.kind}`)}</button>
      </form>`;
}

export function meetingPageView(model: MeetingPageModel) {
  const { t } = pageText();
  const m = model.meeting;
  const { access } = model;
  const open = m.status === 'scheduled';
  const requested = m.status === 'requested';
  const viewer: ZoomViewer =
    m.host.email === model.myEmail.toLowerCase() ? 'host' : access.manage ? 'manager' : 'attendee';
  return html`<p class="muted">${
    model.membership
      ? html`<a href="/ecosystems/${m.ecosystemId}/lets-meet">Lets Meet · ${model.membership.ecosystemName}</a>`
      : html`<a href="/ecosystems">${t('records.page.myEcosystems')}</a> · ${t('records.page.hostLeft')}`
  }</p>
<h1>${m.title}</h1>
${detailsCard(model, viewer)}
${peopleCard(model)}
${viewer === 'host' && requested ? requestAnswerCard(m, model.csrfToken) : ''}
${
  access.manage && (open || (requested && viewer !== 'host'))
    ? html`<section class="card">${access.reschedule && open ? rescheduleForm(model) : ''}
      ${cancelForm(model)}</section>`
    : ''
}`;
}
