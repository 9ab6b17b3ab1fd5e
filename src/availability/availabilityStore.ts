/**
 * A host's availability and busy time in the database (docs/product.md §12): reading and changing
 * the availability, the bookable hosts of an ecosystem, and the free slots of one host.
 */
import type { Db, Queries } from '../db/client.ts';
import { uuidOrNil } from '../db/ids.ts';
import { statement } from '../db/statement.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Membership } from '../ecosystems/ecosystems.ts';
import { enforce } from '../policies/decision.ts';
import { mayPublishAvailability } from '../policies/recordPolicy.ts';
import {
  type Availability,
  type AvailabilityChange,
  availabilitySchema,
  defaultAvailability,
} from './availabilityInput.ts';
import { listSlots, nearestSlots, type Span } from './slots.ts';

const NIL = '00000000-0000-0000-0000-000000000000';
const DAY = 86_400_000;

/** A host's availability here with what its defaults and the busy-time reads need. */
const readHost = statement<{
  role: string | null;
  email: string;
  name: string;
  settings: Availability | null;
  zoomConnected: boolean;
  zoomForOthers: boolean | null;
}>(
  'read_host_availability',
  `select m.role, u.email, u.name, a.settings, coalesce(z.status = 'connected', false) as "zoomConnected",
          m.zoom_for_others as "zoomForOthers"
   from users u
   left join memberships m on m.ecosystem_id = $1::uuid and m.user_id = u.id
   left join host_availability a on a.ecosystem_id = $1::uuid and a.user_id = u.id
   left join zoom_connections z on z.user_id = u.id
   where u.id = $2::uuid`,
);

const upsertAvailability = statement(
  'upsert_host_availability',
  `insert into host_availability (ecosystem_id, user_id, bookable, settings, updated_at)
   values ($1::uuid, $2::uuid, $3::boolean, $4::jsonb, now())
   on conflict (ecosystem_id, user_id) do update set bookable = excluded.bookable, settings = excluded.settings,
     updated_at = excluded.updated_at`,
);

/**
 * The host's busy time meeting [$2, $3): the records they host (host_time, every ecosystem) and
 * the live records they attend or are registered for, by their address (every ecosystem), leaving
 * out the record $4 (the one being moved).
 */
const readBusy = statement<{ start: number; end: number }>(
  'read_host_busy_time',
  `select (extract(epoch from lower(during)) * 1000)::float8 as start, (extract(epoch from upper(during)) * 1000)::float8 as "end"
   from host_time
   where host_user_id = $1::uuid and during && tstzrange($2::timestamptz, $3::timestamptz) and meeting_id <> $4::uuid
   union all
   select (extract(epoch from m.start_at) * 1000)::float8, (extract(epoch from m.start_at) * 1000 + m.duration_minutes * 60000)::float8
   from attendees a join meetings m on m.id = a.meeting_id and m.ecosystem_id = a.ecosystem_id
   where a.email = $5 and m.status in ('requested', 'scheduled') and m.host_user_id <> $1::uuid and m.id <> $4::uuid
     and m.start_at < $3::timestamptz and m.start_at + make_interval(mins => m.duration_minutes) > $2::timestamptz`,
);

/** Starts of the live bookings with the host in the ecosystem in [$3, $4), but record $5. */
const readBookingStarts = statement<{ start: number }>(
  'read_host_booking_starts',
  `select (extract(epoch from start_at) * 1000)::float8 as start
   from meetings
   where ecosystem_id = $1::uuid and host_user_id = $2::uuid and kind = 'booking'
     and status in ('requested', 'scheduled') and start_at >= $3::timestamptz and start_at < $4::timestamptz
     and id <> $5::uuid`,
);

/** Locks a bookable host's availability for one booking's check and write (they queue on it). */
const lockAvailability = statement<{ settings: Availability }>(
  'lock_host_availability',
  `select a.settings
   from host_availability a join memberships m on m.ecosystem_id = a.ecosystem_id and m.user_id = a.user_id
   where a.ecosystem_id = $1::uuid and a.user_id = $2::uuid and a.bookable and m.role = 'host'
   for update of a`,
);

