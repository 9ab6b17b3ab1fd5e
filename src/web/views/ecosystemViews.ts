/** My ecosystems; an ecosystem's Lets Meet page; Lets Meet → Manage. */
import { html } from 'hono/html';
import type { Membership, Member } from '../../ecosystems/ecosystems.ts';
import type { ReceivedInvitation, SentInvitation } from '../../ecosystems/invitations.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { formatWhen } from '../../mail/renderMeetingMail.ts';
import { recordBadge, zoomBadgeWithMeaning } from './zoomStatus.ts';

const KIND_LABEL = { booking: 'Booking', mentorship: 'Mentorship session', event: 'Online event' } as const;
const ROLE_LABEL = { admin: 'Admin', host: 'Host', member: 'Member' } as const;

function invitationsCard(invitations: ReceivedInvitation[], csrfToken: string) {
  if (invitations.length === 0) return html``;
  return html`<section class="card" id="invitations" aria-labelledby="invitations-heading"><h2 id="invitations-heading">Invitations</h2>
<p class="muted">You join an ecosystem only when you accept. Until then nobody there can book you or see you.</p>
<ul class="plain">${invitations.map(
    (i) => html`<li class="row invitation">
  <span><strong>${i.ecosystem.name}</strong> invited you as <span class="pill">${ROLE_LABEL[i.role]}</span></span>
  <form method="post" action="/invitations/${i.id}/accept">${csrfField(csrfToken)}<button type="submit">Accept</button></form>
  <form method="post" action="/invitations/${i.id}/decline">${csrfField(csrfToken)}<button type="submit" class="secondary">Decline</button></form>
</li>`,
  )}</ul></section>`;
}

/** Upcoming records the person hosts in ecosystems they left: they still see them and may cancel them. */
function hostedElsewhereCard(records: MeetingView[]) {
  if (records.length === 0) return html``;
  return html`<section class="card" id="hosted-elsewhere" aria-labelledby="hosted-elsewhere-heading"><h2 id="hosted-elsewhere-heading">You host these in ecosystems you left</h2>
<p class="muted">You are no longer a member there, but these are on your calendar: open one to cancel it.</p>
${meetingRows(records)}</section>`;
}

export function ecosystemsView(model: {
  csrfToken: string;
  memberships: Membership[];
  invitations: ReceivedInvitation[];
  hostedElsewhere?: MeetingView[];
  name?: string;
  errors?: FieldErrors | undefined;
}) {
  return html`<h1>My ecosystems</h1>
${invitationsCard(model.invitations, model.csrfToken)}
${hostedElsewhereCard(model.hostedElsewhere ?? [])}
${
  model.memberships.length === 0
    ? html`<p class="muted">You are not in any ecosystem yet. Create one, or ask an admin to invite you.</p>`
    : html`<div class="grid2">${model.memberships.map(
        (
          m,
        ) => html`<a class="card" style="text-decoration:none;color:inherit" href="/ecosystems/${m.ecosystemId}/lets-meet">
        <h2 style="margin-top:0">${m.ecosystemName}</h2><span class="pill">${ROLE_LABEL[m.role]}</span></a>`,
      )}</div>`
}
<section class="card"><h2>Create an ecosystem</h2>
<form class="stack" method="post" action="/ecosystems">${csrfField(model.csrfToken)}
  <label>Name <input name="name" required maxlength="120" value="${model.name ?? ''}"${invalidAttrs(model.errors, 'name')}></label>${fieldError(model.errors, 'name')}
  <button type="submit">Create ecosystem</button>
</form></section>`;
}

export function locationText(meeting: MeetingView): string {
  if (meeting.location.type === 'in_person') return meeting.location.address;
  if (meeting.location.type === 'link') return 'Online link';
  return 'Zoom';
}

function meetingRows(meetings: MeetingView[]) {
  return html`<table class="stack-sm records"><thead><tr><th>When</th><th>What</th><th>Host</th><th>Location</th><th>Status</th></tr></thead><tbody>
${meetings.map(
  (m) => html`<tr>
  <td>${formatWhen(new Date(m.startTime), m.durationMinutes, m.timezone)}</td>
  <td><a href="/meetings/${m.id}">${m.title}</a><br><span class="muted">${KIND_LABEL[m.kind]}</span></td>
  <td data-label="Host">${m.host.name}</td>
  <td data-label="Location">${locationText(m)}</td>
  <td>${m.status === 'cancelled' ? html`${recordBadge(m.status)} ` : ''}${zoomBadgeWithMeaning(m)}</td>
</tr>`,
)}</tbody></table>`;
}

