/**
 * Use cases on meeting records: create, cancel, reschedule, register. Each commits the record
 * change together with the jobs it implies (mail, provider meeting) in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from '../db/orm.ts';
import type { Db, Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { attendees, meetings, memberships, providerMeetings, users, zoomRecordsByOthers } from '../db/schema.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnprocessableError,
  ValidationError,
} from '../errors.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { findSessionMembership, type Membership } from '../ecosystems/ecosystems.ts';
import { normalizeEmail } from '../auth/accounts.ts';
import { uuidOrNil } from '../db/ids.ts';
import { enforce } from '../policies/decision.ts';
import { mayCreateKind, mayNameHost, mayRegister, needsHostZoomConsent } from '../policies/recordPolicy.ts';
import { formatWhen } from '../mail/renderMeetingMail.ts';
import type { CreateMeetingInput, RegistrationInput, RescheduleInput } from './meetingInput.ts';
import type { MeetingProvider } from './provider.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './providerJobs.ts';
import { getMeetingForUser, loadMeetingView } from './meetingQueries.ts';
import { notifyAttendees, notifyHost } from './notifyAttendees.ts';
import { nextUtcMidnight, utcDay } from '../utcDay.ts';
import { lengthWarning, type MeetingWarning } from './meetingWarnings.ts';
import { claimNewRecord, settleNewClaim, type ProvisionAttempt } from './provisionClaim.ts';

export interface MeetingDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'discard'>;
  provider: MeetingProvider;
  appBaseUrl: string;
  /** Zoom records one person may create per UTC day on someone else's Zoom (docs/product.md §2; default 10). */
  zoomRecordsForOthersPerDay: number;
  /** The app's clock (the jobs' clock: a claim counts against the host's UTC day by it). */
  now: () => Date;
}

/** The signed-in person acting. */
export interface Actor {
  id: string;
  name: string;
  email: string;
}

const secondsUntilUtcMidnight = (now: Date) =>
  Math.max(1, Math.ceil((nextUtcMidnight(now).getTime() - now.getTime()) / 1000));

/**
 * Creates a record. Who may name whom as host, and whether the host's Zoom may be used, is the
 * policy's (src/policies/recordPolicy.ts); a Zoom record on someone else's Zoom also counts
 * against that person's daily allowance for the host and mails the host.
 */
/**
 * Who creates: a membership already read with its user (pages), or a session named by its token
 * hash and the ecosystem (the JSON API): the session, the user and the membership are then read by
 * one statement inside the create's transaction (401 without a live session, 404 for an
 * ecosystem the user is not in), so the request makes no separate read and commit for them.
 */
export type Creator =
  | { membership: Membership; user: Actor }
  | { sessionTokenHash: string | undefined; ecosystemId: string };

/** A record just created; `attempt` when the request may call the provider at once (docs/product.md §4.1). */
export interface CreatedMeeting {
  id: string;
  /** The creator's membership, as read in the create's transaction. */
  membership: Membership;
  /** The creator, as read with it. */
  user: Actor;
  attempt?: ProvisionAttempt | undefined;
  warnings: MeetingWarning[];
}

const insertRecord = statement(
  'insert_meeting_record',
  `insert into meetings (id, ecosystem_id, kind, title, description, start_at, duration_minutes, timezone, host_user_id,
     created_by, location_type, location_address, location_url, zoom_status)
   values ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7::integer, $8, $9::uuid, $10::uuid, $11, $12, $13, $14)`,
);

/** A record's attendees, in the order given: ids and emails as two arrays of the same length. */
const insertAttendees = statement(
  'insert_meeting_attendees',
  `insert into attendees (id, meeting_id, ecosystem_id, email, kind)
   select person.id, $2::uuid, $3::uuid, person.email, $5
   from unnest($1::uuid[], $4::text[]) with ordinality as person(id, email, position)
   order by person.position`,
);

