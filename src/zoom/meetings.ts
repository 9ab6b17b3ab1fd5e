/**
 * Create and delete a scheduled meeting (docs/zoom-facts.md §4, §5). Meeting ids are int64 in Zoom's
 * spec: they are read losslessly and kept as strings (§4.1).
 *
 * @see https://developers.zoom.us/docs/api/meetings/#tag/meetings/POST/users/{userId}/meetings
 * @see https://developers.zoom.us/docs/api/meetings/#tag/meetings/DELETE/meetings/{meetingId}
 */
import { z } from 'zod';
import { restError, sendToZoom } from './zoomHttp.ts';
import { ZoomError } from './zoomErrors.ts';
import { bearerHeaders, type ZoomApiConfig } from './users.ts';
import { zoomTimezoneFor } from './zoomTimezones.ts';

export interface CreateMeetingRequest {
  topic: string;
  /** The instant; sent in UTC with `Z` (§4). */
  startTime: Date;
  durationMinutes: number;
  /** The record's IANA zone; Zoom gets it, or the listed zone it matches (zoomTimezones.ts). */
  timezone: string;
  agenda?: string;
}

export interface CreatedMeeting {
  id: string;
  uuid: string;
  joinUrl: string;
  password: string;
  hostId: string;
}

/** Zoom's agenda limit is 2000 characters (§4, UNCONFIRMED in Zoom's docs; cal.com cuts at 1900). */
export const AGENDA_LIMIT = 2000;

const createdSchema = z.object({
  id: z.union([z.number().int().refine(Number.isSafeInteger, 'meeting id beyond 2^53'), z.string().regex(/^\d+$/)]),
  uuid: z.string().min(1),
  join_url: z.string().url(),
  password: z.string().optional().default(''),
  host_id: z.string().optional().default(''),
});

/**
 * A join URL we will store, mail and render as a link: https only — a `javascript:` or `data:`
 * URL in Zoom's answer would run in an attendee's browser. The one exception is an API base that
 * is itself plain http (the offline emulator on this machine): its own origin may be http.
 */
export function isAcceptableJoinUrl(value: string, apiBaseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  const api = new URL(apiBaseUrl);
  return url.protocol === 'http:' && api.protocol === 'http:' && url.host === api.host;
}

export function createMeetingBody(request: CreateMeetingRequest) {
  const zoomTimezone = zoomTimezoneFor(request.timezone);
  return {
    topic: request.topic.slice(0, 200),
    type: 2, // scheduled
    start_time: request.startTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    duration: request.durationMinutes,
    // Only a zone Zoom lists (§10.4); start_time in UTC fixes the instant whatever is sent.
    ...(zoomTimezone ? { timezone: zoomTimezone } : {}),
    ...(request.agenda ? { agenda: request.agenda.slice(0, AGENDA_LIMIT) } : {}),
    settings: {
      waiting_room: true,
      join_before_host: false,
      host_video: true,
      participant_video: true,
      mute_upon_entry: true,
      approval_type: 2,
      audio: 'both',
      auto_recording: 'none',
    },
  };
}

/**
 * Creates the meeting on the token owner's account (`users/me`). The answer's `start_url` is a
 * host credential: it is dropped here and never reaches a caller, a log or the database.
 */
export async function createMeeting(
  config: ZoomApiConfig,
  accessToken: string,
  request: CreateMeetingRequest,
): Promise<CreatedMeeting> {
  const response = await sendToZoom(
    `${config.apiBaseUrl}/v2/users/me/meetings`,
    {
      method: 'POST',
      headers: { ...bearerHeaders(accessToken), 'content-type': 'application/json' },
      body: JSON.stringify(createMeetingBody(request)),
    },
    config,
  );
  if (response.status !== 201 && response.status !== 200) throw restError(response, config.now?.() ?? new Date());
  const parsed = createdSchema.safeParse(response.body);
  if (!parsed.success) {
    // The meeting exists at Zoom but we cannot read it: the caller must treat this as ambiguous.
    throw new ZoomError('zoom_permanent', 'Zoom’s create answer lacks id, uuid or join_url', {
      status: response.status,
      maybeApplied: true,
    });
  }
  if (!isAcceptableJoinUrl(parsed.data.join_url, config.apiBaseUrl)) {
    // Created at Zoom, but the link is not one we may hand to attendees.
    throw new ZoomError('zoom_permanent', 'Zoom’s create answer has a join_url that is not an https link', {
      status: response.status,
      maybeApplied: true,
    });
  }
  return {
    id: String(parsed.data.id),
    uuid: parsed.data.uuid,
    joinUrl: parsed.data.join_url,
    password: parsed.data.password,
    hostId: parsed.data.host_id,
  };
}

/**
 * Deletes the meeting. 204 means deleted; 404 with code 3001 (or legacy 300) means it is already
 * gone — both finish the job (§5), so this resolves `'deleted' | 'already_gone'`. A meeting that is
 * running answers 3002 (`zoom_meeting_in_progress`, §10.3): the caller tries again after it ends.
 */
export async function deleteMeeting(
  config: ZoomApiConfig,
  accessToken: string,
  meetingId: string,
): Promise<'deleted' | 'already_gone'> {
  if (!/^\d{1,20}$/.test(meetingId)) throw new ZoomError('zoom_permanent', 'Meeting ids are numeric');
  const response = await sendToZoom(
    `${config.apiBaseUrl}/v2/meetings/${meetingId}`,
    { method: 'DELETE', headers: bearerHeaders(accessToken) },
    config,
  );
  if (response.status === 204 || response.status === 200) return 'deleted';
  const error = restError(response, config.now?.() ?? new Date());
  if (error.code === 'zoom_not_found') return 'already_gone';
  throw error;
}
