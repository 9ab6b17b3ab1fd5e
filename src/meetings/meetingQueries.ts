/** Reading meeting records, always scoped to an ecosystem the reader belongs to (SPEC §2). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { attendees, meetings, memberships, providerMeetings, users, type MeetingKind, type ZoomStatus } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { findMembership } from '../ecosystems/ecosystems.ts';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** Loads a record the user may see, with the user's membership in its ecosystem; else NotFound. */
export async function getMeetingForUser(
  db: Db,
  userId: string,
  meetingId: string,
): Promise<{ meeting: MeetingView; membership: Membership }> {
  if (!UUID.test(meetingId)) throw new NotFoundError('meeting');
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  const membership = row ? await findMembership(db, userId, row.ecosystemId) : undefined;
  if (!row || !membership) throw new NotFoundError('meeting');
  const [view] = await toViews(db, [row]);
  return { meeting: view!, membership };
}

export async function listMeetings(db: Db, ecosystemId: string): Promise<MeetingView[]> {
  const rows = await db.select().from(meetings).where(eq(meetings.ecosystemId, ecosystemId)).orderBy(asc(meetings.startAt));
  return toViews(db, rows);
}

/** Members who may host (role host or admin), for the create forms' host picker. */
export async function listPossibleHosts(db: Db, ecosystemId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ecosystemId, ecosystemId), inArray(memberships.role, ['host', 'admin'])))
    .orderBy(asc(users.name));
}

export function canManage(meeting: MeetingView, membership: Membership): boolean {
  return meeting.host.id === membership.userId || meeting.createdBy === membership.userId || membership.role === 'admin';
}
