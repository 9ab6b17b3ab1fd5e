/** The create form (all three kinds), the record page with its cancel/reschedule/register forms. */
import { html } from 'hono/html';
import type { Membership } from '../../ecosystems/ecosystems.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import type { HostChoice } from '../../meetings/hostChoices.ts';
import type { MeetingWarning } from '../../meetings/meetingWarnings.ts';
import type { MeetingLengthLimit } from '../../meetings/provider.ts';
import type { RecordAccess } from '../../policies/recordPolicy.ts';
import { formatInstant, formatWhen } from '../../mail/renderMeetingMail.ts';
import { utcToZonedLocal } from '../../meetings/zonedTime.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { recordBadge, recordStatePanel, zoomBadge, zoomStatePanel, type ZoomViewer } from './zoomStatus.ts';
import { linkableUrl } from '../../mail/linkableUrl.ts';
import { zoneOptions } from './timeZones.ts';

export const KIND_TITLE = {
  booking: 'New booking',
  mentorship: 'New mentorship session',
  event: 'New online event',
} as const;

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

export function meetingFormView(model: {
  membership: Membership;
  csrfToken: string;
  values: MeetingFormValues;
  hosts: HostChoice[];
  errors?: FieldErrors | undefined;
  /** Hosts whose Zoom plan ends meetings early (Basic: 40 minutes), for the form's hint. */
  lengthLimits?: Map<string, MeetingLengthLimit>;
}) {
  const v = model.values;
  const e = model.errors;
  const limits = model.lengthLimits ?? new Map<string, MeetingLengthLimit>();
  const limited = model.hosts.filter((h) => limits.has(h.id));
  const id = model.membership.ecosystemId;
  const noZoom = model.hosts.filter((h) => !h.zoomAllowed);
  return html`<p class="muted"><a href="/ecosystems/${id}/lets-meet">Lets Meet · ${model.membership.ecosystemName}</a></p>
<h1>${KIND_TITLE[v.kind]}</h1>
<form class="stack card" method="post" action="/ecosystems/${id}/lets-meet/new">
  ${csrfField(model.csrfToken)}<input type="hidden" name="kind" value="${v.kind}">
  <label>Title <input name="title" required maxlength="200" value="${v.title}"${invalidAttrs(e, 'title')}></label>${fieldError(e, 'title')}
  <label>Description <textarea name="description" maxlength="2000" rows="3"${invalidAttrs(e, 'description')}>${v.description}</textarea></label>${fieldError(e, 'description')}
  <div class="grid2">
    <div class="stack-field"><label>Date and time <input type="datetime-local" name="startLocal" required value="${v.startLocal}"${invalidAttrs(e, 'startLocal')}></label>${fieldError(e, 'startLocal')}</div>
    <div class="stack-field"><label>Timezone <select name="timezone"${invalidAttrs(e, 'timezone')}>${zoneOptions(v.timezone)}</select></label>${fieldError(e, 'timezone')}</div>
  </div>
  <label>Duration (minutes, 5–600) <input type="number" name="durationMinutes" min="5" max="600" step="1" required value="${v.durationMinutes}"${invalidAttrs(e, 'durationMinutes')}></label>${fieldError(e, 'durationMinutes')}
  <label>${v.kind === 'mentorship' ? 'Mentor' : v.kind === 'event' ? 'Organizer' : 'Host'}
    <select name="hostUserId"${invalidAttrs(e, 'hostUserId')}>
      ${model.membership.role === 'member' ? html`<option value="">Choose a host…</option>` : ''}
      ${model.hosts.map((h) => html`<option value="${h.id}" ${h.id === v.hostUserId ? 'selected' : ''} data-zoom="${h.zoomAllowed ? 'allowed' : 'not_allowed'}" data-zoom-max-minutes="${limits.get(h.id)?.maxMinutes ?? ''}">${h.name}${h.email ? ` (${h.email})` : ''}${h.zoomAllowed ? '' : ' — no Zoom'}</option>`)}
    </select></label>${fieldError(e, 'hostUserId')}
  ${
    limited.length
      ? html`<p class="warning" id="zoom-length-hint" role="note">Zoom’s free ${limits.get(limited[0]!.id)!.plan} plan ends every meeting after ${limits.get(limited[0]!.id)!.maxMinutes} minutes.
        ${limited.map((h, i) => html`${i ? ', ' : ''}${h.name}`)} ${limited.length === 1 ? 'is' : 'are'} on it, so a longer Zoom meeting with ${limited.length === 1 ? 'them' : 'one of them'} will be cut off at ${limits.get(limited[0]!.id)!.maxMinutes} minutes. You can still save it.</p>
      <script src="/assets/meetingForm.js"></script>`
      : ''
  }
  ${model.hosts.length === 0 ? html`<p class="muted" id="no-hosts">Nobody here can be booked for this yet: hosts are the people an admin made hosts.</p>` : ''}
  <fieldset class="stack" style="border:1px solid var(--line);border-radius:8px;padding:.75rem"${e?.['locationType'] ? html` aria-describedby="locationType-error"` : ''}>
    <legend>Location type</legend>${fieldError(e, 'locationType')}
    <label class="choice"><input type="radio" name="locationType" value="zoom" ${v.locationType === 'zoom' ? 'checked' : ''} aria-describedby="zoom-availability"> Zoom (a meeting is created on the host's Zoom account)</label>
    ${
      noZoom.length
        ? html`<p class="muted" id="zoom-availability">Zoom is not available with ${noZoom.map((h, i) => html`${i ? ', ' : ''}${h.name}`)}: a host's Zoom is used for meetings others schedule only when that host has turned on “Let members schedule Zoom meetings with me” in this ecosystem. Choose another location for them.</p>`
        : html`<p class="muted" id="zoom-availability">Zoom is available with every host listed.</p>`
    }
    <label class="choice"><input type="radio" name="locationType" value="in_person" ${v.locationType === 'in_person' ? 'checked' : ''}> In person</label>
    <label>Address <input name="address" maxlength="500" value="${v.address}"${invalidAttrs(e, 'address')}></label>${fieldError(e, 'address')}
    <label class="choice"><input type="radio" name="locationType" value="link" ${v.locationType === 'link' ? 'checked' : ''}> Link</label>
    <label>URL <input name="url" type="url" maxlength="2000" value="${v.url}"${invalidAttrs(e, 'url')}></label>${fieldError(e, 'url')}
  </fieldset>
  ${
    v.kind === 'event'
      ? html`<fieldset class="stack" style="border:1px solid var(--line);border-radius:8px;padding:.75rem"><legend>Seats and registration</legend>
    <label>Seats <span class="muted" style="font-weight:400">(optional; past them people join a waitlist)</span> <input type="number" name="capacity" min="1" max="100000" step="1" value="${v.capacity}"${invalidAttrs(e, 'capacity')}></label>${fieldError(e, 'capacity')}
    <label>Registration closes <span class="muted" style="font-weight:400">(optional, in the event’s time zone; at the start otherwise)</span> <input type="datetime-local" name="closesLocal" value="${v.closesLocal}"${invalidAttrs(e, 'closesLocal')}></label>${fieldError(e, 'closesLocal')}
  </fieldset>`
      : ''
  }
  <label>${v.kind === 'event' ? 'Invite registrants (optional)' : 'Attendee emails'} <span class="muted" style="font-weight:400">one per line or comma-separated</span>
    <textarea name="attendees" rows="3"${invalidAttrs(e, 'attendees')}>${v.attendees}</textarea></label>${fieldError(e, 'attendees')}
  <button type="submit">Save</button>
