/** My ecosystems; an ecosystem's Lets Meet page; Lets Meet → Manage. */
import { html } from 'hono/html';
import type { Membership, Member } from '../../ecosystems/ecosystems.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import { csrfField, type Html } from './layout.ts';
import { formatWhen } from '../../mail/renderMeetingMail.ts';

const KIND_LABEL = { booking: 'Booking', mentorship: 'Mentorship session', event: 'Online event' } as const;
const ROLE_LABEL = { admin: 'Admin', host: 'Host', member: 'Member' } as const;

export function ecosystemsView(model: { csrfToken: string; memberships: Membership[]; name?: string }) {
  return html`<h1>My ecosystems</h1>
${model.memberships.length === 0
  ? html`<p class="muted">You are not in any ecosystem yet. Create one, or ask an admin to add you.</p>`
  : html`<div class="grid2">${model.memberships.map(
      (m) => html`<a class="card" style="text-decoration:none;color:inherit" href="/ecosystems/${m.ecosystemId}/lets-meet">
        <h2 style="margin-top:0">${m.ecosystemName}</h2><span class="pill">${ROLE_LABEL[m.role]}</span></a>`,
    )}</div>`}
<section class="card"><h2>Create an ecosystem</h2>
<form class="stack" method="post" action="/ecosystems">${csrfField(model.csrfToken)}
  <label>Name <input name="name" required maxlength="120" value="${model.name ?? ''}"></label>
  <button type="submit">Create ecosystem</button>
</form></section>`;
}

export function zoomStatusPill(meeting: MeetingView): Html {
  if (meeting.location.type !== 'zoom') return html``;
  const s = meeting.zoom.status;
  const tone = s === 'created' || s === 'deleted' ? 'ok' : s === 'failed' || s === 'orphaned' ? 'bad' : 'warn';
  const text: Record<string, string> = {
    pending: 'Zoom meeting pending',
    created: 'Zoom ready',
    waiting_for_reconnect: 'Waiting for Zoom reconnect',
    waiting_for_daily_limit: 'Waiting for Zoom daily limit',
    failed: 'Zoom failed',
    deleting: 'Removing Zoom meeting',
    deleted: 'Zoom meeting removed',
    orphaned: 'Zoom meeting left on Zoom',
  };
  return html`<span class="pill ${tone}">${text[s] ?? s}</span>`;
}

export function locationText(meeting: MeetingView): string {
  if (meeting.location.type === 'in_person') return meeting.location.address;
  if (meeting.location.type === 'link') return 'Online link';
  return 'Zoom';
}

function meetingRows(meetings: MeetingView[]) {
  return html`<table><thead><tr><th>When</th><th>What</th><th>Host</th><th>Location</th><th>Status</th></tr></thead><tbody>
${meetings.map(
  (m) => html`<tr>
  <td>${formatWhen(new Date(m.startTime), m.durationMinutes, m.timezone)}</td>
  <td><a href="/meetings/${m.id}">${m.title}</a><br><span class="muted">${KIND_LABEL[m.kind]}</span></td>
  <td>${m.host.name}</td>
  <td>${locationText(m)}</td>
  <td>${m.status === 'cancelled' ? html`<span class="pill bad">Cancelled</span> ` : ''}${zoomStatusPill(m)}</td>
</tr>`,
)}</tbody></table>`;
}

export function letsMeetView(model: { membership: Membership; upcoming: MeetingView[]; past: MeetingView[] }) {
  const { membership } = model;
  const id = membership.ecosystemId;
  const canHost = membership.role !== 'member';
  return html`<p class="muted"><a href="/ecosystems">My ecosystems</a> › ${membership.ecosystemName}</p>
<h1>Lets Meet · ${membership.ecosystemName}</h1>
<div class="row" style="margin-bottom:1rem">
  <a class="button" href="/ecosystems/${id}/lets-meet/new?kind=booking">New booking</a>
  ${canHost
    ? html`<a class="button secondary" href="/ecosystems/${id}/lets-meet/new?kind=mentorship">New mentorship session</a>
      <a class="button secondary" href="/ecosystems/${id}/lets-meet/new?kind=event">New online event</a>`
    : ''}
  <a href="/ecosystems/${id}/lets-meet/manage" style="margin-left:auto">Lets Meet → Manage</a>
</div>
<section class="card"><h2>Upcoming</h2>${model.upcoming.length ? meetingRows(model.upcoming) : html`<p class="muted">Nothing scheduled yet.</p>`}</section>
${model.past.length ? html`<section class="card"><h2>Past and cancelled</h2>${meetingRows(model.past)}</section>` : ''}`;
}

export function manageView(model: { membership: Membership; members: Member[]; csrfToken: string; zoomCard: Html; zoomScript: Html; email?: string; role?: string }) {
  const { membership } = model;
  return html`<p class="muted"><a href="/ecosystems">My ecosystems</a> › <a href="/ecosystems/${membership.ecosystemId}/lets-meet">${membership.ecosystemName}</a> › Manage</p>
<h1>Lets Meet → Manage</h1>
${model.zoomCard}
<section class="card"><h2>Members</h2>
<table><thead><tr><th>Name</th><th>Email</th><th>Role</th></tr></thead><tbody>
${model.members.map((m) => html`<tr><td>${m.name}</td><td>${m.email}</td><td>${ROLE_LABEL[m.role]}</td></tr>`)}
</tbody></table>
${membership.role === 'admin'
  ? html`<h2>Add a member</h2>
    <form class="stack" method="post" action="/ecosystems/${membership.ecosystemId}/members">${csrfField(model.csrfToken)}
      <label>Email of someone who has signed up <input type="email" name="email" required value="${model.email ?? ''}"></label>
      <label>Role <select name="role">
        ${(['member', 'host', 'admin'] as const).map((r) => html`<option value="${r}" ${model.role === r ? 'selected' : ''}>${ROLE_LABEL[r]}</option>`)}
      </select></label>
      <button type="submit">Add member</button>
    </form>`
  : ''}
</section>
${model.zoomScript}`;
}
