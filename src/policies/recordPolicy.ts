/**
 * Who may do what with meeting records (docs/product.md §2) — the one place these rules live. Every read path
 * (API, pages, lists, the record page) and every write path (create, cancel, reschedule, register)
 * asks here; nothing re-checks a rule of its own. One rule per function, each a few lines, so a
 * reviewer can read the whole policy against docs/product.md.
 *
 * Visibility comes in two forms that must agree: `recordAccess` (for one loaded record) and
 * `visibleRecordsWhere` (the same `see` rule as SQL, so lists are filtered by the database).
 * test/recordPolicy.test.ts checks that they agree on generated records.
 */
import { and, eq, or, sql, type SQL } from '../db/orm.ts';
import { attendees, meetings, type MeetingKind, type Role } from '../db/schema.ts';
import { ALLOWED, type Decision, refusal } from './decision.ts';

/** The person asking, with their role in the record's ecosystem. */
export interface Viewer {
  userId: string;
  /** The account's email (lower-cased): attendees and registrants are matched by it. */
  email: string;
  role: Role;
}

export interface RecordFacts {
  kind: MeetingKind;
  hostUserId: string;
  createdBy: string;
  /** Emails on the record: attendees of bookings/sessions, registrants of events. */
  attendeeEmails: readonly string[];
}

export interface RecordAccess {
  /** The record exists for this viewer; otherwise it answers 404, exactly like a foreign id. */
  see: boolean;
  /** Cancel; sees everything on the record. */
  manage: boolean;
  /** Move to a new time (those who manage it and are members of its ecosystem). */
  reschedule: boolean;
  /** Register themselves for an event (members of its ecosystem). */
  register: boolean;
  /** The join URL, meeting id and passcode. */
  seeJoinDetails: boolean;
  /** Every attendee / registrant; otherwise only the viewer's own entry. */
  seeEveryone: boolean;
  /** The Zoom state's explanation and leftover meeting ids (host-facing details). */
  seeProviderDetails: boolean;
  /** Register someone other than themselves for an event. */
  registerOthers: boolean;
}

const NOTHING: RecordAccess = {
  see: false,
  manage: false,
  reschedule: false,
  register: false,
  seeJoinDetails: false,
  seeEveryone: false,
  seeProviderDetails: false,
  registerOthers: false,
};
const EVERYTHING: RecordAccess = {
  see: true,
  manage: true,
  reschedule: true,
  register: true,
  seeJoinDetails: true,
  seeEveryone: true,
  seeProviderDetails: true,
  registerOthers: true,
};

/** The host, the creator and the ecosystem's admins manage a record (and see all of it). */
export function managesRecord(viewer: Viewer, record: Pick<RecordFacts, 'hostUserId' | 'createdBy'>): boolean {
  return viewer.role === 'admin' || record.hostUserId === viewer.userId || record.createdBy === viewer.userId;
}

export function recordAccess(viewer: Viewer, record: RecordFacts): RecordAccess {
  if (managesRecord(viewer, record)) return EVERYTHING;
  const listed = record.attendeeEmails.includes(viewer.email);
  if (record.kind === 'event') {
    // Every member sees the event; a registrant also sees the join URL and their registration.
    return { ...NOTHING, see: true, register: true, seeJoinDetails: listed };
  }
  // Bookings and mentorship sessions exist only for the people on them.
  return listed ? { ...NOTHING, see: true, seeJoinDetails: true, seeEveryone: true } : NOTHING;
}

/**
 * What a record shows someone who is not (or no longer) a member of its ecosystem: a host who left
 * keeps seeing the records they host there, with everything on them, and may cancel them (docs/product.md
 * §2) — but not move them or register anyone: that is the ecosystem's business now. Anyone else:
 * nothing (404).
 */
export function formerMemberAccess(person: { userId: string }, record: Pick<RecordFacts, 'hostUserId'>): RecordAccess {
  if (record.hostUserId !== person.userId) return NOTHING;
  return { ...EVERYTHING, reschedule: false, register: false, registerOthers: false };
}

/** `recordAccess(...).see` as SQL over `meetings`, for lists. Caller also scopes the ecosystem. */
export function visibleRecordsWhere(viewer: Viewer): SQL {
  if (viewer.role === 'admin') return sql`true`;
  return seenByMemberWhere(viewer);
}

/** Who the viewer is, as values or as SQL read in the same statement (e.g. from their session). */
interface ViewerInSql {
  userId: string | SQL;
  /** Lower-cased. */
  email: string | SQL;
}

/** What a member (not an admin) sees: events, records they host or created, records they are on. */
function seenByMemberWhere(viewer: ViewerInSql): SQL {
  return or(
    eq(meetings.kind, 'event'),
    eq(meetings.hostUserId, viewer.userId),
    eq(meetings.createdBy, viewer.userId),
    sql`exists (select 1 from ${attendees} where ${and(eq(attendees.meetingId, meetings.id), eq(attendees.email, viewer.email))})`,
  )!;
}

/**
 * The same rule with the viewer's role read in the same statement (`role`: their membership's
 * role), so a list can check the session, the membership and filter the records in one query.
 */