</form>`;
}

function zoomSection(meeting: MeetingView, access: RecordAccess, viewer: ZoomViewer) {
  const z = meeting.zoom;
  // Zoom's own words (why it failed, what is left on Zoom) go to those who may see provider details.
  const extra = html`${z.detail ? html`<br><span class="zoom-detail">${z.detail}</span>` : ''}${
    z.leftoverMeetingIds?.length
      ? html`<br>Meeting ID${z.leftoverMeetingIds.length === 1 ? '' : 's'} left on Zoom: ${z.leftoverMeetingIds.map((id, i) => html`${i ? ', ' : ''}<code>${id}</code>`)}`
      : ''
  }`;
  if (meeting.status === 'cancelled') return zoomStatePanel(meeting, viewer, extra);
  if (!access.seeJoinDetails) {
    // The viewer's own entry is the only one they see: waiting for a seat, or not registered.
    const waiting = meeting.attendees.some((a) => a.status === 'waitlisted');
    return html`<p class="muted" id="zoom-status">${zoomBadge(z.status)} ${
      waiting
        ? 'You are on the waitlist: the join link comes by email, and shows here, when a seat is yours.'
        : 'The join link is sent to registrants and shown here once you register.'
    }</p>`;
  }
  if (z.joinUrl) {
    const href = linkableUrl(z.joinUrl);
    return html`<p id="zoom-status">${zoomBadge(z.status)}</p>
      ${href ? html`<p><a class="button" href="${href}" id="join-url">Join Zoom meeting</a></p>` : ''}
      <p class="wrap">Join URL: <code>${z.joinUrl}</code>${z.meetingId ? html` · Meeting ID <code>${z.meetingId}</code>` : ''}${z.passcode ? html` · Passcode <code>${z.passcode}</code>` : ''}</p>`;
  }
  return zoomStatePanel(meeting, viewer, extra);
}

/**
 * An event's seats (docs/product.md §14): seats left and the waitlist's length for those who see the
 * registrants; "full — join the waitlist" or "registration closed" for everyone else.
 */
function seatsLine(m: MeetingView, registrationOpen: boolean, registered: boolean): Html {
  const closes = m.registrationClosesAt ? new Date(m.registrationClosesAt) : undefined;
  const closing = !registrationOpen
    ? html`<strong>Registration closed.</strong>`
    : closes && closes.getTime() < Date.parse(m.startTime)
      ? html`Registration closes ${formatInstant(closes, m.timezone)}.`
      : '';
  if (m.seats) {
    const left = m.capacity === undefined ? undefined : Math.max(0, m.capacity - m.seats.registered);
    return html`<p id="seats">${m.capacity === undefined ? html`${m.seats.registered} registered, no seat limit.` : html`${left} of ${m.capacity} seats left · ${m.seats.waitlisted} on the waitlist.`} ${closing}</p>`;
  }
  return html`<p id="seats">${m.full && registrationOpen && !registered ? html`<strong>Full — join the waitlist:</strong> if a seat frees up it is yours. ` : ''}${closing}</p>`;
}

/** The host's answer to a booking that waits for approval (docs/product.md §13.3). */
function requestAnswerCard(m: MeetingView, csrfToken: string): Html {
  return html`<section class="card" id="request-answer"><h2>Booking request</h2>
  <p>Approve to schedule it${m.location.type === 'zoom' ? ' and create its Zoom meeting on your Zoom' : ''}; its people then get the invitation. Decline to free the time; the person who asked is told.</p>
  <form method="post" action="/meetings/${m.id}/approve">${csrfField(csrfToken)}
    <button type="submit">Approve</button></form>
  <form class="stack" method="post" action="/meetings/${m.id}/decline">${csrfField(csrfToken)}
    <label>Reason <span class="muted" style="font-weight:400">(optional, sent to the person who asked)</span>
      <textarea name="reason" rows="2" maxlength="1000"></textarea></label>
    <button type="submit" class="danger">Decline</button></form>
