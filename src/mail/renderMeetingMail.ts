/**
 * The messages attendees and hosts receive, rendered as text, HTML and (for meetings) an ICS
 * invite. Pure functions: no database, no transport. HTML goes through `hono/html`, which escapes
 * every interpolated value.
 *
 * ICS: one stable UID per record, SEQUENCE = the record's sequence (bumped on every change), so
 * calendars update the same event; METHOD:REQUEST for invitations and updates, METHOD:CANCEL with
 * STATUS:CANCELLED for cancellations (RFC 5546).
 */
import { html } from 'hono/html';
import { formatWhen } from '../i18n/formatting.ts';
import { translatorFor, type Translate } from '../i18n/i18n.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { linkableUrl } from './linkableUrl.ts';
import { writeIcsInvite } from './icsInvite.ts';

export type MeetingLocationForMail =
  | { type: 'in_person'; address: string }
  | { type: 'link'; url: string }
  | { type: 'zoom'; joinUrl?: string | undefined; passcode?: string | undefined; meetingId?: string | undefined };

export interface MeetingForMail {
  id: string;
  kind: 'booking' | 'mentorship' | 'event';
  title: string;
  description: string;
  startAt: Date;
  durationMinutes: number;
  timezone: string;
  hostName: string;
  hostEmail: string;
  location: MeetingLocationForMail;
  sequence: number;
  recordUrl: string;
  /** Why it was cancelled, in the words of who cancelled (docs/product.md §13.2), if they gave one. */
  reason?: string | undefined;
}

/**
 * `invitation`, `update` and `cancellation` follow the record; `reminder` comes before its start
 * (docs/product.md §13.1); `request` confirms a booking that waits for the host's approval (§13.3);
 * `waitlisted` tells a registrant their place on a full event's waitlist, and `removed` someone who
 * left an event (or was removed) that they are no longer on it (§14).
 */
export type MeetingMailKind =
  | 'invitation'
  | 'update'
  | 'cancellation'
  | 'reminder'
  | 'request'
  | 'waitlisted'
  | 'removed';

/**
 * Someone a record's mail goes to. `respond`: their personal link and what it lets them do
 * (docs/product.md §13.2).
 */
export interface MailRecipient {
  email: string;
  name: string;
  /**
   * The language their mail is written in (docs/product.md §15): their account's, else the
   * ecosystem's. English when not given.
   */
  locale?: Locale | undefined;
  /** Their own time zone, when they chose one (their account); else the record's is shown. */
  timezone?: string | undefined;
  /** Their place on the waitlist (`waitlisted` mail). */
  position?: number | undefined;
  respond?: { url: string; action: 'decline' | 'cancel' | 'unregister' } | undefined;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  ics?: string;
}

/** The lines saying where the meeting is and how to join it, in the reader's language. */
function locationLines(t: Translate, location: MeetingLocationForMail): string[] {
  switch (location.type) {
    case 'in_person':
      return [`${t('mail.label.where')}: ${location.address}`];
    case 'link':
      return [`${t('mail.label.join')}: ${location.url}`];
    case 'zoom':
      if (!location.joinUrl) return [`${t('mail.label.where')}: ${t('mail.zoomPending')}`];
      return [
        `${t('mail.label.joinZoom')}: ${location.joinUrl}`,
        ...(location.meetingId ? [`${t('mail.label.meetingId')}: ${location.meetingId}`] : []),
        ...(location.passcode ? [`${t('mail.label.passcode')}: ${location.passcode}`] : []),
      ];
  }
}

function icsLocation(location: MeetingLocationForMail): string | undefined {
  if (location.type === 'in_person') return location.address;
  if (location.type === 'link') return location.url;
  return location.joinUrl;
}

/**
 * The calendar invite, written for its recipient: the event's name (SUMMARY) says what the record
 * is and the DESCRIPTION's lines are in their language (docs/product.md §15). Times in an ICS are
 * UTC: the calendar shows them in the reader's own zone.
 */
export function renderIcs(meeting: MeetingForMail, recipient: MailRecipient, kind: MeetingMailKind): string {
  const t = translatorFor(recipient.locale ?? DEFAULT_LOCALE);
  const cancel = kind === 'cancellation' || kind === 'removed';
  return writeIcsInvite({
    method: cancel ? 'CANCEL' : 'REQUEST',
    uid: `${meeting.id}@ekosistem.app`,
    sequence: meeting.sequence,
    stamp: new Date(),
    start: meeting.startAt,
    end: new Date(meeting.startAt.getTime() + meeting.durationMinutes * 60_000),
    summary: t(`mail.summary.${meeting.kind}`, { title: meeting.title }),
    location: icsLocation(meeting.location),
    description: [meeting.description, ...locationLines(t, meeting.location), meeting.recordUrl]
      .filter(Boolean)
      .join('\n'),
    url: meeting.recordUrl,
    status: cancel ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: meeting.hostName, email: meeting.hostEmail },
    attendee: { email: recipient.email, name: recipient.name || undefined, rsvp: !cancel },
  });
}