export function visibleRecordsWhereRoleIn(role: SQL, viewer: ViewerInSql): SQL {
  return or(eq(role, 'admin'), seenByMemberWhere(viewer))!;
}

/** Hosts and admins create sessions and events; anyone in the ecosystem may book. */
export function mayCreateKind(actor: Pick<Viewer, 'role'>, kind: MeetingKind): Decision {
  if (kind === 'booking' || actor.role !== 'member') return ALLOWED;
  return refusal(403, 'not_host', 'access.createKind');
}

/**
 * Who may name whom as host (docs/product.md §2): yourself if your role is host or admin; a member whose
 * role is host, for a booking; admins name any host or admin for any kind. `host` is undefined
 * when the person is not a member of the ecosystem (an invitation not yet accepted counts as not).
 */
export function mayNameHost(
  actor: Pick<Viewer, 'userId' | 'role'>,
  kind: MeetingKind,
  host: { userId: string; role: Role } | undefined,
): Decision {
  if (!host) {
    return refusal(400, 'invalid_host', 'codes.invalid_host');
  }
  if (host.userId === actor.userId) {
    if (actor.role !== 'member') return ALLOWED;
    return refusal(400, 'invalid_host', 'access.membersDoNotHost');
  }
  if (actor.role === 'admin' && host.role !== 'member') return ALLOWED;
  if (kind === 'booking' && host.role === 'host') return ALLOWED;
  if (host.role === 'member') {
    return refusal(400, 'invalid_host', 'access.hostMustHost');
  }
  return refusal(
    403,
    'host_not_allowed',
    kind === 'booking' ? 'access.bookHostsOnly' : 'access.adminSchedulesForOthers',
  );
}

/**
 * A Zoom record on someone else's Zoom needs that host's consent in this ecosystem (docs/product.md §2,
 * src/web/pages/helpPage.ts "Only actions you authorize"). Your own records always use your Zoom.
 */
export function needsHostZoomConsent(actor: Pick<Viewer, 'userId'>, hostUserId: string): boolean {
  return actor.userId !== hostUserId;
}

/** The host of a Zoom meeting about to be made, as they are in the record's ecosystem now. */
export interface ZoomHost {
  userId: string;
  name: string;
  /** Their membership now; undefined when they are not (or no longer) a member. */
  membership: { role: Role; zoomForOthers: boolean } | undefined;
}

/**
 * Whether `actor` may put a new meeting on `host`'s Zoom — asked every time one is made: creating
 * a Zoom record, rescheduling one (Zoom gets a new meeting, docs/product.md §4.5), or approving on someone's
 * behalf. Your own Zoom is yours. Anyone else's needs, *now*, the host's membership as someone who
 * hosts and their "Let members schedule Zoom meetings with me" in this ecosystem: after the host
 * turns it off, is made a plain member or leaves, nobody else can make a meeting on their Zoom.
 */
export function mayPutMeetingOnHostsZoom(actor: Pick<Viewer, 'userId'>, host: ZoomHost): Decision {
  if (!needsHostZoomConsent(actor, host.userId)) return ALLOWED;
  const refuse = (why: 'access.zoomHostLeft' | 'access.zoomHostNoLongerHosts' | 'access.zoomHostNotAllowed') =>
    refusal(422, 'zoom_not_allowed_by_host', why, { host: host.name });
  if (!host.membership) return refuse('access.zoomHostLeft');
  if (host.membership.role === 'member') return refuse('access.zoomHostNoLongerHosts');
  if (!host.membership.zoomForOthers) return refuse('access.zoomHostNotAllowed');
  return ALLOWED;
}

/** A member registers only themselves for an event; whoever manages it may register others. */
export function mayRegister(viewer: Viewer, access: RecordAccess, email: string): Decision {
  if (!access.register) {
    return refusal(403, 'not_a_member', 'codes.not_a_member');
  }
  if (email === viewer.email || access.registerOthers) return ALLOWED;
  return refusal(403, 'register_self_only', 'codes.register_self_only');
}

/** Hosts publish when they can be booked (docs/product.md §12.2); members book, admins are not booked. */
export function mayPublishAvailability(actor: Pick<Viewer, 'role'>): Decision {
  if (actor.role === 'host') return ALLOWED;
  return refusal(403, 'not_host', 'access.publishAvailability');
}

/**
 * Whether a record must be one of the host's listed slots (docs/product.md §12.4): a booking made by
 * someone else than its host, unless an admin makes it. Hosts and admins schedule their own and
 * others' time freely — but never overlapping, which the database guarantees for everyone.
 */
export function mustBeListedSlot(actor: Pick<Viewer, 'userId' | 'role'>, hostUserId: string): boolean {
  return actor.userId !== hostUserId && actor.role !== 'admin';
}

/**
 * Who answers a booking that waits for approval (docs/product.md §13.3): only its host — not an
 * admin, not the person who booked (who may cancel it instead).
 */
export function mayAnswerRequest(actor: Pick<Viewer, 'userId'>, hostUserId: string): Decision {
  if (actor.userId === hostUserId) return ALLOWED;
  return refusal(403, 'not_host', 'access.answerRequest');
}
