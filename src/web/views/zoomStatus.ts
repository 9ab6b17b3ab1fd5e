/**
 * A record's Zoom state as people see it (docs/product.md §9 status values): a badge, one line saying what the
 * state means, and what can be done about it — for the host (whose Zoom it is), for someone who
 * manages the record but is not its host (creator, admin), and for everyone else. One table, so
 * the list, the record page and the help page say the same thing.
 */
import { html } from 'hono/html';
import type { MeetingStatus, ZoomStatus } from '../../db/schema.ts';
import type { MeetingView } from '../../meetings/meetingQueries.ts';
import { pageText } from '../../i18n/pageText.ts';
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

/**
 * The words live in the catalogue (`zoom.states`, `zoom.recordStates`); each text is read when it
 * is used, so the same table speaks the language of the page being rendered (src/i18n/pageText.ts).
 */
function stateText(
  key:
    | `zoom.states.${Exclude<ZoomStatus, 'not_applicable'>}`
    | `zoom.recordStates.${Exclude<MeetingStatus, 'scheduled'>}`,
  tone: Tone,
  needsAttention: boolean,
): ZoomStateText {
  const text = (field: 'label' | 'meaning' | 'hostAction' | 'managerAction' | 'attendeeNote') =>
    pageText().t(`${key}.${field}`);
  return {
    tone,
    needsAttention,
    get label() {
      return text('label');
    },
    get meaning() {
      return text('meaning');
    },
    get hostAction() {
      return text('hostAction');
    },
    get managerAction() {
      return text('managerAction');
    },
    get attendeeNote() {
      return text('attendeeNote');
    },
  };
}

/** `not_applicable` has no badge: the record is not on Zoom. */
export const ZOOM_STATES: Record<Exclude<ZoomStatus, 'not_applicable'>, ZoomStateText> = {
  pending: stateText('zoom.states.pending', 'info', false), // docs/product.md §4.1's words
  created: stateText('zoom.states.created', 'ok', false),
  waiting_for_reconnect: stateText('zoom.states.waiting_for_reconnect', 'warn', true),
  waiting_for_daily_limit: stateText('zoom.states.waiting_for_daily_limit', 'warn', true),
  failed: stateText('zoom.states.failed', 'bad', true),
  deleting: stateText('zoom.states.deleting', 'info', false),
  deleted: stateText('zoom.states.deleted', 'ok', false),
  orphaned: stateText('zoom.states.orphaned', 'bad', true),
};

/** The states whose host action happens on Lets Meet → Manage: the host's panel links there. */
const HOST_ACTS_ON_MANAGE: ReadonlySet<ZoomStatus> = new Set(['waiting_for_reconnect', 'failed', 'orphaned']);

/**
 * The record's own state, when it is not simply `scheduled` (docs/product.md §13.3): a booking waiting
 * for its host's approval, and records that ended before they happened. Same fields as above.
 */
export const RECORD_STATES: Record<Exclude<MeetingStatus, 'scheduled'>, ZoomStateText> = {
  requested: stateText('zoom.recordStates.requested', 'info', true),
  declined: stateText('zoom.recordStates.declined', 'bad', false),
  expired: stateText('zoom.recordStates.expired', 'warn', false),
  cancelled: stateText('zoom.recordStates.cancelled', 'bad', false),
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
  const { t } = pageText();
  return html`<div class="zoom-state ${text.tone}" id="record-status" role="status">
  <p>${recordBadge(meeting.status)}</p>
  <p class="zoom-meaning">${text.meaning}</p>
  ${meeting.statusReason ? html`<p class="wrap"><strong>${t('zoom.panel.reason')}</strong> <span style="white-space:pre-wrap">${meeting.statusReason}</span></p>` : ''}
  <p class="zoom-action"><strong>${viewer === 'attendee' ? t('zoom.panel.forYou') : t('zoom.panel.whatYouCanDo')}</strong> ${note}</p>
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
  const manageLink = viewer === 'host' && HOST_ACTS_ON_MANAGE.has(status);
  const { t } = pageText();
  return html`<div class="zoom-state ${text.tone}" id="zoom-status" role="status">
  <p>${zoomBadge(status)}</p>
  <p class="zoom-meaning">${text.meaning}${extra ? html` ${extra}` : ''}</p>
  <p class="zoom-action"><strong>${viewer === 'attendee' ? t('zoom.panel.forYou') : t('zoom.panel.whatYouCanDo')}</strong> ${action}${
    manageLink
      ? html` <a href="/ecosystems/${meeting.ecosystemId}/lets-meet/manage">${t('zoom.panel.openManage')}</a>`
      : ''
  }</p>
</div>`;
}