export interface HostAvailability {
  availability: Availability;
  /** Whether the host has published it (PUT); before that, GET answers the defaults. */
  stored: boolean;
}

/** The signed-in host's availability in the ecosystem (the defaults before their first PUT). */
export async function myAvailability(db: Queries, membership: Membership): Promise<HostAvailability> {
  const [row] = await db.run(readHost, [membership.ecosystemId, membership.userId]);
  if (!row) throw new NotFoundError('user');
  return availabilityOf(row);
}

function availabilityOf(row: { settings: Availability | null; zoomConnected: boolean }): HostAvailability {
  return row.settings
    ? { availability: row.settings, stored: true }
    : { availability: defaultAvailability({ zoomConnected: row.zoomConnected }), stored: false };
}

/** Changes the fields `change` names; the result is checked whole (400 naming the field). */
export async function changeMyAvailability(
  db: Db,
  membership: Membership,
  change: AvailabilityChange,
): Promise<Availability> {
  enforce(mayPublishAvailability(membership));
  return db.transaction(async (tx) => {
    const { availability } = await myAvailability(tx, membership);
    const merged = { ...availability, ...change };
    const checked = availabilitySchema.safeParse(merged);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = issue.path.join('.');
      throw new ValidationError(`${field}: ${issue.message}`, { field: String(issue.path[0] ?? ''), issues: [issue] });
    }
    await tx.run(upsertAvailability, [
      membership.ecosystemId,
      membership.userId,
      checked.data.bookable,
      JSON.stringify(checked.data),
    ]);
    return checked.data;
  });
}

export interface SlotRequest {
  from: number;
  to: number;
  durationMinutes: number;
  now: number;
  /** A record being moved: its own time is not busy. */
  exceptMeetingId?: string | undefined;
}

/** The host's busy time and bookings that bear on slots starting in [from, to). */
async function slotInputs(
  q: Queries,
  host: { ecosystemId: string; userId: string; email: string },
  availability: Availability,
  request: SlotRequest,
): Promise<{ busy: Span[]; bookingStarts: number[] }> {
  // Busy time reaches as far as a slot widened by its buffers can; weeks as far as the limit's.
  const reach = (request.durationMinutes + availability.bufferBeforeMinutes + availability.bufferAfterMinutes) * 60_000;
  const except = request.exceptMeetingId ?? NIL;
  const [busy, bookings] = await Promise.all([
    q.run(readBusy, [host.userId, new Date(request.from - reach), new Date(request.to + reach), except, host.email]),
    availability.weeklyLimit
      ? q.run(readBookingStarts, [
          host.ecosystemId,
          host.userId,
          new Date(request.from - 8 * DAY),
          new Date(request.to + 8 * DAY),
          except,
        ])
      : [],
  ]);
  return { busy, bookingStarts: bookings.map((b) => b.start) };
}

/** The bookable hosts of the ecosystem, as the asking member sees them (docs/product.md §12.3). */
const readBookableHosts = statement<{
  userId: string;
  name: string;
  settings: Availability;
  zoomConnected: boolean;
  zoomForOthers: boolean;
}>(
  'read_bookable_hosts',
  `select u.id as "userId", u.name, a.settings, coalesce(z.status = 'connected', false) as "zoomConnected",
          m.zoom_for_others as "zoomForOthers"
   from host_availability a
   join memberships m on m.ecosystem_id = a.ecosystem_id and m.user_id = a.user_id and m.role = 'host'
   join users u on u.id = a.user_id
   left join zoom_connections z on z.user_id = a.user_id
   where a.ecosystem_id = $1::uuid and a.bookable
   order by u.name, u.id`,
);

export interface BookableHost {
  userId: string;
  name: string;
  durations: number[];
  timezone: string;
  /** A booking by the asking member would get a Zoom meeting: Zoom location, connected, consenting. */
  zoom: boolean;
  /** The host approves each member's booking first (docs/product.md §13.3). */
  requiresApproval: boolean;
}