export async function createMeeting(
  deps: MeetingDeps,
  creator: Creator,
  input: CreateMeetingInput,
): Promise<CreatedMeeting> {
  const emails = [...new Set((input.attendeeEmails ?? []).map(normalizeEmail))];
  const id = randomUUID();
  const now = deps.now();
  if ('sessionTokenHash' in creator && !creator.sessionTokenHash) throw new UnauthenticatedError();
  // One transaction reads what the checks need (the session and membership too, when only the
  // session is named), writes the record and, for Zoom, claims its create; a refusal rolls it all
  // back.
  const created = await deps.db.transaction(async (tx) => {
    const zoom = input.location.type === 'zoom';
    // The reads the checks need are issued together (one round trip on PostgreSQL): who creates
    // and, when the input names the host, the host's membership and Zoom connection. When it does
    // not, the creator hosts (unless a member): their membership comes with the session read, and
    // their Zoom connection is read alongside when we know who they are (a session seen before:
    // `sessionUsers`; a guess the session read confirms or discards). They are only reads; the
    // checks below still decide in their own order.
    const ecosystemId = 'membership' in creator ? creator.membership.ecosystemId : creator.ecosystemId;
    const named = input.hostUserId;
    const readHost = (hostUserId: string) =>
      Promise.all([
        findHost(tx, ecosystemId, hostUserId),
        zoom ? deps.provider.checkHost(tx, hostUserId) : undefined,
      ] as const);
    const guess = named
      ? undefined
      : 'membership' in creator
        ? creator.membership.userId
        : sessionUsers.get(creator.sessionTokenHash!);
    const [{ membership, user }, namedHost, guessedReadiness] = await Promise.all([
      'membership' in creator ? creator : sessionCreator(tx, creator.sessionTokenHash!, creator.ecosystemId),
      named ? readHost(named) : undefined,
      guess && zoom ? deps.provider.checkHost(tx, guess) : undefined,
    ] as const);
    if (!('membership' in creator)) rememberSessionUser(creator.sessionTokenHash!, membership.userId);
    const viewer = { userId: membership.userId, email: normalizeEmail(user.email), role: membership.role };
    enforce(mayCreateKind(viewer, input.kind));
    const hostUserId = named ?? (membership.role === 'member' ? undefined : membership.userId);
    if (!hostUserId) {
      throw new ValidationError('Choose the host to book.', { field: 'hostUserId', code: 'host_required' });
    }
    const [host, readiness] =
      namedHost ??
      ([
        { role: membership.role, zoomForOthers: membership.zoomForOthers, name: user.name },
        !zoom ? undefined : guess === hostUserId ? guessedReadiness : await deps.provider.checkHost(tx, hostUserId),
      ] as const);
    enforce(mayNameHost(viewer, input.kind, host && { userId: hostUserId, role: host.role }), 'hostUserId');
    const onOthersZoom = zoom && needsHostZoomConsent(viewer, hostUserId);
    if (onOthersZoom && !host!.zoomForOthers) {
      throw new UnprocessableError(
        'zoom_not_allowed_by_host',
        `Zoom is not available with ${host!.name}: they have not turned on “Let members schedule Zoom meetings with me” in this ecosystem. Choose another location, or ask them to turn it on.`,
        { field: 'location' },
      );
    }
    let warning: MeetingWarning | undefined;
    if (readiness && !readiness.ok)
      throw new ValidationError(readiness.message, { field: 'location', code: readiness.code });
    if (readiness) warning = lengthWarning(readiness.lengthLimit, input.durationMinutes, host!.name);
    const record = {
      id,
      ecosystemId: membership.ecosystemId,
      kind: input.kind,
      title: input.title,
      description: input.description ?? '',
      startAt: new Date(input.startTime),
      durationMinutes: input.durationMinutes,
      timezone: input.timezone,
      hostUserId,
      createdBy: membership.userId,
      locationType: input.location.type,
      locationAddress: input.location.type === 'in_person' ? input.location.address : null,
      locationUrl: input.location.type === 'link' ? input.location.url : null,
      zoomStatus: zoom ? ('pending' as const) : ('not_applicable' as const),
    };
    // The writes, issued together: the record first (the rows after it refer to it; statements
    // run in the order issued), then its attendees, the count on someone else's Zoom, the host's
    // notice and, for Zoom, the create's claim with its backstop job. Any refusal rolls all back.
    // The count on someone else's Zoom refuses from its answer, so it is awaited here; the rest
    // are the transaction's last writes, checked with its COMMIT (one round trip on PostgreSQL).
    // The record and its attendees are declared statements (every create makes them). Columns
    // not named take their defaults.
    const writes: Promise<unknown>[] = [
      tx.run(insertRecord, [
        record.id,
        record.ecosystemId,
        record.kind,
        record.title,
        record.description,
        record.startAt,
        record.durationMinutes,
        record.timezone,
        record.hostUserId,
        record.createdBy,
        record.locationType,
        record.locationAddress,
        record.locationUrl,
        record.zoomStatus,
      ]),
    ];
    const refusable: Promise<unknown>[] = [];
    if (emails.length > 0) {
      const kind = input.kind === 'event' ? ('registrant' as const) : ('attendee' as const);
      const ids = emails.map(() => randomUUID());
      writes.push(tx.run(insertAttendees, [ids, id, membership.ecosystemId, emails, kind]));
    }
    if (onOthersZoom) {
      refusable.push(countRecordOnOthersZoom(tx, deps, hostUserId, membership.userId, host!.name));
      refusable.push(
        notifyHost(tx, deps, hostUserId, {
          subject: `${user.name} scheduled a Zoom meeting on your Zoom: ${input.title}`,
          paragraphs: [
            `${user.name} (${user.email}) created “${input.title}” in ${membership.ecosystemName} with you as host, on ${formatWhen(new Date(input.startTime), input.durationMinutes, input.timezone)}.`,
            'A Zoom meeting is being created on your connected Zoom account, because you let members schedule Zoom meetings with you in this ecosystem. You can turn that off on Lets Meet → Manage.',
            ...(warning ? [`Note: ${warning.message}`] : []),
          ],
          actionUrl: `${deps.appBaseUrl}/meetings/${id}`,
          actionLabel: 'Open the record',
          meetingId: id,
          ecosystemId: membership.ecosystemId,
        }),
      );
    }
    const claim = readiness?.ok ? claimNewRecord(deps, tx, record, readiness, now) : undefined;
    tx.atCommit(...writes);
    const [pendingClaim] = await Promise.all([claim, ...refusable]);
    if (!zoom) {
      const meeting = await loadMeetingView(tx, id);
      await notifyAttendees(tx, deps, meeting, 'invitation', meeting.attendees);
    }
    return { id, membership, user, pendingClaim, warnings: warning ? [warning] : [] };
  });
  const { pendingClaim, ...rest } = created;
  return { ...rest, attempt: pendingClaim ? await settleNewClaim(deps, pendingClaim) : undefined };
}

