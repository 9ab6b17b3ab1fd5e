/**
 * A record's Zoom state as people see it (docs/product.md §9 status values): a badge, one line saying what the
 * state means, and what can be done about it — for the host (whose Zoom it is), for someone who
 * manages the record but is not its host (creator, admin), and for everyone else. One table, so
 * the list, the record page and the help page say the same thing.
 */
import { html } from 'hono/html';
import type { MeetingStatus, ZoomStatus } from '../../db/schema.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import type { Html } from './layout.ts';

type Tone = 'ok' | 'info' | 'warn' | 'bad';

export interface ZoomStateText {
  /** The badge's words. */
  label: string;
  tone: Tone;
  /** One line: what this state means. */
  meaning: string;
  /** What the host can do (their Zoom account is the one concerned). */
  hostAction: string;
  /** What a creator or admin who is not the host can do. */
  managerAction: string;
  /** What an attendee or registrant can expect. */
  attendeeNote: string;
  /** The state waits for somebody: lists show its meaning under the badge. */
  needsAttention: boolean;
}

/** `not_applicable` has no badge: the record is not on Zoom. */
export const ZOOM_STATES: Record<Exclude<ZoomStatus, 'not_applicable'>, ZoomStateText> = {
  pending: {
    label: 'Zoom meeting pending', // docs/product.md §4.1's words
    tone: 'info',
    meaning:
      'The Zoom meeting is being created; its join link appears here and is emailed to attendees as soon as Zoom confirms it.',
    hostAction: 'Nothing to do: reload in a moment.',
    managerAction: 'Nothing to do: reload in a moment.',
    attendeeNote: 'The join link is emailed to you as soon as it exists.',
    needsAttention: false,
  },
  created: {
    label: 'Zoom ready',
    tone: 'ok',
    meaning: 'The Zoom meeting exists and attendees have its join link.',
    hostAction: 'Nothing to do.',
    managerAction: 'Nothing to do.',
    attendeeNote: 'Use the join link at the meeting time.',
    needsAttention: false,
  },
  waiting_for_reconnect: {
    label: 'Needs Zoom reconnect',
    tone: 'warn',
    meaning: 'Zoom no longer accepts the host’s connection, so the meeting is not created yet.',
    hostAction:
      'Reconnect Zoom on Lets Meet → Manage: the meeting is then created and attendees are emailed. Or cancel this record and book again with another location.',
    managerAction:
      'Ask the host to reconnect Zoom on Lets Meet → Manage, or cancel this record and book again with another location.',
    attendeeNote: 'The host has been told; the join link is emailed to you once the meeting exists.',
    needsAttention: true,
  },
  waiting_for_daily_limit: {
    label: 'Waiting for Zoom’s daily limit',
    tone: 'warn',
    meaning: 'The host reached Zoom’s limit of new meetings for today; this one is created after 00:00 UTC.',
    hostAction:
      'Nothing to do: it is created then and attendees are emailed. To have a link sooner, cancel and book with another location.',
    managerAction:
      'Nothing to do: it is created then and attendees are emailed. To have a link sooner, cancel and book with another location.',
    attendeeNote: 'The join link is emailed to you once the meeting exists.',
    needsAttention: true,
  },
  failed: {
    label: 'Zoom failed',
    tone: 'bad',
    meaning: 'Zoom refused to create the meeting and it will not be tried again.',
    hostAction:
      'Check Zoom on Lets Meet → Manage (reconnect to grant missing permissions), then cancel this record and create it again, or choose another location.',
    managerAction:
      'Ask the host to check Zoom on Lets Meet → Manage, then cancel this record and create it again, or choose another location.',
    attendeeNote: 'The host has been told.',
    needsAttention: true,
  },
  deleting: {
    label: 'Removing from Zoom',
    tone: 'info',
    meaning:
      'The record is cancelled and its Zoom meeting is being deleted from Zoom (Zoom deletes a meeting that is running only after it ends).',
    hostAction: 'Nothing to do: it is retried until Zoom confirms.',
    managerAction: 'Nothing to do: it is retried until Zoom confirms.',
    attendeeNote: 'The meeting is cancelled.',
    needsAttention: false,
  },
  deleted: {
    label: 'Removed from Zoom',
    tone: 'ok',
    meaning: 'The Zoom meeting was deleted from Zoom.',
    hostAction: 'Nothing to do.',
    managerAction: 'Nothing to do.',
    attendeeNote: 'The meeting is cancelled.',
    needsAttention: false,
  },
  orphaned: {
    label: 'Left on Zoom',
    tone: 'bad',
    meaning: 'The record is cancelled, but the host’s Zoom was not connected, so the meeting is still on Zoom.',
    hostAction:
      'Reconnect the same Zoom account on Lets Meet → Manage and it is deleted automatically, or delete the meeting in Zoom yourself (its ID is shown with the record).',
    managerAction:
      'Ask the host to reconnect the same Zoom account on Lets Meet → Manage, or to delete the meeting in Zoom.',
    attendeeNote: 'The meeting is cancelled.',
    needsAttention: true,
  },
};

/**
 * The record's own state, when it is not simply `scheduled` (docs/product.md §13.3): a booking waiting
 * for its host's approval, and records that ended before they happened. Same fields as above.
 */
