/**
 * Creating a meeting record (cancel, reschedule and register are in meetingChanges.ts). The create
 * commits the record together with the jobs it implies (mail, provider meeting) in one
 * transaction, after the policy's checks (src/policies/recordPolicy.ts), the mail gate's count
 * (src/mail/mailGate.ts) and, on someone else's Zoom, its allowances (othersZoom.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from '../db/orm.ts';
import type { Db, Queries, Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { memberships, users } from '../db/schema.ts';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../errors.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { findSessionMembership, type Membership } from '../ecosystems/ecosystems.ts';
import { normalizeEmail } from '../auth/accounts.ts';
import { uuidOrNil } from '../db/ids.ts';
import { enforce } from '../policies/decision.ts';
import {
  mayCreateKind,
  mayNameHost,
  mayPutMeetingOnHostsZoom,
  mustBeListedSlot,
  needsHostZoomConsent,
} from '../policies/recordPolicy.ts';
import { answeringSlotRefusals, oneAtATime, requireListedSlot } from '../availability/bookingRule.ts';
import { chargeActionMail, type MailLimits } from '../mail/mailGate.ts';
import type { CreateMeetingInput } from './meetingInput.ts';
import type { MeetingProvider } from './provider.ts';
import { loadMeetingView } from './meetingQueries.ts';
import { notifyAttendees, peopleOnRecord } from './notifyAttendees.ts';
import { reminderOffsets, scheduleReminders } from './reminders.ts';
import { announceRequest } from './approval.ts';
import { mailNewRegistrants } from './eventRegistrations.ts';
import { putMeetingOnOthersZoom, type OthersZoomDeps } from './othersZoom.ts';
import { lengthWarning, type MeetingWarning } from './meetingWarnings.ts';
import { claimNewRecord, settleNewClaim, type ProvisionAttempt } from './provisionClaim.ts';

export interface MeetingDeps extends OthersZoomDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'discard'>;
  provider: MeetingProvider;
  appBaseUrl: string;
  /** The mail gate's limits (src/mail/mailGate.ts). */
  mailLimits: MailLimits;
  /** The app's clock (the jobs' clock: a claim counts against the host's UTC day by it). */
  now: () => Date;
}

/** The signed-in person acting. */
export interface Actor {
  id: string;
  name: string;
  email: string;
}

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
  /** A booking that waits for its host's approval (docs/product.md §13.3). */
  requested: boolean;
}

const insertRecord = statement(
  'insert_meeting_record',
  `insert into meetings (id, ecosystem_id, kind, title, description, start_at, duration_minutes, timezone, host_user_id,
     created_by, location_type, location_address, location_url, zoom_status, status, request_expires_at, capacity,
     registration_closes_at)
   values ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7::integer, $8, $9::uuid, $10::uuid, $11, $12, $13, $14,
     $15, $16::timestamptz, $17::integer, $18::timestamptz)`,
);

/**
 * A record's attendees, in the order given: ids and emails as two arrays of the same length. An
 * event's registrants past its capacity ($6) wait, in that order (docs/product.md §14).
 */
const insertAttendees = statement(
  'insert_meeting_attendees',
  `insert into attendees (id, meeting_id, ecosystem_id, email, kind, status, position)
   select person.id, $2::uuid, $3::uuid, person.email, $5,
     case when $6::integer is null or person.n <= $6::integer then 'registered' else 'waitlisted' end,
     case when $6::integer is null or person.n <= $6::integer then null else (person.n - $6::integer)::integer end
   from unnest($1::uuid[], $4::text[]) with ordinality as person(id, email, n)
   order by person.n`,
);

