/**
 * My ecosystems; an ecosystem's Lets Meet page; Lets Meet → Manage. Every text is the page
 * reader's language (`pageText`, src/i18n/pageText.ts) and every time is in their zone, named.
 */
import { html } from 'hono/html';
import type { Membership, Member } from '../../ecosystems/ecosystems.ts';
import type { ReceivedInvitation, SentInvitation } from '../../ecosystems/invitations.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import { csrfField, type Html } from './layout.ts';
import { fieldError, invalidAttrs, type FieldErrors } from './formErrors.ts';
import { pageText, pageWhen } from '../../i18n/pageText.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../i18n/locales.ts';
import type { Role } from '../../db/schema.ts';
import { recordBadge, zoomBadgeWithMeaning } from './zoomStatus.ts';

const ROLES = ['member', 'host', 'admin'] as const;

/** A role's name in the reader's language. */
function roleLabel(role: Role): string {
  return pageText().t(`ecosystem.roles.${role}`);
}

/** A record's whole time, as the reader reads it. */
function when(m: MeetingView): string {
  return pageWhen(new Date(m.startTime), m.durationMinutes, m.timezone);
}

function invitationsCard(invitations: ReceivedInvitation[], csrfToken: string) {
  if (invitations.length === 0) return html``;
  const { t } = pageText();
  return html`<section class="card" id="invitations" aria-labelledby="invitations-heading"><h2 id="invitations-heading">${t('ecosystem.invitations.heading')}</h2>
<p class="muted">${t('ecosystem.invitations.explain')}</p>
<ul class="plain">${invitations.map(
    (i) => html`<li class="row invitation">
  <span><strong>${i.ecosystem.name}</strong> ${t('ecosystem.invitations.invitedYouAs')} <span class="pill">${roleLabel(i.role)}</span></span>
  <form method="post" action="/invitations/${i.id}/accept">${csrfField(csrfToken)}<button type="submit">${t('ecosystem.invitations.accept')}</button></form>
  <form method="post" action="/invitations/${i.id}/decline">${csrfField(csrfToken)}<button type="submit" class="secondary">${t('ecosystem.invitations.decline')}</button></form>
</li>`,
  )}</ul></section>`;
}

