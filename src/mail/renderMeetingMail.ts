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
  /** Their own time zone, when they chose one (their account); else the record's is shown. */
  timezone?: string | undefined;
  /** Their place on the waitlist (`waitlisted` mail). */
  position?: number | undefined;
  respond?: { url: string; action: 'decline' | 'cancel' | 'unregister' } | undefined;
}

const RESPOND_LABEL = {
  decline: 'Can’t make it? Decline',
  cancel: 'Need to cancel? Cancel this booking',
  unregister: 'Can’t come? Unregister',
} as const;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  ics?: string;
}

const KIND_LABEL = { booking: 'Lets Meet booking', mentorship: 'Mentorship session', event: 'Online event' } as const;

/** Formatters per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

/** A zone's long date and 24-hour time formatters (mails, and pages listing times, share them). */
export function formattersFor(timezone: string) {
  let pair = formatters.get(timezone);
  if (!pair) {
    pair = {
      date: new Intl.DateTimeFormat('en-GB', {
        timeZone: timezone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
      time: new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hour12: false }),
    };
    // Bounded: zones come from a fixed list (IANA), but keep the cache from growing without end.
    if (formatters.size >= 500) formatters.clear();
    formatters.set(timezone, pair);
  }
  return pair;
}

export function formatWhen(startAt: Date, durationMinutes: number, timezone: string): string {
  const { date, time } = formattersFor(timezone);
  const end = new Date(startAt.getTime() + durationMinutes * 60_000);
  return `${date.format(startAt)}, ${time.format(startAt)}–${time.format(end)} (${timezone})`;
}

/** One instant, with its date and the zone named: "Monday, 1 June 2026, 09:00 (Europe/Helsinki)". */
export function formatInstant(at: Date, timezone: string): string {
  const { date, time } = formattersFor(timezone);
  return `${date.format(at)}, ${time.format(at)} (${timezone})`;
}

function locationLines(location: MeetingLocationForMail): string[] {
  switch (location.type) {
    case 'in_person':
      return [`Where: ${location.address}`];
    case 'link':
      return [`Join: ${location.url}`];
    case 'zoom':
      if (!location.joinUrl) return ['Where: Zoom — the meeting is being created; you will get the link by email.'];
      return [
        `Join Zoom: ${location.joinUrl}`,
        ...(location.meetingId ? [`Meeting ID: ${location.meetingId}`] : []),
        ...(location.passcode ? [`Passcode: ${location.passcode}`] : []),
      ];
  }
}

function icsLocation(location: MeetingLocationForMail): string | undefined {
  if (location.type === 'in_person') return location.address;
  if (location.type === 'link') return location.url;
  return location.joinUrl;
}

export function renderIcs(meeting: MeetingForMail, recipient: MailRecipient, kind: MeetingMailKind): string {
  const cancel = kind === 'cancellation' || kind === 'removed';
  return writeIcsInvite({
    method: cancel ? 'CANCEL' : 'REQUEST',
    uid: `${meeting.id}@ekosistem.app`,
    sequence: meeting.sequence,
    stamp: new Date(),
    start: meeting.startAt,
    end: new Date(meeting.startAt.getTime() + meeting.durationMinutes * 60_000),
    summary: meeting.title,
    location: icsLocation(meeting.location),
    description: [meeting.description, ...locationLines(meeting.location), meeting.recordUrl]
      .filter(Boolean)
      .join('\n'),
    url: meeting.recordUrl,
    status: cancel ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: meeting.hostName, email: meeting.hostEmail },
    attendee: { email: recipient.email, name: recipient.name || undefined, rsvp: !cancel },
  });
}