</section>`;
}

export function meetingPageView(model: {
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
}) {
  const e = model.errors;
  const m = model.meeting;
  const { access } = model;
  const myRegistration = m.attendees.some((a) => a.email === model.myEmail.toLowerCase());
  const start = new Date(m.startTime);
  const open = m.status === 'scheduled';
  const requested = m.status === 'requested';
  const registrationOpen = m.registrationClosesAt !== undefined && Date.parse(m.registrationClosesAt) > Date.now();
  const viewer: ZoomViewer =
    m.host.email === model.myEmail.toLowerCase() ? 'host' : access.manage ? 'manager' : 'attendee';
  return html`<p class="muted">${
    model.membership
      ? html`<a href="/ecosystems/${m.ecosystemId}/lets-meet">Lets Meet · ${model.membership.ecosystemName}</a>`
      : html`<a href="/ecosystems">My ecosystems</a> · You host this in an ecosystem you left: you can still cancel it.`
  }</p>
<h1>${m.title}</h1>
<section class="card">
  <p>${recordBadge(m.status)} <span class="pill">${{ booking: 'Booking', mentorship: 'Mentorship session', event: 'Online event' }[m.kind]}</span></p>
  <p><strong>When:</strong> ${formatWhen(start, m.durationMinutes, m.timezone)} <span class="muted">(${start.toISOString().replace('T', ' ').slice(0, 16)} UTC)</span></p>
  <p><strong>Host:</strong> ${m.host.name}</p>
  ${model.bookedBy ? html`<p class="wrap"><strong>Booked by:</strong> ${model.bookedBy.name} (${model.bookedBy.email})</p>` : ''}
  <p><strong>Where:</strong> ${m.location.type === 'in_person' ? m.location.address : m.location.type === 'link' ? (linkableUrl(m.location.url) ? html`<a href="${linkableUrl(m.location.url)}">${m.location.url}</a>` : m.location.url) : 'Zoom'}</p>
  ${recordStatePanel(m, viewer)}
  ${m.location.type === 'zoom' && (open || m.status === 'cancelled') ? zoomSection(m, access, viewer) : ''}
  ${(model.warnings ?? []).map((w) => html`<p class="warning" role="note" data-warning="${w.code}"><strong>Note:</strong> ${w.message}</p>`)}
  ${m.description ? html`<p style="white-space:pre-wrap">${m.description}</p>` : ''}