export const RECORD_STATES: Record<Exclude<MeetingStatus, 'scheduled'>, ZoomStateText> = {
  requested: {
    label: 'Waiting for approval',
    tone: 'info',
    meaning:
      'The host approves bookings first. The time is held for this request; nothing is on Zoom or in anyone’s calendar until the host approves.',
    hostAction: 'Approve or decline it below. Unanswered, it expires before its start (your minimum notice).',
    managerAction: 'The host approves or declines it; you get an email either way. You can cancel the request.',
    attendeeNote: 'You get the invitation when the host approves.',
    needsAttention: true,
  },
  declined: {
    label: 'Declined',
    tone: 'bad',
    meaning: 'The host declined this request. Nothing was scheduled and the time is free.',
    hostAction: 'Nothing to do.',
    managerAction: 'Book another time.',
    attendeeNote: 'Nothing was scheduled.',
    needsAttention: false,
  },
  expired: {
    label: 'Expired',
    tone: 'warn',
    meaning: 'The host did not answer this request in time. Nothing was scheduled and the time is free.',
    hostAction: 'Nothing to do.',
    managerAction: 'Book another time.',
    attendeeNote: 'Nothing was scheduled.',
    needsAttention: false,
  },
  cancelled: {
    label: 'Cancelled',
    tone: 'bad',
    meaning: 'This record was cancelled; everyone on it was told.',
    hostAction: 'Nothing to do.',
    managerAction: 'Nothing to do.',
    attendeeNote: 'It will not take place.',
    needsAttention: false,
  },
};

const ICON: Record<Tone, string> = { ok: '✓', info: '…', warn: '!', bad: '✕' };

/** The record's state badge; nothing for a `scheduled` record. */
export function recordBadge(status: MeetingStatus): Html {
  if (status === 'scheduled') return html``;
  const text = RECORD_STATES[status];
  return html`<span class="badge ${text.tone}" data-record-status="${status}"><span aria-hidden="true" class="badge-icon">${ICON[text.tone]}</span> ${text.label}</span>`;
}

/** The record page's panel for a record that is not `scheduled`: badge, meaning, this viewer's note. */
export function recordStatePanel(meeting: MeetingView, viewer: ZoomViewer): Html {
  if (meeting.status === 'scheduled') return html``;
  const text = RECORD_STATES[meeting.status];
  const note = viewer === 'host' ? text.hostAction : viewer === 'manager' ? text.managerAction : text.attendeeNote;
  return html`<div class="zoom-state ${text.tone}" id="record-status" role="status">
  <p>${recordBadge(meeting.status)}</p>
  <p class="zoom-meaning">${text.meaning}</p>
  ${meeting.statusReason ? html`<p class="wrap"><strong>Reason:</strong> <span style="white-space:pre-wrap">${meeting.statusReason}</span></p>` : ''}
  <p class="zoom-action"><strong>${viewer === 'attendee' ? 'For you:' : 'What you can do:'}</strong> ${note}</p>
</div>`;
}

export function zoomStateText(status: ZoomStatus): ZoomStateText | undefined {
  return status === 'not_applicable' ? undefined : ZOOM_STATES[status];
}

/** The badge alone; nothing for a record not on Zoom. */
export function zoomBadge(status: ZoomStatus): Html {
  const text = zoomStateText(status);
  if (!text) return html``;
  return html`<span class="badge ${text.tone}" data-zoom-status="${status}"><span aria-hidden="true" class="badge-icon">${ICON[text.tone]}</span> ${text.label}</span>`;
}

/** For lists: the badge, and its meaning underneath when the state waits for somebody. */
export function zoomBadgeWithMeaning(meeting: MeetingView): Html {
  if (meeting.status !== 'scheduled' && meeting.status !== 'cancelled') {
    const text = RECORD_STATES[meeting.status];
    return html`${recordBadge(meeting.status)}${text.needsAttention ? html`<br><span class="muted small">${text.meaning}</span>` : ''}`;
  }
  if (meeting.location.type !== 'zoom') return html``;
  const text = zoomStateText(meeting.zoom.status);
  if (!text) return html``;
  return html`${zoomBadge(meeting.zoom.status)}${text.needsAttention ? html`<br><span class="muted small">${text.meaning}</span>` : ''}`;
}

export type ZoomViewer = 'host' | 'manager' | 'attendee';

/**
 * The record page's Zoom state: badge, meaning, and the action for this viewer, with a link to
 * Manage where the action happens there. `extra` (Zoom's detail, leftover ids) follows the meaning.
 */
export function zoomStatePanel(meeting: MeetingView, viewer: ZoomViewer, extra: Html | string = ''): Html {
  const status = meeting.zoom.status;
  const text = zoomStateText(status);
  if (!text) return html``;
  const action = viewer === 'host' ? text.hostAction : viewer === 'manager' ? text.managerAction : text.attendeeNote;
  const manageLink = viewer === 'host' && action.includes('Lets Meet → Manage');
  return html`<div class="zoom-state ${text.tone}" id="zoom-status" role="status">
  <p>${zoomBadge(status)}</p>
  <p class="zoom-meaning">${text.meaning}${extra ? html` ${extra}` : ''}</p>
  <p class="zoom-action"><strong>${viewer === 'attendee' ? 'For you:' : 'What you can do:'}</strong> ${action}${
    manageLink ? html` <a href="/ecosystems/${meeting.ecosystemId}/lets-meet/manage">Open Lets Meet → Manage</a>` : ''
  }</p>
</div>`;
}
