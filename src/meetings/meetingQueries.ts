/**
 * Reading meeting records. What a person gets is decided by src/policies/recordPolicy.ts (SPEC §2):
 * lists are filtered by its SQL rule, one record by its access rule, and every view handed to a
 * person is cut to that access here (`viewFor`). `loadMeetingView` is the whole record, for the
 * system's own use (jobs and mails), never for a response.
 */
import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { attendees, meetings, memberships, providerMeetings, users, type MeetingKind, type ZoomStatus } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { findMembership, requireMembership } from '../ecosystems/ecosystems.ts';
import { mayNameHost, needsHostZoomConsent, recordAccess, visibleRecordsWhere, visibleRecordsWhereRoleIn, type RecordAccess, type Viewer } from '../policies/recordPolicy.ts';
import { isUuid } from '../db/ids.ts';

export type LocationView =
  | { type: 'zoom' }
  | { type: 'in_person'; address: string }
  | { type: 'link'; url: string };

export interface MeetingView {
  id: string;
  ecosystemId: string;
  kind: MeetingKind;
  title: string;
  description: string;
  startTime: string;
  durationMinutes: number;
  timezone: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  host: { id: string; name: string; email: string };
  createdBy: string;
  location: LocationView;
  attendees: { email: string; name: string; kind: 'attendee' | 'registrant' }[];
  zoom: {
    status: ZoomStatus;
    joinUrl?: string;
    meetingId?: string;
    passcode?: string;
    /** Why the status is what it is, for the host (e.g. "waiting for the daily limit"). */
    detail?: string;
    retryAt?: string;
    /** Meetings that could not be removed automatically (orphaned/failed): ids for the host. */
    leftoverMeetingIds?: string[];
  };
  createdAt: string;
}

type MeetingRow = typeof meetings.$inferSelect;


export function locationOf(row: MeetingRow): LocationView {
  if (row.locationType === 'in_person') return { type: 'in_person', address: row.locationAddress ?? '' };
  if (row.locationType === 'link') return { type: 'link', url: row.locationUrl ?? '' };
  return { type: 'zoom' };
}

interface ProvidedRef {
  state: (typeof providerMeetings.$inferSelect)['state'];
  externalId: string | null;
  joinUrl: string | null;
  passcode: string | null;
}

/**
 * A record's row with what its view needs from other tables, in one statement: the host, the
 * attendees (in the order they were added) and its provider meetings, as JSON sub-selects.
 * The outer row is named in full ("meetings"."id"): drizzle leaves a lone table's columns
 * unqualified, which inside a sub-select would name the sub-select's own table.
 */
const viewColumns = {
  ...getTableColumns(meetings),
  host: sql<{ id: string; name: string; email: string } | null>`(select json_build_object('id', u.id, 'name', u.name, 'email', u.email) from users u where u.id = "meetings"."host_user_id")`,
  people: sql<{ email: string; name: string; kind: 'attendee' | 'registrant' }[]>`coalesce((select json_agg(json_build_object('email', a.email, 'name', a.name, 'kind', a.kind) order by a.created_at, a.email) from attendees a where a.meeting_id = "meetings"."id"), '[]'::json)`,
  provided: sql<ProvidedRef[]>`coalesce((select json_agg(json_build_object('state', p.state, 'externalId', p.external_id, 'joinUrl', p.join_url, 'passcode', p.passcode)) from provider_meetings p where p.meeting_id = "meetings"."id"), '[]'::json)`,
};

type ViewRow = MeetingRow & { host: { id: string; name: string; email: string } | null; people: MeetingView['attendees']; provided: ProvidedRef[] };

function toView(row: ViewRow): MeetingView {
  return {
    id: row.id,
    ecosystemId: row.ecosystemId,
    kind: row.kind,
    title: row.title,
    description: row.description,
    startTime: row.startAt.toISOString(),
    durationMinutes: row.durationMinutes,
    timezone: row.timezone,
    status: row.status,
    sequence: row.sequence,
    host: row.host ?? { id: row.hostUserId, name: '', email: '' },
    createdBy: row.createdBy,
    location: locationOf(row),
    attendees: row.people,
    zoom: zoomView(row, row.provided),
    createdAt: row.createdAt.toISOString(),
  };
}

function zoomView(row: MeetingRow, provided: ProvidedRef[]): MeetingView['zoom'] {
  const live = provided.find((p) => p.state === 'live');
  const leftovers = provided.filter((p) => (p.state === 'orphaned' || p.state === 'failed') && p.externalId).map((p) => p.externalId!);
  return {
    status: row.zoomStatus,
    ...(live?.joinUrl ? { joinUrl: live.joinUrl } : {}),
    ...(live?.externalId ? { meetingId: live.externalId } : {}),
    ...(live?.passcode ? { passcode: live.passcode } : {}),
    ...(row.zoomDetail ? { detail: row.zoomDetail } : {}),
    ...(row.zoomRetryAt ? { retryAt: row.zoomRetryAt.toISOString() } : {}),
    ...(leftovers.length ? { leftoverMeetingIds: leftovers } : {}),
  };
}

/** The whole record, for jobs and mails (not for responses: use `getMeetingForUser`). */
export async function loadMeetingView(db: Db, meetingId: string): Promise<MeetingView> {
  const [row] = await db.select(viewColumns).from(meetings).where(eq(meetings.id, meetingId));
  if (!row) throw new NotFoundError('meeting');
  return toView(row);
}