/**
 * An ecosystem's Lets Meet page: "Book a host" (`bookHosts`, src/web/views/bookingViews.ts) and the
 * records. Members book through a host's free slots; hosts and admins also have the new-record
 * forms, which schedule at any time.
 */
export function letsMeetView(model: {
  membership: Membership;
  bookHosts: Html;
  upcoming: MeetingView[];
  past: MeetingView[];
}) {
  const { membership } = model;
  const id = membership.ecosystemId;
  const canHost = membership.role !== 'member';
  return html`<p class="muted"><a href="/ecosystems">My ecosystems</a> › ${membership.ecosystemName}</p>
<h1>Lets Meet · ${membership.ecosystemName}</h1>
<div class="row" style="margin-bottom:1rem">
  ${
    canHost
      ? html`<a class="button" href="/ecosystems/${id}/lets-meet/new?kind=booking">New booking</a>`
      : html`<a class="button" href="#book-a-host">Book a host</a>`
  }
  ${
    canHost
      ? html`<a class="button secondary" href="/ecosystems/${id}/lets-meet/new?kind=mentorship">New mentorship session</a>
      <a class="button secondary" href="/ecosystems/${id}/lets-meet/new?kind=event">New online event</a>`
      : ''
  }
  <a href="/ecosystems/${id}/lets-meet/manage" style="margin-left:auto">Lets Meet → Manage</a>
</div>
${model.bookHosts}
<section class="card"><h2>Upcoming</h2>${model.upcoming.length ? meetingRows(model.upcoming) : html`<p class="muted">Nothing scheduled yet.</p>`}</section>
${model.past.length ? html`<section class="card"><h2>Past and cancelled</h2>${meetingRows(model.past)}</section>` : ''}`;
}

/** Bookings waiting for the host's answer (docs/product.md §13.3): approve here, or open one to decline with a reason. */
function requestsCard(requests: MeetingView[], csrfToken: string): Html {
  return html`<section class="card" id="booking-requests"><h2>Booking requests (${requests.length})</h2>
<p class="muted">Each holds its time until you answer; unanswered, it expires before its start.</p>
<ul class="stack">${requests.map(
    (
      m,
    ) => html`<li><a href="/meetings/${m.id}">${m.title}</a> · ${formatWhen(new Date(m.startTime), m.durationMinutes, m.timezone)} · ${locationText(m)}
  <form method="post" action="/meetings/${m.id}/approve" class="inline">${csrfField(csrfToken)}<button type="submit" aria-label="Approve ${m.title}">Approve</button></form>
  <a href="/meetings/${m.id}#request-answer">Decline…</a></li>`,
  )}</ul></section>`;
}

/**
 * The host's consent for others' Zoom records in this ecosystem (docs/product.md §2), shown next to the Zoom
 * card. Members do not host, so they get no setting.
 */
export function mySettingsCard(model: { membership: Membership; csrfToken: string; perDay: number }): Html {
  const { membership } = model;
  if (membership.role === 'member') return html``;
  return html`<section class="card" id="zoom-for-others"><h2>Zoom meetings others schedule with you</h2>
<form method="post" action="/ecosystems/${membership.ecosystemId}/my-settings" class="stack">${csrfField(model.csrfToken)}
  <label class="check"><input type="checkbox" name="zoomForOthers" ${membership.zoomForOthers ? 'checked' : ''}>
    Let members schedule Zoom meetings with me</label>
  <p class="muted" id="zoom-for-others-help">When on, people in ${membership.ecosystemName} who book you (and admins scheduling your sessions) get a Zoom meeting created on your connected Zoom account — at most ${model.perDay} a day each (a reschedule counts), and you are emailed about every new one. When off, only you put meetings on your Zoom.</p>
  <button type="submit" class="secondary">Save</button>
</form></section>`;
}