/** Upcoming records the person hosts in ecosystems they left: they still see them and may cancel them. */
function hostedElsewhereCard(records: MeetingView[]) {
  if (records.length === 0) return html``;
  const { t } = pageText();
  return html`<section class="card" id="hosted-elsewhere" aria-labelledby="hosted-elsewhere-heading"><h2 id="hosted-elsewhere-heading">${t('ecosystem.hostedElsewhere.heading')}</h2>
<p class="muted">${t('ecosystem.hostedElsewhere.explain')}</p>
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
  const { t } = pageText();
  return html`<h1>${t('ecosystem.list.title')}</h1>
${invitationsCard(model.invitations, model.csrfToken)}
${hostedElsewhereCard(model.hostedElsewhere ?? [])}
${
  model.memberships.length === 0
    ? html`<p class="muted">${t('ecosystem.list.none')}</p>`
    : html`<div class="grid2">${model.memberships.map(
        (
          m,
        ) => html`<a class="card" style="text-decoration:none;color:inherit" href="/ecosystems/${m.ecosystemId}/lets-meet">
        <h2 style="margin-top:0">${m.ecosystemName}</h2><span class="pill">${roleLabel(m.role)}</span></a>`,
      )}</div>`
}
<section class="card"><h2>${t('ecosystem.list.createHeading')}</h2>
<form class="stack" method="post" action="/ecosystems">${csrfField(model.csrfToken)}
  <label>${t('ecosystem.list.name')} <input name="name" required maxlength="120" value="${model.name ?? ''}"${invalidAttrs(model.errors, 'name')}></label>${fieldError(model.errors, 'name')}
  <button type="submit">${t('ecosystem.list.create')}</button>
</form></section>`;
}

/** Where a record happens, in a word or its address. */
export function locationText(meeting: MeetingView): string {
  if (meeting.location.type === 'in_person') return meeting.location.address;
  if (meeting.location.type === 'link') return pageText().t('ecosystem.records.onlineLink');
  return 'Zoom';
}

function meetingRows(meetings: MeetingView[]) {
  const { t } = pageText();
  return html`<table class="stack-sm records"><thead><tr><th>${t('ecosystem.records.when')}</th><th>${t('ecosystem.records.what')}</th><th>${t('ecosystem.records.host')}</th><th>${t('ecosystem.records.location')}</th><th>${t('ecosystem.records.status')}</th></tr></thead><tbody>
${meetings.map(
  (m) => html`<tr>
  <td>${when(m)}</td>
  <td><a href="/meetings/${m.id}">${m.title}</a><br><span class="muted">${t(`ecosystem.kinds.${m.kind}`)}</span></td>
  <td data-label="${t('ecosystem.records.host')}">${m.host.name}</td>
  <td data-label="${t('ecosystem.records.location')}">${locationText(m)}</td>
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
  const { t } = pageText();
  return html`<p class="muted"><a href="/ecosystems">${t('ecosystem.list.title')}</a> › ${membership.ecosystemName}</p>
<h1>Lets Meet · ${membership.ecosystemName}</h1>
<div class="row" style="margin-bottom:1rem">
  ${
    canHost
      ? html`<a class="button" href="/ecosystems/${id}/lets-meet/new?kind=booking">${t('ecosystem.letsMeet.newBooking')}</a>`
      : html`<a class="button" href="#book-a-host">${t('ecosystem.letsMeet.bookAHost')}</a>`
  }
  ${
    canHost
      ? html`<a class="button secondary" href="/ecosystems/${id}/lets-meet/new?kind=mentorship">${t('ecosystem.letsMeet.newMentorship')}</a>
      <a class="button secondary" href="/ecosystems/${id}/lets-meet/new?kind=event">${t('ecosystem.letsMeet.newEvent')}</a>`
      : ''
  }
  <a href="/ecosystems/${id}/lets-meet/manage" style="margin-left:auto">${t('ecosystem.manage.title')}</a>
</div>
${model.bookHosts}
<section class="card"><h2>${t('ecosystem.letsMeet.upcoming')}</h2>${model.upcoming.length ? meetingRows(model.upcoming) : html`<p class="muted">${t('ecosystem.letsMeet.nothingScheduled')}</p>`}</section>
${model.past.length ? html`<section class="card"><h2>${t('ecosystem.letsMeet.past')}</h2>${meetingRows(model.past)}</section>` : ''}`;
}

/** Bookings waiting for the host's answer (docs/product.md §13.3): approve here, or open one to decline with a reason. */
function requestsCard(requests: MeetingView[], csrfToken: string): Html {
  const { t } = pageText();
  return html`<section class="card" id="booking-requests"><h2>${t('ecosystem.requests.heading', { count: requests.length })}</h2>
<p class="muted">${t('ecosystem.requests.explain')}</p>
<ul class="stack">${requests.map(
    (m) => html`<li><a href="/meetings/${m.id}">${m.title}</a> · ${when(m)} · ${locationText(m)}
  <form method="post" action="/meetings/${m.id}/approve" class="inline">${csrfField(csrfToken)}<button type="submit" aria-label="${t('ecosystem.requests.approveLabel', { title: m.title })}">${t('ecosystem.requests.approve')}</button></form>
  <a href="/meetings/${m.id}#request-answer">${t('ecosystem.requests.decline')}</a></li>`,
  )}</ul></section>`;
}

/**
 * The host's consent for others' Zoom records in this ecosystem (docs/product.md §2), shown next to the Zoom
 * card. Members do not host, so they get no setting.
 */
export function mySettingsCard(model: { membership: Membership; csrfToken: string; perDay: number }): Html {
  const { membership } = model;
  if (membership.role === 'member') return html``;
  const { t } = pageText();
  return html`<section class="card" id="zoom-for-others"><h2>${t('ecosystem.zoomForOthers.heading')}</h2>
<form method="post" action="/ecosystems/${membership.ecosystemId}/my-settings" class="stack">${csrfField(model.csrfToken)}
  <label class="check"><input type="checkbox" name="zoomForOthers" ${membership.zoomForOthers ? 'checked' : ''}>
    ${t('ecosystem.zoomForOthers.label')}</label>
  <p class="muted" id="zoom-for-others-help">${t('ecosystem.zoomForOthers.help', { ecosystem: membership.ecosystemName, perDay: model.perDay })}</p>
  <button type="submit" class="secondary">${t('ecosystem.zoomForOthers.save')}</button>
</form></section>`;
}

/**
 * The ecosystem's own settings, for its admins: its language — the language of its mail to
 * people without an account (docs/product.md §15). Others get nothing.
 */
export function ecosystemSettingsCard(model: { membership: Membership; csrfToken: string; locale?: Locale }): Html {
  const { membership } = model;
  if (membership.role !== 'admin' || !model.locale) return html``;
  const { t } = pageText();
  return html`<section class="card" id="ecosystem-settings"><h2>${t('ecosystem.settings.heading')}</h2>
<form method="post" action="/ecosystems/${membership.ecosystemId}/settings" class="stack">${csrfField(model.csrfToken)}
  <label for="ecosystem-locale">${t('ecosystem.settings.language')}</label>
  <select name="locale" id="ecosystem-locale" aria-describedby="ecosystem-locale-help">${LOCALES.map(
    (l) => html`<option value="${l}" lang="${l}" ${model.locale === l ? 'selected' : ''}>${LOCALE_NAMES[l]}</option>`,
  )}</select>
  <p class="muted" id="ecosystem-locale-help">${t('ecosystem.settings.languageHelp')}</p>
  <button type="submit" class="secondary">${t('ecosystem.settings.save')}</button>
</form></section>`;
}

function membersTable(model: { membership: Membership; members: Member[]; csrfToken: string }) {
  const { membership } = model;
  const isAdmin = membership.role === 'admin';
  const base = `/ecosystems/${membership.ecosystemId}/members`;
  const { t } = pageText();
  // Emails are for admins (docs/product.md §2): others get no Email column at all.
  return html`<table class="stack-sm"><thead><tr><th>${t('ecosystem.members.name')}</th>${isAdmin ? html`<th>${t('ecosystem.members.email')}</th>` : ''}<th>${t('ecosystem.members.role')}</th>${isAdmin ? html`<th><span class="visually-hidden">${t('ecosystem.members.actions')}</span></th>` : ''}</tr></thead><tbody>
${model.members.map(
  (
    m,
  ) => html`<tr><td>${m.name}${m.userId === membership.userId ? html` <span class="muted">${t('ecosystem.members.you')}</span>` : ''}</td>${isAdmin ? html`<td>${m.email}</td>` : ''}
  <td>${
    isAdmin
      ? html`<form method="post" action="${base}/${m.userId}/role" class="row">${csrfField(model.csrfToken)}
        <label class="visually-hidden" for="role-${m.userId}">${t('ecosystem.members.roleOf', { name: m.name })}</label>
        <select name="role" id="role-${m.userId}">${ROLES.map((r) => html`<option value="${r}" ${m.role === r ? 'selected' : ''}>${roleLabel(r)}</option>`)}</select>
        <button type="submit" class="secondary">${t('ecosystem.members.change')}</button></form>`
      : roleLabel(m.role)
  }</td>
  ${
    isAdmin
      ? html`<td>${
          m.userId === membership.userId
            ? ''
            : html`<form method="post" action="${base}/${m.userId}/remove">${csrfField(model.csrfToken)}<button type="submit" class="secondary">${t('ecosystem.members.remove')}</button></form>`
        }</td>`
      : ''
  }</tr>`,
)}</tbody></table>`;
}

function pendingInvitations(model: { membership: Membership; invitations: SentInvitation[]; csrfToken: string }) {
  if (model.membership.role !== 'admin') return html``;
  const { t } = pageText();
  return html`<h3>${t('ecosystem.members.pendingHeading')}</h3>
${
  model.invitations.length === 0
    ? html`<p class="muted">${t('ecosystem.members.noPending')}</p>`
    : html`<ul class="plain" id="pending-invitations">${model.invitations.map(
        (i) => html`<li class="row"><span>${i.email} · ${roleLabel(i.role)}</span>
        <form method="post" action="/ecosystems/${model.membership.ecosystemId}/invitations/${i.id}/revoke">${csrfField(model.csrfToken)}<button type="submit" class="secondary">${t('ecosystem.members.revoke')}</button></form></li>`,
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
  /** The ecosystem's own settings (admins; src/web/views/ecosystemViews.ts `ecosystemSettingsCard`). */
  ecosystemSettingsCard?: Html | undefined;
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
  const { t } = pageText();
  return html`<p class="muted"><a href="/ecosystems">${t('ecosystem.list.title')}</a> › <a href="/ecosystems/${membership.ecosystemId}/lets-meet">${membership.ecosystemName}</a> › ${t('ecosystem.manage.crumb')}</p>
<h1>${t('ecosystem.manage.title')}</h1>
${model.requests?.length ? requestsCard(model.requests, model.csrfToken) : ''}
<div class="grid2">${model.zoomCard}${model.settingsCard}</div>
${model.availabilityCard ?? ''}
${model.ecosystemSettingsCard ?? ''}
<section class="card"><h2>${t('ecosystem.members.heading')}</h2>
${membersTable(model)}
${
  membership.role === 'admin'
    ? html`${pendingInvitations(model)}
    <h3>${t('ecosystem.members.inviteHeading')}</h3>
    <form class="stack" method="post" action="/ecosystems/${membership.ecosystemId}/members">${csrfField(model.csrfToken)}
      <label>${t('ecosystem.members.email')} <input type="email" name="email" required value="${model.email ?? ''}" autocomplete="off"${invalidAttrs(model.errors, 'email')}></label>${fieldError(model.errors, 'email')}
      <label>${t('ecosystem.members.role')} <select name="role"${invalidAttrs(model.errors, 'role')}>
        ${ROLES.map((r) => html`<option value="${r}" ${model.role === r ? 'selected' : ''}>${roleLabel(r)}</option>`)}
      </select></label>${fieldError(model.errors, 'role')}
      <p class="muted">${t('ecosystem.members.inviteExplain')}</p>
      <button type="submit">${t('ecosystem.members.send')}</button>
    </form>`
    : ''
}
<form method="post" action="/ecosystems/${membership.ecosystemId}/members/${membership.userId}/remove" class="leave">${csrfField(model.csrfToken)}
  <button type="submit" class="secondary">${t('ecosystem.members.leave')}</button></form>
</section>
${model.zoomScript}`;
}
