/**
 * Reading meeting records. What a person gets is decided by src/policies/recordPolicy.ts (docs/product.md §2):
 * lists are filtered by its SQL rule, one record by its access rule, and every view handed to a
 * person is cut to that access here (`viewFor`). `loadMeetingView` is the whole record, for the
 * system's own use (jobs and mails), never for a response.
 */
import { eq, sql, type SQL } from '../db/orm.ts';
import type { Queries } from '../db/client.ts';
import { statementFromSql } from '../db/statement.ts';
import {
  meetings,
  type providerMeetings,
  type MeetingKind,
  type MeetingStatus,
  type RegistrationStatus,
  type Role,
  type ZoomStatus,
} from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { findMembership } from '../ecosystems/ecosystems.ts';
import { formerMemberAccess, recordAccess, type RecordAccess, type Viewer } from '../policies/recordPolicy.ts';
import { isUuid } from '../db/ids.ts';

export type LocationView = { type: 'zoom' } | { type: 'in_person'; address: string } | { type: 'link'; url: string };

export interface MeetingView {
  id: string;
  ecosystemId: string;
  kind: MeetingKind;
  title: string;
  description: string;
  startTime: string;
  durationMinutes: number;
  timezone: string;
  status: MeetingStatus;
  /** The reason given when it was declined or cancelled (docs/product.md §13), if any. */
  statusReason?: string;
  /** A `requested` booking not answered by then expires (docs/product.md §13.3). */
  requestExpiresAt?: string;
  sequence: number;
  /** The host's email only for those who see everyone on the record (docs/product.md §2: emails are not for every member). */
  host: { id: string; name: string; email?: string };
  createdBy: string;
  location: LocationView;
  /**
   * The people on it in the order they were added; a registrant with a seat or waiting at
   * `position` for one (docs/product.md §14). People who left are not listed.
   */
  attendees: AttendeeView[];
  /** An event's seats (none: no limit). */
  capacity?: number;
  /** When an event's registration closes (its start unless set earlier). */
  registrationClosesAt?: string;
  /** An event's seats taken and people waiting, for those who see its registrants. */
  seats?: { registered: number; waitlisted: number };
  /** An event with a capacity whose seats are all taken (new registrations join the waitlist). */
  full?: boolean;
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

export interface AttendeeView {
  id: string;
  email: string;
  name: string;
  kind: 'attendee' | 'registrant';
  status: RegistrationStatus;
  /** For someone waitlisted: their place in the queue, 1 first. */
  position?: number;
}

type MeetingRow = typeof meetings.$inferSelect;

export function locationOf(row: Pick<MeetingRow, 'locationType' | 'locationAddress' | 'locationUrl'>): LocationView {
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

/** The record columns a view is made of (see `selectViews`). */
type ViewRecord = Pick<
  MeetingRow,
  | 'id'
  | 'ecosystemId'
  | 'kind'
  | 'title'
  | 'description'
  | 'startAt'
  | 'durationMinutes'
  | 'timezone'
  | 'status'
  | 'statusReason'
  | 'requestExpiresAt'
  | 'capacity'
  | 'registrationClosesAt'
  | 'sequence'
  | 'hostUserId'
  | 'createdBy'
  | 'locationType'
  | 'locationAddress'
  | 'locationUrl'
  | 'zoomStatus'
  | 'zoomDetail'
  | 'zoomRetryAt'
  | 'createdAt'
>;

type ViewRow = ViewRecord & {
  host: { id: string; name: string; email: string } | null;
  people: MeetingView['attendees'];
  provided: ProvidedRef[];
  /** With a `viewer` join: who reads, and their role, read in the same statement. */
  viewerRole?: Role | undefined;
  viewerId?: string | undefined;
  viewerEmail?: string | undefined;
};

/**
 * Records with what their views need from other tables, in one statement: the host joined, the
 * attendees (in the order they were added) and the provider meetings as JSON arrays of arrays.
 *
 * Written as SQL and mapped by hand rather than through drizzle's select: a list of 100 records
 * is 2,500 fields, and drizzle's per-field decoding is a large share of the list's CPU. A JSON
 * object per host, attendee and provider meeting (`json_build_object`) costs the database more
 * than this shape does. See docs/performance.md for the current numbers. Conditions are still
 * drizzle's (`where`, `join`), so the policy's rule stays the one SQL rule.
 */
export function viewsSql(query: {
  where: SQL;
  viewer?: { joins: SQL; role: SQL; id: SQL; email: SQL };
  orderByStart?: boolean;
}): SQL {
  return sql`
    select "meetings"."id", "meetings"."ecosystem_id", "meetings"."kind", "meetings"."title", "meetings"."description",
      "meetings"."start_at", "meetings"."duration_minutes", "meetings"."timezone", "meetings"."status", "meetings"."sequence",
      "meetings"."host_user_id", "meetings"."created_by", "meetings"."location_type", "meetings"."location_address",
      "meetings"."location_url", "meetings"."zoom_status", "meetings"."zoom_detail", "meetings"."zoom_retry_at", "meetings"."created_at",
      "meetings"."status_reason", "meetings"."request_expires_at", "meetings"."capacity", "meetings"."registration_closes_at",
      host.name as host_name, host.email as host_email,
      (select json_agg(json_build_array(a.email, a.name, a.kind, a.id, a.status, a.position) order by a.created_at, a.email)
        from attendees a where a.meeting_id = "meetings"."id") as people,
      (select json_agg(json_build_array(p.state, p.external_id, p.join_url, p.passcode))
        from provider_meetings p where p.meeting_id = "meetings"."id") as provided
      ${query.viewer ? sql`, ${query.viewer.role} as viewer_role, ${query.viewer.id} as viewer_id, ${query.viewer.email} as viewer_email` : sql``}
    from "meetings" left join users host on host.id = "meetings"."host_user_id"
      ${query.viewer ? query.viewer.joins : sql``}
    where ${query.where}
    ${query.orderByStart ? sql`order by "meetings"."start_at" asc` : sql``}`;
}

export async function selectViews(db: Queries, query: Parameters<typeof viewsSql>[0]): Promise<ViewRow[]> {
  return (await db.query(viewsSql(query))).map(fromSql);
}

/** One record's view by id: declared once, since every booking and record page reads it. */
const viewById = statementFromSql<Record<string, unknown>, { id: string }>('record_view_by_id', (input) =>
  viewsSql({ where: eq(meetings.id, input('id')) }),
);

async function selectViewById(db: Queries, id: string): Promise<ViewRow[]> {
  return (await db.run(viewById.statement, viewById.values({ id }))).map(fromSql);
}

const asDate = (value: unknown) => (value instanceof Date ? value : new Date(value as string));

type PersonTuple = [
  email: string,
  name: string,
  kind: 'attendee' | 'registrant',
  id: string,
  status: RegistrationStatus,
  position: number | null,
];
type ProvidedTuple = [
  state: ProvidedRef['state'],
  externalId: string | null,
  joinUrl: string | null,
  passcode: string | null,
];

export function fromSql(r: Record<string, unknown>): ViewRow {
  const people = (r.people as PersonTuple[] | null) ?? [];
  const provided = (r.provided as ProvidedTuple[] | null) ?? [];
  return {
    id: r.id as string,
    ecosystemId: r.ecosystem_id as string,
    kind: r.kind as MeetingKind,
    title: r.title as string,
    description: r.description as string,
    startAt: asDate(r.start_at),
    durationMinutes: Number(r.duration_minutes),
    timezone: r.timezone as string,
    status: r.status as MeetingRow['status'],
    statusReason: (r.status_reason as string | null) ?? null,
    requestExpiresAt: r.request_expires_at == null ? null : asDate(r.request_expires_at),
    capacity: r.capacity == null ? null : Number(r.capacity),
    registrationClosesAt: r.registration_closes_at == null ? null : asDate(r.registration_closes_at),
    sequence: Number(r.sequence),
    hostUserId: r.host_user_id as string,
    createdBy: r.created_by as string,
    locationType: r.location_type as MeetingRow['locationType'],
    locationAddress: (r.location_address as string | null) ?? null,
    locationUrl: (r.location_url as string | null) ?? null,
    zoomStatus: r.zoom_status as ZoomStatus,
    zoomDetail: (r.zoom_detail as string | null) ?? null,
    zoomRetryAt: r.zoom_retry_at == null ? null : asDate(r.zoom_retry_at),
    createdAt: asDate(r.created_at),
    host:
      r.host_name == null
        ? null
        : { id: r.host_user_id as string, name: r.host_name as string, email: r.host_email as string },
    people: people.map(([email, name, kind, id, status, position]) =>
      position == null ? { id, email, name, kind, status } : { id, email, name, kind, status, position },
    ),
    provided: provided.map(([state, externalId, joinUrl, passcode]) => ({ state, externalId, joinUrl, passcode })),
    ...(r.viewer_role
      ? { viewerRole: r.viewer_role as Role, viewerId: r.viewer_id as string, viewerEmail: r.viewer_email as string }
      : {}),
  };
}

export function toView(row: ViewRow): MeetingView {
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
    ...(row.statusReason ? { statusReason: row.statusReason } : {}),
    ...(row.requestExpiresAt ? { requestExpiresAt: row.requestExpiresAt.toISOString() } : {}),
    ...(row.capacity != null ? { capacity: row.capacity } : {}),
    ...(row.kind === 'event' ? eventFields(row) : {}),
    sequence: row.sequence,
    host: row.host ?? { id: row.hostUserId, name: '', email: '' },
    createdBy: row.createdBy,
    location: locationOf(row),
    attendees: row.people,
    zoom: zoomView(row, row.provided),
    createdAt: row.createdAt.toISOString(),
  };
}

function eventFields(row: ViewRow) {
  const registered = row.people.filter((p) => p.kind === 'registrant' && p.status === 'registered').length;
  const waitlisted = row.people.filter((p) => p.status === 'waitlisted').length;
  return {
    registrationClosesAt: (row.registrationClosesAt ?? row.startAt).toISOString(),
    seats: { registered, waitlisted },
    full: row.capacity != null && (registered >= row.capacity || waitlisted > 0),
  };
}

function zoomView(
  row: Pick<MeetingRow, 'zoomStatus' | 'zoomDetail' | 'zoomRetryAt'>,
  provided: ProvidedRef[],
): MeetingView['zoom'] {
  const live = provided.find((p) => p.state === 'live');
  const leftovers = provided
    .filter((p) => (p.state === 'orphaned' || p.state === 'failed') && p.externalId)
    .map((p) => p.externalId!);
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
export async function loadMeetingView(db: Queries, meetingId: string): Promise<MeetingView> {
  const [row] = await selectViewById(db, meetingId);
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
    // Someone waiting for a seat is not on the event yet: no join details (docs/product.md §14).
    attendeeEmails: meeting.attendees.filter((a) => a.status !== 'waitlisted').map((a) => a.email),
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
  const { seats, ...rest } = meeting;
  return {
    ...rest,
    // How many registered and wait, for those who see the registrants; `full` is for everyone.
    ...(seats && access.seeEveryone ? { seats } : {}),
    host: access.seeEveryone ? meeting.host : { id: meeting.host.id, name: meeting.host.name },
    attendees: access.seeEveryone ? meeting.attendees : meeting.attendees.filter((a) => a.email === viewer.email),
    zoom,
  };
}

/**
 * A record as the user may see it, with their membership and access; NotFound when the record
 * is in an ecosystem they are not in, or is one they may not see (docs/product.md §2: as a foreign id). A
 * host who left the ecosystem still gets the records they host there (`membership` undefined).
 */
export async function getMeetingForUser(
  db: Queries,
  user: { id: string; email: string },
  meetingId: string,
): Promise<{ meeting: MeetingView; membership: Membership | undefined; access: RecordAccess; viewer: Viewer }> {
  if (!isUuid(meetingId)) throw new NotFoundError('meeting');
  const [row] = await selectViews(db, { where: eq(meetings.id, meetingId) });
  if (!row) throw new NotFoundError('meeting');
  const membership = await findMembership(db, user.id, row.ecosystemId);
  const view = toView(row);
  const viewer = membership
    ? viewerOf(membership, user)
    : { userId: user.id, email: user.email.toLowerCase(), role: 'member' as const };
  const access = membership ? accessTo(viewer, view) : formerMemberAccess(viewer, { hostUserId: view.host.id });
  if (!access.see) throw new NotFoundError('meeting');
  return { meeting: viewFor(view, access, viewer), membership, access, viewer };
}

/** Rows as views, each cut to what `viewer` may see of it. */
export function viewsFor(rows: ViewRow[], viewer: Viewer): MeetingView[] {
  return rows.map((row) => {
    const view = toView(row);
    return viewFor(view, accessTo(viewer, view), viewer);
  });
}