/** The first paragraph: what this mail is about, for this kind of record. */
function leadOf(t: Translate, meeting: MeetingForMail, recipient: MailRecipient, kind: MeetingMailKind): string {
  if (kind === 'waitlisted' && recipient.position) {
    return t(`mail.lead.waitlistedAt.${meeting.kind}`, { position: recipient.position });
  }
  return t(`mail.lead.${kind}.${meeting.kind}`, { host: meeting.hostName });
}

/**
 * A mail about a record, in its recipient's language, with its time in their zone (else the
 * record's), the zone named (docs/product.md §15).
 */
export function renderMeetingMail(
  meeting: MeetingForMail,
  recipient: MailRecipient,
  kind: MeetingMailKind,
): RenderedMail {
  const locale = recipient.locale ?? DEFAULT_LOCALE;
  const t = translatorFor(locale);
  const when = formatWhen(locale, meeting.startAt, meeting.durationMinutes, recipient.timezone ?? meeting.timezone);
  const heading = t(`mail.heading.${kind}`, { title: meeting.title });
  const lead = leadOf(t, meeting, recipient, kind);
  // Calendars drop the event for someone who left, as for a cancellation.
  const cancelled = kind === 'cancellation' || kind === 'removed';
  // A request or a place on the waitlist has no way in yet: no place, no link to join.
  const noWayIn = cancelled || kind === 'request' || kind === 'waitlisted';
  const locations = noWayIn ? [] : locationLines(t, meeting.location);
  const reason = kind === 'cancellation' && meeting.reason ? meeting.reason : undefined;
  const respond = cancelled ? undefined : recipient.respond;
  const respondLabel = respond ? t(`mail.respond.${respond.action}`) : '';
  const text = [
    heading,
    '',
    lead,
    ...(reason ? ['', `${t('mail.label.reason')}: ${reason}`] : []),
    '',
    `${t('mail.label.when')}: ${when}`,
    ...locations,
    ...(meeting.description && !cancelled ? ['', meeting.description] : []),
    '',
    `${t('mail.label.details')}: ${meeting.recordUrl}`,
    ...(respond ? [`${respondLabel}: ${respond.url}`] : []),
    '',
  ].join('\n');
  const joinUrl = linkableUrl(
    meeting.location.type === 'zoom'
      ? meeting.location.joinUrl
      : meeting.location.type === 'link'
        ? meeting.location.url
        : undefined,
  );
  const body = html`<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1d2330;line-height:1.5">
<h1 style="font-size:20px">${heading}</h1>
<p>${lead}</p>
<p><strong>${t('mail.label.when')}:</strong> ${when}</p>
${locations.map((line) => html`<p>${line}</p>`)}
${reason ? html`<p><strong>${t('mail.label.reason')}:</strong> <span style="white-space:pre-wrap">${reason}</span></p>` : ''}
${joinUrl && !noWayIn ? html`<p><a href="${joinUrl}" style="display:inline-block;padding:8px 16px;background:#2d5bd7;color:#fff;border-radius:6px;text-decoration:none">${t('mail.joinButton')}</a></p>` : ''}
${meeting.description && !cancelled ? html`<p style="white-space:pre-wrap">${meeting.description}</p>` : ''}
<p><a href="${meeting.recordUrl}">${t('mail.viewInApp')}</a></p>
${respond ? html`<p><a href="${respond.url}">${respondLabel}</a></p>` : ''}
</body></html>`;
  // A request or a waitlist place is not in anyone's calendar yet, and a reminder repeats what the
  // invitation put there.
  const ics =
    kind === 'request' || kind === 'reminder' || kind === 'waitlisted'
      ? undefined
      : renderIcs(meeting, recipient, kind);
  return { subject: heading, text, html: String(body), ...(ics ? { ics } : {}) };
}

export interface Notice {
  subject: string;
  paragraphs: string[];
  actionUrl?: string | undefined;
  actionLabel?: string | undefined;
  /** The language the notice is written in (its texts are already in it); English when not given. */
  locale?: Locale | undefined;
}

/**
 * A plain notice (reconnect Zoom, a meeting could not be created, …), its texts already written
 * in its reader's language.
 */
export function renderNotice(notice: Notice): RenderedMail {
  const locale = notice.locale ?? DEFAULT_LOCALE;
  const actionLabel = notice.actionLabel ?? translatorFor(locale)('mail.notice.open');
  const text = [
    notice.subject,
    '',
    ...notice.paragraphs.flatMap((p) => [p, '']),
    ...(notice.actionUrl ? [`${actionLabel}: ${notice.actionUrl}`, ''] : []),
  ].join('\n');
  const body = html`<!doctype html><html lang="${locale}"><body style="font-family:system-ui,sans-serif;color:#1d2330;line-height:1.5">
<h1 style="font-size:20px">${notice.subject}</h1>
${notice.paragraphs.map((p) => html`<p>${p}</p>`)}
${notice.actionUrl ? html`<p><a href="${notice.actionUrl}">${actionLabel}</a></p>` : ''}
</body></html>`;
  return { subject: notice.subject, text, html: String(body) };
}