export function renderMeetingMail(
  meeting: MeetingForMail,
  recipient: MailRecipient,
  kind: MeetingMailKind,
): RenderedMail {
  const label = KIND_LABEL[meeting.kind];
  const when = formatWhen(meeting.startAt, meeting.durationMinutes, recipient.timezone ?? meeting.timezone);
  const heading = {
    invitation: `You’re invited: ${meeting.title}`,
    update: `Updated: ${meeting.title}`,
    cancellation: `Cancelled: ${meeting.title}`,
    reminder: `Reminder: ${meeting.title}`,
    request: `Requested: ${meeting.title}`,
    waitlisted: `On the waitlist: ${meeting.title}`,
    removed: `Unregistered: ${meeting.title}`,
  }[kind];
  const lead = {
    invitation: `${meeting.hostName} is hosting this ${label.toLowerCase()}.`,
    update: `The details of this ${label.toLowerCase()} changed. Your calendar invite below replaces the earlier one.`,
    cancellation: `This ${label.toLowerCase()} with ${meeting.hostName} was cancelled.`,
    reminder: `This ${label.toLowerCase()} with ${meeting.hostName} is coming up.`,
    request: `You asked ${meeting.hostName} for this ${label.toLowerCase()}. It is not confirmed yet: you will get an email when ${meeting.hostName} approves or declines it.`,
    waitlisted: `This ${label.toLowerCase()} is full, so you are on its waitlist${recipient.position ? `, number ${recipient.position}` : ''}. When a seat frees up it is yours, and you get the join link by email.`,
    removed: `You are no longer registered for this ${label.toLowerCase()} with ${meeting.hostName}. The invite below takes it off your calendar.`,
  }[kind];
  // Calendars drop the event for someone who left, as for a cancellation.
  const cancelled = kind === 'cancellation' || kind === 'removed';
  // A request or a place on the waitlist has no way in yet: no place, no link to join.
  const noWayIn = cancelled || kind === 'request' || kind === 'waitlisted';
  const locations = noWayIn ? [] : locationLines(meeting.location);
  const reason = kind === 'cancellation' && meeting.reason ? meeting.reason : undefined;
  const respond = cancelled ? undefined : recipient.respond;
  const text = [
    heading,
    '',
    lead,
    ...(reason ? ['', `Reason: ${reason}`] : []),
    '',
    `When: ${when}`,
    ...locations,
    ...(meeting.description && !cancelled ? ['', meeting.description] : []),
    '',
    `Details: ${meeting.recordUrl}`,
    ...(respond ? [`${RESPOND_LABEL[respond.action]}: ${respond.url}`] : []),
    '',
  ].join('\n');
  const joinUrl = linkableUrl(
    meeting.location.type === 'zoom'
      ? meeting.location.joinUrl
      : meeting.location.type === 'link'
        ? meeting.location.url
        : undefined,
  );
  const body = html`<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1d2330;line-height:1.5">
<h1 style="font-size:20px">${heading}</h1>
<p>${lead}</p>
<p><strong>When:</strong> ${when}</p>
${locations.map((line) => html`<p>${line}</p>`)}
${reason ? html`<p><strong>Reason:</strong> <span style="white-space:pre-wrap">${reason}</span></p>` : ''}
${joinUrl && !noWayIn ? html`<p><a href="${joinUrl}" style="display:inline-block;padding:8px 16px;background:#2d5bd7;color:#fff;border-radius:6px;text-decoration:none">Join</a></p>` : ''}
${meeting.description && !cancelled ? html`<p style="white-space:pre-wrap">${meeting.description}</p>` : ''}
<p><a href="${meeting.recordUrl}">View in Ekosistem App</a></p>
${respond ? html`<p><a href="${respond.url}">${RESPOND_LABEL[respond.action]}</a></p>` : ''}
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
}

/** A plain notice to a host (reconnect Zoom, a meeting could not be created, …). */
export function renderNotice(notice: Notice): RenderedMail {
  const text = [
    notice.subject,
    '',
    ...notice.paragraphs.flatMap((p) => [p, '']),
    ...(notice.actionUrl ? [`${notice.actionLabel ?? 'Open'}: ${notice.actionUrl}`, ''] : []),
  ].join('\n');
  const body = html`<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1d2330;line-height:1.5">
<h1 style="font-size:20px">${notice.subject}</h1>
${notice.paragraphs.map((p) => html`<p>${p}</p>`)}
${notice.actionUrl ? html`<p><a href="${notice.actionUrl}">${notice.actionLabel ?? 'Open'}</a></p>` : ''}
</body></html>`;
  return { subject: notice.subject, text, html: String(body) };
}