/**
 * Who recent sessions belong to, by token hash, so a create can read the creator's Zoom connection
 * in the same round trip as the session. Only a guess for which rows to read: the session read in
 * the same transaction decides who is signed in, and a wrong or stale guess is discarded (a token
 * belongs to one user for its whole life). Bounded; the oldest entries go first.
 */
const sessionUsers = new Map<string, string>();
const MAX_SESSION_USERS = 10_000;

function rememberSessionUser(tokenHash: string, userId: string): void {
  if (sessionUsers.get(tokenHash) === userId) return;
  sessionUsers.set(tokenHash, userId);
  if (sessionUsers.size > MAX_SESSION_USERS) sessionUsers.delete(sessionUsers.keys().next().value!);
}

async function findHost(tx: Tx, ecosystemId: string, hostUserId: string) {
  const [host] = await tx
    .select({ role: memberships.role, zoomForOthers: memberships.zoomForOthers, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ecosystemId, uuidOrNil(ecosystemId)), eq(memberships.userId, hostUserId)));
  return host;
}

async function sessionCreator(
  tx: Tx,
  tokenHash: string,
  ecosystemId: string,
): Promise<{ membership: Membership; user: Actor }> {
  const found = await findSessionMembership(tx, tokenHash, ecosystemId);
  if (!found) throw new UnauthenticatedError();
  if (!found.membership) throw new NotFoundError('ecosystem');
  return { membership: found.membership, user: found.user };
}