</section>
<section class="card"><h2>${m.kind === 'event' ? (access.seeEveryone ? 'Registrants' : 'Your registration') : 'Attendees'}</h2>
${m.kind === 'event' ? seatsLine(m, registrationOpen, myRegistration) : ''}
${
  m.attendees.length
    ? html`<ul>${m.attendees.map(
        (a) =>
          html`<li>${a.name ? html`${a.name} · ` : ''}<span class="wrap">${a.email}</span>${a.status === 'waitlisted' ? html` <span class="pill">Waitlist #${a.position}</span>` : ''}${
            m.kind === 'event' && open && (access.manage || a.email === model.myEmail.toLowerCase())
              ? html` <form class="inline" method="post" action="/meetings/${m.id}/registrations/${a.id}/remove">${csrfField(model.csrfToken)}<button type="submit" class="secondary">${a.email === model.myEmail.toLowerCase() ? 'Unregister' : html`Remove<span class="visually-hidden"> ${a.email}</span>`}</button></form>`
              : ''
          }</li>`,
      )}</ul>`
    : html`<p class="muted">${access.seeEveryone ? 'None yet.' : 'You are not registered.'}</p>`
}
${
  m.kind === 'event' && open && access.register && registrationOpen && (access.registerOthers || !myRegistration)
    ? html`<h2>${access.registerOthers ? 'Register someone' : m.full ? 'Join the waitlist' : 'Register'}</h2><form class="stack" method="post" action="/meetings/${m.id}/registrations">${csrfField(model.csrfToken)}
      <label>Name <input name="name" required maxlength="200" value="${model.registration?.name ?? model.myName}"${invalidAttrs(e, 'name')}></label>${fieldError(e, 'name')}
      ${
        access.registerOthers
          ? html`<label>Email <input type="email" name="email" required value="${model.registration?.email ?? model.myEmail}"${invalidAttrs(e, 'email')}></label>${fieldError(e, 'email')}`
          : html`<input type="hidden" name="email" value="${model.myEmail}"><p class="muted">You register as ${model.myEmail}.</p>`
      }
      <button type="submit">${m.full && !access.registerOthers ? 'Join the waitlist' : 'Register'}</button></form>`
    : ''
}
</section>
${viewer === 'host' && requested ? requestAnswerCard(m, model.csrfToken) : ''}
${
  access.manage && (open || (requested && viewer !== 'host'))
    ? html`<section class="card">${
        access.reschedule && open
          ? html`<h2>Reschedule</h2>
      <form class="stack" method="post" action="/meetings/${m.id}/reschedule">${csrfField(model.csrfToken)}
        <div class="grid2"><div class="stack-field"><label>Date and time (${m.timezone}) <input type="datetime-local" name="startLocal" required value="${model.reschedule?.startLocal ?? utcToZonedLocal(start, m.timezone)}"${invalidAttrs(e, 'startLocal')}></label>${fieldError(e, 'startLocal')}</div>
        <div class="stack-field"><label>Duration (minutes) <input type="number" name="durationMinutes" min="5" max="600" required value="${model.reschedule?.durationMinutes ?? m.durationMinutes}"${invalidAttrs(e, 'durationMinutes')}></label>${fieldError(e, 'durationMinutes')}</div></div>
        ${
          m.kind === 'event'
            ? html`<div class="grid2"><div class="stack-field"><label>Seats <span class="muted" style="font-weight:400">(empty: no limit)</span> <input type="number" name="capacity" min="1" max="100000" step="1" value="${model.reschedule?.capacity ?? m.capacity ?? ''}"${invalidAttrs(e, 'capacity')}></label>${fieldError(e, 'capacity')}</div>
        <div class="stack-field"><label>Registration closes <span class="muted" style="font-weight:400">(empty: at the start)</span> <input type="datetime-local" name="closesLocal" value="${model.reschedule?.closesLocal ?? (m.registrationClosesAt && m.registrationClosesAt !== m.startTime ? utcToZonedLocal(new Date(m.registrationClosesAt), m.timezone) : '')}"${invalidAttrs(e, 'closesLocal')}></label>${fieldError(e, 'closesLocal')}</div></div>`
            : ''
        }
        <button type="submit" class="secondary">Reschedule</button>
      </form>`
          : ''
      }
      <h2>Cancel</h2>
      <form class="stack" method="post" action="/meetings/${m.id}/cancel">${csrfField(model.csrfToken)}
        <p class="muted">${
          requested
            ? 'The host is told, and the time is free again.'
            : html`Attendees are told, and ${m.location.type === 'zoom' ? 'the Zoom meeting is deleted from Zoom.' : 'the calendar invite is withdrawn.'}`
        }</p>
        <label>Reason <span class="muted" style="font-weight:400">(optional, shown to everyone told)</span>
          <textarea name="reason" rows="2" maxlength="1000"${invalidAttrs(e, 'reason')}></textarea></label>${fieldError(e, 'reason')}
        <button type="submit" class="danger">${requested ? 'Cancel this request' : html`Cancel this ${m.kind === 'event' ? 'event' : m.kind === 'mentorship' ? 'session' : 'booking'}`}</button>
      </form></section>`
    : ''
}`;
}