export async function bookableHosts(db: Queries, viewer: Membership): Promise<BookableHost[]> {
  const rows = await db.run(readBookableHosts, [viewer.ecosystemId]);
  return rows.map((row) => ({
    userId: row.userId,
    name: row.name,
    durations: row.settings.durations,
    timezone: row.settings.timezone,
    zoom:
      row.settings.location?.type === 'zoom' &&
      row.zoomConnected &&
      (row.zoomForOthers || row.userId === viewer.userId),
    requiresApproval: row.settings.requiresApproval,
  }));
}

/** The availability of a bookable host (undefined: not bookable here, or not a host). */
async function bookableAvailability(q: Queries, ecosystemId: string, hostUserId: string) {
  const [row] = await q.run(readHost, [uuidOrNil(ecosystemId), uuidOrNil(hostUserId)]);
  if (row?.role !== 'host' || !row.settings?.bookable) return undefined;
  return { availability: row.settings, email: row.email };
}

/** A bookable host's free slots (404 for a host who is not bookable here, like an unknown one). */
export async function hostSlots(
  db: Queries,
  ecosystemId: string,
  hostUserId: string,
  asked: Omit<SlotRequest, 'durationMinutes'> & { durationMinutes?: number | undefined },
): Promise<{ availability: Availability; slots: Span[] }> {
  const host = await bookableAvailability(db, ecosystemId, hostUserId);
  if (!host) throw new NotFoundError('host');
  const request = { ...asked, durationMinutes: asked.durationMinutes ?? host.availability.durations[0]! };
  if (!host.availability.durations.includes(request.durationMinutes)) {
    throw new ValidationError(
      { key: 'booking.durationNotOffered', params: { durations: host.availability.durations.join(', ') } },
      {
        field: 'duration',
        code: 'duration_not_offered',
      },
    );
  }
  const inputs = await slotInputs(
    db,
    { ecosystemId, userId: hostUserId, email: host.email },
    host.availability,
    request,
  );
  return { availability: host.availability, slots: listSlots(host.availability, { ...request, ...inputs }) };
}

/**
 * In a booking's transaction: locks the host's availability here (bookings of one host queue on
 * it, so the weekly limit and buffers hold under concurrency) and tells whether [start, start +
 * duration) is a listed slot now. `bookable: false`: the host takes no bookings here.
 */
export async function lockAndCheckSlot(
  q: Queries,
  host: { ecosystemId: string; userId: string; email: string },
  slot: { start: number; durationMinutes: number; now: number; exceptMeetingId?: string | undefined },
): Promise<{ bookable: boolean; listed: boolean; availability?: Availability }> {
  const [locked] = await q.run(lockAvailability, [host.ecosystemId, host.userId]);
  if (!locked) return { bookable: false, listed: false };
  const availability = locked.settings;
  if (!availability.durations.includes(slot.durationMinutes)) return { bookable: true, listed: false };
  const request = { from: slot.start, to: slot.start + 1, ...slot };
  const inputs = await slotInputs(q, host, availability, request);
  const listed = listSlots(availability, { ...request, ...inputs }).some((s) => s.start === slot.start);
  return { bookable: true, listed, availability };
}

/** Up to 3 listed slots nearest to `start` (none when the host publishes no availability here). */
export async function slotsNear(
  db: Queries,
  ecosystemId: string,
  hostUserId: string,
  around: { start: number; durationMinutes: number; now: number; exceptMeetingId?: string | undefined },
): Promise<Span[]> {
  const host = await bookableAvailability(db, ecosystemId, hostUserId);
  if (!host) return [];
  const durationMinutes = host.availability.durations.includes(around.durationMinutes)
    ? around.durationMinutes
    : host.availability.durations[0]!;
  const request = {
    from: Math.max(around.now, around.start - 14 * DAY),
    to: around.start + 14 * DAY,
    durationMinutes,
    now: around.now,
    exceptMeetingId: around.exceptMeetingId,
  };
  const inputs = await slotInputs(
    db,
    { ecosystemId, userId: hostUserId, email: host.email },
    host.availability,
    request,
  );
  const slots = listSlots(host.availability, { ...request, ...inputs });
  return nearestSlots(slots, around.start);
}