export function viewerOf(membership: Membership, user: { email: string }): Viewer {
  return { userId: membership.userId, email: user.email.toLowerCase(), role: membership.role };
}

export function accessTo(viewer: Viewer, meeting: MeetingView): RecordAccess {
  return recordAccess(viewer, {
    kind: meeting.kind,
    hostUserId: meeting.host.id,
    createdBy: meeting.createdBy,
    attendeeEmails: meeting.attendees.map((a) => a.email),
  });
}

/** The record cut to what `access` allows: other people's entries and join details removed. */
export function viewFor(meeting: MeetingView, access: RecordAccess, viewer: Viewer): MeetingView {
  // Written out key by key (no rest/spread of the zoom object): this runs for every record of
  // every list answer.
  const all = meeting.zoom;
  const zoom: MeetingView['zoom'] = { status: all.status };
  if (all.retryAt !== undefined) zoom.retryAt = all.retryAt;
  if (access.seeJoinDetails) {
    if (all.joinUrl !== undefined) zoom.joinUrl = all.joinUrl;
    if (all.meetingId !== undefined) zoom.meetingId = all.meetingId;
    if (all.passcode !== undefined) zoom.passcode = all.passcode;
  }
  if (access.seeProviderDetails) {
    if (all.detail !== undefined) zoom.detail = all.detail;
    if (all.leftoverMeetingIds !== undefined) zoom.leftoverMeetingIds = all.leftoverMeetingIds;
  }
  return {
    ...meeting,
    attendees: access.seeEveryone ? meeting.attendees : meeting.attendees.filter((a) => a.email === viewer.email),
    zoom,
  };
}

/**
 * A record as the user may see it, with their membership and access; NotFound when the record
 * is in an ecosystem they are not in, or is one they may not see (SPEC §2: as a foreign id).
 */
export async function getMeetingForUser(
  db: Db,
  user: { id: string; email: string },
  meetingId: string,
): Promise<{ meeting: MeetingView; membership: Membership; access: RecordAccess; viewer: Viewer }> {
  if (!isUuid(meetingId)) throw new NotFoundError('meeting');
  const [row] = await db.select(viewColumns).from(meetings).where(eq(meetings.id, meetingId));
  const membership = row ? await findMembership(db, user.id, row.ecosystemId) : undefined;
  if (!row || !membership) throw new NotFoundError('meeting');
  const view = toView(row);
  const viewer = viewerOf(membership, user);
  const access = accessTo(viewer, view);
  if (!access.see) throw new NotFoundError('meeting');
  return { meeting: viewFor(view, access, viewer), membership, access, viewer };
}

/** The ecosystem's records this member may see, each cut to their access. */
export async function listMeetingsFor(db: Db, membership: Membership, user: { email: string }): Promise<MeetingView[]> {
  const viewer = viewerOf(membership, user);
  const rows = await db
    .select(viewColumns)
    .from(meetings)
    .where(and(eq(meetings.ecosystemId, membership.ecosystemId), visibleRecordsWhere(viewer)))
    .orderBy(asc(meetings.startAt));
  return rows.map((row) => {
    const view = toView(row);
    return viewFor(view, accessTo(viewer, view), viewer);
  });
}

/**
 * The same for a person named by id, with the membership check in the same statement: the
 * records come joined to the person's membership row, and the visibility rule reads its role.
 * Only when no row comes back is the membership read on its own, to tell "not a member" (404)
 * from "nothing to see".
 */
export async function listMeetingsForPerson(db: Db, user: { id: string; email: string }, ecosystemId: string): Promise<MeetingView[]> {
  if (!isUuid(ecosystemId)) throw new NotFoundError('ecosystem');
  const email = user.email.toLowerCase();
  const rows = await db
    .select({ ...viewColumns, viewerRole: memberships.role })
    .from(meetings)
    .innerJoin(memberships, and(eq(memberships.ecosystemId, meetings.ecosystemId), eq(memberships.userId, user.id)))
    .where(and(eq(meetings.ecosystemId, ecosystemId), visibleRecordsWhereRoleIn(memberships.role, { userId: user.id, email })))
    .orderBy(asc(meetings.startAt));
  if (rows.length === 0) {
    await requireMembership(db, user.id, ecosystemId);
    return [];
  }
  const viewer: Viewer = { userId: user.id, email, role: rows[0]!.viewerRole };
  return rows.map((row) => {
    const view = toView(row);
    return viewFor(view, accessTo(viewer, view), viewer);
  });
}

export interface HostChoice {
  id: string;
  name: string;
  email: string;
  /** A Zoom record with this host is allowed for this actor (own Zoom, or the host's consent). */
  zoomAllowed: boolean;
}

/** The people this member may name as host for `kind`, for the create forms' host picker. */
export async function listPossibleHosts(db: Db, actor: Membership, kind: MeetingKind): Promise<HostChoice[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, zoomForOthers: memberships.zoomForOthers })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ecosystemId, actor.ecosystemId), inArray(memberships.role, ['host', 'admin'])))
    .orderBy(asc(users.name));
  return rows
    .filter((h) => mayNameHost(actor, kind, { userId: h.id, role: h.role }).ok)
    .map((h) => ({ id: h.id, name: h.name, email: h.email, zoomAllowed: !needsHostZoomConsent(actor, h.id) || h.zoomForOthers }));
}