function membersTable(model: { membership: Membership; members: Member[]; csrfToken: string }) {
  const { membership } = model;
  const isAdmin = membership.role === 'admin';
  const base = `/ecosystems/${membership.ecosystemId}/members`;
  // Emails are for admins (docs/product.md §2): others get no Email column at all.
  return html`<table class="stack-sm"><thead><tr><th>Name</th>${isAdmin ? html`<th>Email</th>` : ''}<th>Role</th>${isAdmin ? html`<th><span class="visually-hidden">Actions</span></th>` : ''}</tr></thead><tbody>
${model.members.map(
  (
    m,
  ) => html`<tr><td>${m.name}${m.userId === membership.userId ? html` <span class="muted">(you)</span>` : ''}</td>${isAdmin ? html`<td>${m.email}</td>` : ''}
  <td>${
    isAdmin
      ? html`<form method="post" action="${base}/${m.userId}/role" class="row">${csrfField(model.csrfToken)}
        <label class="visually-hidden" for="role-${m.userId}">Role of ${m.name}</label>
        <select name="role" id="role-${m.userId}">${(['member', 'host', 'admin'] as const).map((r) => html`<option value="${r}" ${m.role === r ? 'selected' : ''}>${ROLE_LABEL[r]}</option>`)}</select>
        <button type="submit" class="secondary">Change</button></form>`
      : ROLE_LABEL[m.role]
  }</td>
  ${
    isAdmin
      ? html`<td>${
          m.userId === membership.userId
            ? ''
            : html`<form method="post" action="${base}/${m.userId}/remove">${csrfField(model.csrfToken)}<button type="submit" class="secondary">Remove</button></form>`
        }</td>`
      : ''
  }</tr>`,
)}</tbody></table>`;
}

function pendingInvitations(model: { membership: Membership; invitations: SentInvitation[]; csrfToken: string }) {
  if (model.membership.role !== 'admin') return html``;
  return html`<h3>Pending invitations</h3>
${
  model.invitations.length === 0
    ? html`<p class="muted">No open invitations.</p>`
    : html`<ul class="plain" id="pending-invitations">${model.invitations.map(
        (i) => html`<li class="row"><span>${i.email} · ${ROLE_LABEL[i.role]}</span>
        <form method="post" action="/ecosystems/${model.membership.ecosystemId}/invitations/${i.id}/revoke">${csrfField(model.csrfToken)}<button type="submit" class="secondary">Revoke</button></form></li>`,
      )}</ul>`
}`;
}

export function manageView(model: {
  membership: Membership;
  members: Member[];
  invitations: SentInvitation[];
  csrfToken: string;
  zoomCard: Html;
  settingsCard: Html;
  /** A host's availability form and preview (src/web/views/availabilityViews.ts); others have none. */
  availabilityCard?: Html | undefined;
  /** Bookings waiting for this host's answer. */
  requests?: MeetingView[];
  zoomScript: Html;
  email?: string;
  role?: string;
  errors?: FieldErrors | undefined;
}) {
  const { membership } = model;
  return html`<p class="muted"><a href="/ecosystems">My ecosystems</a> › <a href="/ecosystems/${membership.ecosystemId}/lets-meet">${membership.ecosystemName}</a> › Manage</p>
<h1>Lets Meet → Manage</h1>
${model.requests?.length ? requestsCard(model.requests, model.csrfToken) : ''}
<div class="grid2">${model.zoomCard}${model.settingsCard}</div>
${model.availabilityCard ?? ''}
<section class="card"><h2>Members</h2>
${membersTable(model)}
${
  membership.role === 'admin'
    ? html`${pendingInvitations(model)}
    <h3>Invite someone</h3>
    <form class="stack" method="post" action="/ecosystems/${membership.ecosystemId}/members">${csrfField(model.csrfToken)}
      <label>Email <input type="email" name="email" required value="${model.email ?? ''}" autocomplete="off"${invalidAttrs(model.errors, 'email')}></label>${fieldError(model.errors, 'email')}
      <label>Role <select name="role"${invalidAttrs(model.errors, 'role')}>
        ${(['member', 'host', 'admin'] as const).map((r) => html`<option value="${r}" ${model.role === r ? 'selected' : ''}>${ROLE_LABEL[r]}</option>`)}
      </select></label>${fieldError(model.errors, 'role')}
      <p class="muted">They get an email and join when they accept. People without an account accept after signing up with this email.</p>
      <button type="submit">Send invitation</button>
    </form>`
    : ''
}
<form method="post" action="/ecosystems/${membership.ecosystemId}/members/${membership.userId}/remove" class="leave">${csrfField(model.csrfToken)}
  <button type="submit" class="secondary">Leave this ecosystem</button></form>
</section>
${model.zoomScript}`;
}