/**
 * Creates a record. Who may name whom as host, and whether the host's Zoom may be used, is the
 * policy's (src/policies/recordPolicy.ts); the mail it causes to others is counted by the mail
 * gate; a Zoom record on someone else's Zoom also counts against the daily allowances for that
 * host and mails the host (othersZoom.ts). Any refusal stores nothing.
 */
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
  // back. A refusal for the host's time (docs/product.md §12) is answered with their nearest free slots.
  const at = {
    ecosystemId: 'membership' in creator ? creator.membership.ecosystemId : creator.ecosystemId,
    hostUserId: input.hostUserId,
    start: Date.parse(input.startTime),
    durationMinutes: input.durationMinutes,
    now: now.getTime(),
  };
  // Bookings naming a host wait for each other in this process (oneAtATime), not on a connection.
  const queued = <T>(work: () => Promise<T>) =>
    input.kind === 'booking' && input.hostUserId ? oneAtATime(`${at.ecosystemId}:${input.hostUserId}`, work) : work();
  const created = await queued(() =>
    answeringSlotRefusals(
      deps.db,
      () => at,
      () =>
        deps.db.transaction(async (tx) => {
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
          const [{ membership, user }, namedHost, guessedReadiness, reminderMinutes] = await Promise.all([
            'membership' in creator ? creator : sessionCreator(tx, creator.sessionTokenHash!, creator.ecosystemId),
            named ? readHost(named) : undefined,
            guess && zoom ? deps.provider.checkHost(tx, guess) : undefined,
            reminderOffsets(tx, ecosystemId),
          ] as const);
          if (!('membership' in creator)) rememberSessionUser(creator.sessionTokenHash!, membership.userId);
          const viewer = { userId: membership.userId, email: normalizeEmail(user.email), role: membership.role };
          enforce(mayCreateKind(viewer, input.kind));
          const hostUserId = named ?? (membership.role === 'member' ? undefined : membership.userId);
          if (!hostUserId) {
            throw new ValidationError({ key: 'codes.host_required' }, { field: 'hostUserId', code: 'host_required' });
          }
          const [host, readiness] =
            namedHost ??
            ([
              { role: membership.role, zoomForOthers: membership.zoomForOthers, name: user.name, email: user.email },
              !zoom
                ? undefined
                : guess === hostUserId
                  ? guessedReadiness
                  : await deps.provider.checkHost(tx, hostUserId),
            ] as const);
          at.hostUserId = hostUserId;
          enforce(mayNameHost(viewer, input.kind, host && { userId: hostUserId, role: host.role }), 'hostUserId');
          if (zoom)
            enforce(
              mayPutMeetingOnHostsZoom(viewer, {
                userId: hostUserId,
                name: host!.name,
                membership: { role: host!.role, zoomForOthers: host!.zoomForOthers },
              }),
              'location',
            );
          // Someone booking a host takes one of the host's listed slots (docs/product.md §12.4); a host
          // who approves first gets a request (§13.3), which holds the slot and touches no Zoom.
          const availability = mustBeListedSlot(viewer, hostUserId)
            ? await requireListedSlot(tx, { ...at, host: { userId: hostUserId, email: host!.email } })
            : undefined;
          const requestExpiresAt = availability?.requiresApproval
            ? new Date(at.start - availability.minimumNoticeMinutes * 60_000)
            : undefined;
          const onOthersZoom = zoom && needsHostZoomConsent(viewer, hostUserId) && !requestExpiresAt;
          let warning: MeetingWarning | undefined;
          if (readiness && !readiness.ok && !requestExpiresAt)
            throw new ValidationError(readiness.message, { field: 'location', code: readiness.code });
          if (readiness?.ok) warning = lengthWarning(readiness.lengthLimit, input.durationMinutes, host!.name);
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
            status: requestExpiresAt ? ('requested' as const) : ('scheduled' as const),
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
              record.status,
              requestExpiresAt ?? null,
              input.kind === 'event' ? (input.capacity ?? null) : null,
              input.kind === 'event' && input.registrationClosesAt ? new Date(input.registrationClosesAt) : null,
            ]),
          ];
          const refusable: Promise<unknown>[] = [];
          if (emails.length > 0) {
            const kind = input.kind === 'event' ? ('registrant' as const) : ('attendee' as const);
            const ids = emails.map(() => randomUUID());
            const capacity = input.kind === 'event' ? (input.capacity ?? null) : null;
            writes.push(tx.run(insertAttendees, [ids, id, membership.ecosystemId, emails, kind, capacity]));
          }
          // The mail this create causes to others — its attendees' invitations (for Zoom, sent when the
          // meeting exists) and the host's notice — is counted now, before the counts on the host's Zoom
          // (every change takes the gate's rows first, so concurrent ones cannot deadlock).
          const charged = chargeActionMail(tx, deps, {
            actor: { id: membership.userId, email: user.email },
            ecosystemId: membership.ecosystemId,
            recipients: onOthersZoom || requestExpiresAt ? [...emails, host!.email] : emails,
          });
          refusable.push(charged);
          if (onOthersZoom) {
            refusable.push(
              charged.then((pass) =>
                putMeetingOnOthersZoom(
                  tx,
                  deps,
                  {
                    action: 'created',
                    host: { id: hostUserId, name: host!.name },
                    creator: { id: membership.userId, name: user.name, email: user.email },
                    ecosystem: { id: membership.ecosystemId, name: membership.ecosystemName },
                    meeting: {
                      id,
                      title: input.title,
                      startAt: record.startAt,
                      durationMinutes: input.durationMinutes,
                      timezone: input.timezone,
                    },
                    // Worded for the host, in their language (the notice's reader).
                    ...(warning ? { lengthLimit: readiness?.ok ? readiness.lengthLimit : undefined } : {}),
                  },
                  pass,
                ),
              ),
            );
          }
          const claim =
            readiness?.ok && !requestExpiresAt ? claimNewRecord(deps, tx, record, readiness, now) : undefined;
          tx.atCommit(...writes);
          const [pendingClaim] = await Promise.all([claim, ...refusable]);
          if (requestExpiresAt) {
            await announceRequest(tx, deps, id, requestExpiresAt, await charged);
          } else {
            await scheduleReminders(tx, deps, record, reminderMinutes);
            if (!zoom) {
              const meeting = await loadMeetingView(tx, id);
              await notifyAttendees(tx, deps, meeting, 'invitation', await peopleOnRecord(tx, meeting), await charged);
            }
            // Registrants past an event's capacity learn their place now (for Zoom too: the
            // invitations that follow the meeting go to those with a seat).
            const capacity = input.kind === 'event' ? input.capacity : undefined;
            if (capacity && emails.length > capacity) {
              const meeting = await loadMeetingView(tx, id);
              const waiting = meeting.attendees.filter((a) => a.status === 'waitlisted');
              await mailNewRegistrants(tx, deps, meeting, waiting, await charged);
            }
          }
          return {
            id,
            membership,
            user,
            pendingClaim,
            warnings: warning ? [warning] : [],
            requested: requestExpiresAt !== undefined,
          };
        }),
    ),
  );
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

/** The host's membership of the ecosystem as it is now (undefined: not a member). */
export async function findHost(tx: Queries, ecosystemId: string, hostUserId: string) {
  const [host] = await tx
    .select({
      role: memberships.role,
      zoomForOthers: memberships.zoomForOthers,
      name: users.name,
      email: users.email,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ecosystemId, uuidOrNil(ecosystemId)), eq(memberships.userId, hostUserId)));
  return host;
}

/**
 * Asks, now, whether `actorUserId` may put a new meeting on the record's host's Zoom — with the
 * host's membership as it is at this moment (422 `zoom_not_allowed_by_host` otherwise); answers
 * the host as read. Reschedules and approvals on the host's behalf ask it (docs/product.md §2).
 */
export async function requireHostsZoomConsentNow(
  tx: Queries,
  actorUserId: string,
  record: { ecosystemId: string; host: { id: string; name: string } },
) {
  const host = await findHost(tx, record.ecosystemId, record.host.id);
  enforce(
    mayPutMeetingOnHostsZoom(
      { userId: actorUserId },
      {
        userId: record.host.id,
        name: record.host.name,
        membership: host && { role: host.role, zoomForOthers: host.zoomForOthers },
      },
    ),
    'location',
  );
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