/**
 * Counts one Zoom meeting on `hostUserId`'s Zoom caused by `creatorId` today (UTC) — a new record
 * or a reschedule — inside that change's transaction; past the daily allowance it refuses (and the
 * transaction stores nothing).
 * The bounded upsert makes concurrent creates queue on the row, so the limit is exact.
 */
async function countRecordOnOthersZoom(
  tx: Tx,
  deps: MeetingDeps,
  hostUserId: string,
  creatorId: string,
  hostName: string,
): Promise<void> {
  const now = new Date();
  const limit = deps.zoomRecordsForOthersPerDay;
  const counted = await tx
    .insert(zoomRecordsByOthers)
    .values({ hostUserId, creatorUserId: creatorId, utcDay: utcDay(now), creates: 1 })
    .onConflictDoUpdate({
      target: [zoomRecordsByOthers.hostUserId, zoomRecordsByOthers.creatorUserId, zoomRecordsByOthers.utcDay],
      set: { creates: sql`${zoomRecordsByOthers.creates} + 1` },
      setWhere: sql`${zoomRecordsByOthers.creates} < ${limit}`,
    })
    .returning({ creates: zoomRecordsByOthers.creates });
  // At the limit the upsert's WHERE leaves the row alone and returns nothing.
  if (counted.length === 0) {
    throw new TooManyRequestsError(
      `You have scheduled ${limit} Zoom meetings on ${hostName}’s Zoom today, the most one person may in a day. Try again after 00:00 UTC, or choose another location.`,
      secondsUntilUtcMidnight(now),
      'host_booking_limit',
    );
  }
}

async function loadManageable(deps: MeetingDeps, user: { id: string; email: string }, meetingId: string) {
  const loaded = await getMeetingForUser(deps.db, user, meetingId);
  if (!loaded.access.manage) {
    throw new ForbiddenError('not_allowed', 'Only the host, the creator or an ecosystem admin can change this record.');
  }
  if (loaded.meeting.status === 'cancelled') {
    throw new ConflictError('already_cancelled', 'This record is already cancelled.');
  }
  return loaded;
}

/** Cancels a record; attendees get a cancellation, a provider meeting is removed by a job. */
export async function cancelMeeting(
  deps: MeetingDeps,
  user: { id: string; email: string },
  meetingId: string,
): Promise<void> {
  const { meeting } = await loadManageable(deps, user, meetingId);
  await deps.db.transaction(async (tx) => {
    // The status check inside the UPDATE makes two concurrent cancels send one set of mails.
    const updated = await tx
      .update(meetings)
      .set({
        status: 'cancelled',
        cancelledAt: new Date(),
        sequence: sql`${meetings.sequence} + 1`,
        updatedAt: new Date(),
        // A create's Retry-After (an ambiguous create waits 5 minutes) must not hold up the delete,
        // which skips a record whose retry time has not come.
        ...(meeting.location.type === 'zoom' ? { zoomStatus: 'deleting' as const, zoomRetryAt: null } : {}),
      })
      .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'scheduled')))
      .returning({ id: meetings.id });
    if (updated.length === 0) throw new ConflictError('already_cancelled', 'This record is already cancelled.');
    if (meeting.location.type === 'zoom') {
      // Retire the live meeting (or none, if the create is still pending: the provision job then
      // sees the cancellation and drops the create, or retires what it just made).
      await tx
        .update(providerMeetings)
        .set({ state: 'deleting', updatedAt: new Date() })
        .where(and(eq(providerMeetings.meetingId, meetingId), eq(providerMeetings.state, 'live')));
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
    }
    // Read the attendees again now that the UPDATE holds the row lock: a registration that
    // committed since `meeting` was read is told too (registrations take the same lock).
    const cancelled = await loadMeetingView(tx, meetingId);
    await notifyAttendees(tx, deps, cancelled, 'cancellation', cancelled.attendees);
  });
}

