/**
 * Reading meeting records. What a person gets is decided by src/policies/recordPolicy.ts (SPEC §2):
 * lists are filtered by its SQL rule, one record by its access rule, and every view handed to a
 * person is cut to that access here (`viewFor`). `loadMeetingView` is the whole record, for the
 * system's own use (jobs and mails), never for a response.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { attendees, meetings, memberships, providerMeetings, users, type MeetingKind, type ZoomStatus } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { findMembership } from '../ecosystems/ecosystems.ts';
import { mayNameHost, needsHostZoomConsent, recordAccess, visibleRecordsWhere, type RecordAccess, type Viewer } from '../policies/recordPolicy.ts';
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

async function toViews(db: Db, rows: MeetingRow[]): Promise<MeetingView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const hostIds = [...new Set(rows.map((r) => r.hostUserId))];
  const hosts = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, hostIds));
  const provided = await db
    .select()
    .from(providerMeetings)
    .where(inArray(providerMeetings.meetingId, ids));
  const people = await db
    .select({ meetingId: attendees.meetingId, email: attendees.email, name: attendees.name, kind: attendees.kind })
    .from(attendees)
    .where(inArray(attendees.meetingId, ids))
    .orderBy(asc(attendees.createdAt), asc(attendees.email));
  return rows.map((row) => {
    const host = hosts.find((h) => h.id === row.hostUserId) ?? { id: row.hostUserId, name: '', email: '' };
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
      host,
      createdBy: row.createdBy,
      location: locationOf(row),
      attendees: people.filter((p) => p.meetingId === row.id).map(({ email, name, kind }) => ({ email, name, kind })),
      zoom: zoomView(row, provided.filter((p) => p.meetingId === row.id)),
      createdAt: row.createdAt.toISOString(),
    };
  });
}

function zoomView(row: MeetingRow, provided: (typeof providerMeetings.$inferSelect)[]): MeetingView['zoom'] {
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
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!row) throw new NotFoundError('meeting');
  const [view] = await toViews(db, [row]);
  return view!;
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
  const { joinUrl, meetingId, passcode, detail, leftoverMeetingIds, ...state } = meeting.zoom;
  return {
    ...meeting,
    attendees: access.seeEveryone ? meeting.attendees : meeting.attendees.filter((a) => a.email === viewer.email),
    zoom: {
      ...state,
      ...(access.seeJoinDetails ? definedOnly({ joinUrl, meetingId, passcode }) : {}),
      ...(access.seeProviderDetails ? definedOnly({ detail, leftoverMeetingIds }) : {}),
    },
  };
}

function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
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
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  const membership = row ? await findMembership(db, user.id, row.ecosystemId) : undefined;
  if (!row || !membership) throw new NotFoundError('meeting');
  const [view] = await toViews(db, [row]);
  const viewer = viewerOf(membership, user);
  const access = accessTo(viewer, view!);
  if (!access.see) throw new NotFoundError('meeting');
  return { meeting: viewFor(view!, access, viewer), membership, access, viewer };
}

/** The ecosystem's records this member may see, each cut to their access. */
export async function listMeetingsFor(db: Db, membership: Membership, user: { email: string }): Promise<MeetingView[]> {
  const viewer = viewerOf(membership, user);
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.ecosystemId, membership.ecosystemId), visibleRecordsWhere(viewer)))
    .orderBy(asc(meetings.startAt));
  return (await toViews(db, rows)).map((view) => viewFor(view, accessTo(viewer, view), viewer));
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