/** Moves a record to a new time; attendees get an updated invitation. */
export async function rescheduleMeeting(
  deps: MeetingDeps,
  user: { id: string; email: string },
  meetingId: string,
  input: RescheduleInput,
): Promise<void> {
  const { meeting } = await loadManageable(deps, user, meetingId);
  await deps.db.transaction(async (tx) => {
    if (meeting.location.type === 'zoom' && needsHostZoomConsent({ userId: user.id }, meeting.host.id)) {
      // A reschedule is a new meeting at Zoom (§4.5): done by someone other than the host, it
      // counts like a new record, so rescheduling cannot spend the host's Zoom cap either.
      await countRecordOnOthersZoom(tx, deps, meeting.host.id, user.id, meeting.host.name);
    }
    await tx
      .update(meetings)
      .set({
        startAt: new Date(input.startTime),
        durationMinutes: input.durationMinutes,
        sequence: sql`${meetings.sequence} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, meetingId));
    if (meeting.location.type === 'zoom') {
      // docs/product.md §4.5: the product only creates and deletes at Zoom, so a reschedule retires the old
      // meeting and provisions a new one; attendees are mailed the new link when it exists.
      await tx
        .update(providerMeetings)
        .set({ state: 'deleting', updatedAt: new Date() })
        .where(and(eq(providerMeetings.meetingId, meetingId), eq(providerMeetings.state, 'live')));
      await tx
        .update(meetings)
        .set({ zoomStatus: 'pending', zoomDetail: null, zoomRetryAt: null })
        .where(
          and(
            eq(meetings.id, meetingId),
            inArray(meetings.zoomStatus, [
              'created',
              'pending',
              'waiting_for_reconnect',
              'waiting_for_daily_limit',
              'failed',
            ]),
          ),
        );
      await deps.queue.enqueue(tx, removeProviderMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
      await deps.queue.enqueue(tx, provisionMeetingJob, { meetingId, ecosystemId: meeting.ecosystemId });
    } else {
      const updated = await loadMeetingView(tx, meetingId);
      await notifyAttendees(tx, deps, updated, 'update', updated.attendees);
    }
  });
}

/**
 * Registers someone for an online event until it starts; they get the invitation (with the join
 * URL). A member registers only themselves; whoever manages the event may register others.
 */
export async function registerForEvent(
  deps: MeetingDeps,
  user: { id: string; email: string },
  meetingId: string,
  input: RegistrationInput,
): Promise<void> {
  const { meeting, access, viewer } = await getMeetingForUser(deps.db, user, meetingId);
  if (meeting.kind !== 'event') {
    throw new ValidationError('Only online events take registrations.', { code: 'not_an_event' });
  }
  if (meeting.status === 'cancelled') throw new ConflictError('already_cancelled', 'This event is cancelled.');
  if (Date.parse(meeting.startTime) <= Date.now()) {
    throw new ConflictError('event_started', 'Registration closed when the event started.');
  }
  const email = normalizeEmail(input.email);
  enforce(mayRegister(viewer, access, email), 'email');
  await deps.db.transaction(async (tx) => {
    // The record's row lock orders this registration with a concurrent cancel: either the cancel
    // sees this registrant (and mails them), or this sees the cancellation and refuses.
    const [locked] = await tx
      .select({ status: meetings.status })
      .from(meetings)
      .where(eq(meetings.id, meetingId))
      .for('update');
    if (locked?.status === 'cancelled') throw new ConflictError('already_cancelled', 'This event is cancelled.');
    const inserted = await tx
      .insert(attendees)
      .values({
        id: randomUUID(),
        meetingId,
        ecosystemId: meeting.ecosystemId,
        email,
        name: input.name,
        kind: 'registrant',
      })
      .onConflictDoNothing()
      .returning({ id: attendees.id });
    if (inserted.length === 0) {
      throw new ConflictError('already_registered', `${email} is already registered.`, { field: 'email' });
    }
    // The whole record (the registrant's own view may not carry the join URL yet).
    await notifyAttendees(tx, deps, await loadMeetingView(tx, meetingId), 'invitation', [{ email, name: input.name }]);
  });
}
