/**
 * The booking rule (docs/product.md §12.1, §12.4): a booking someone makes with a host must be one
 * of the host's listed slots, and no record may overlap another live record of its host. The
 * second is the database's (the exclusion constraint of migration 0010, raised by any write); this
 * module turns both refusals into the answer people see, with the nearest free slots.
 */
import type { Db, Queries } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { databaseErrorOf } from '../db/transactionLedger.ts';
import { SlotRefusedError } from '../errors.ts';
import { lockAndCheckSlot, slotsNear } from './availabilityStore.ts';
import type { Availability } from './availabilityInput.ts';

const NIL = '00000000-0000-0000-0000-000000000000';

/** Whether [$2, $3) meets a live record of host $1 (but record $4). */
const overlapsHostTime = statement<{ one: number }>(
  'overlaps_host_time',
  `select 1 as one from host_time
   where host_user_id = $1::uuid and during && tstzrange($2::timestamptz, $3::timestamptz) and meeting_id <> $4::uuid
   limit 1`,
);

/** The database refused a write because the host has another live record then (SQLSTATE 23P01). */
export function isHostTimeConflict(error: unknown): boolean {
  return databaseErrorOf(error)?.code === '23P01';
}

export interface BookedTime {
  ecosystemId: string;
  host: { userId: string; email: string };
  start: number;
  durationMinutes: number;
  now: number;
  /** The record being moved, whose own time does not count. */
  exceptMeetingId?: string | undefined;
}

/**
 * In the booking's transaction, before its write: refuses a time that is not a listed slot now —
 * 409 `host_busy` when it overlaps a live record of the host, else 422 `slot_not_available`.
 * The host's availability stays locked until the transaction ends, so bookings of one host here
 * are checked one after another. Answers the host's availability (its approval and notice rules
 * apply to the booking).
 */
export async function requireListedSlot(tx: Queries, time: BookedTime): Promise<Availability> {
  const host = { ecosystemId: time.ecosystemId, userId: time.host.userId, email: time.host.email };
  const { bookable, listed, availability } = await lockAndCheckSlot(tx, host, time);
  if (listed && availability) return availability;
  const end = time.start + time.durationMinutes * 60_000;
  const overlapping = await tx.run(overlapsHostTime, [
    time.host.userId,
    new Date(time.start),
    new Date(end),
    time.exceptMeetingId ?? NIL,
  ]);
  if (overlapping.length > 0) throw new SlotRefusedError('host_busy');
  throw new SlotRefusedError('slot_not_available', bookable ? undefined : { key: 'booking.notBookable' });
}

/**
 * Runs a write that places a record at `time` (a create, a move); its refusal for the host's time
 * — the rule's or the database's — gets the nearest free slots, read after the write rolled back.
 */
export async function answeringSlotRefusals<T>(
  db: Db,
  time: () => Omit<BookedTime, 'host'> & { hostUserId: string | undefined },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const refused =
      error instanceof SlotRefusedError
        ? error
        : isHostTimeConflict(error)
          ? new SlotRefusedError('host_busy')
          : undefined;
    if (!refused) throw error;
    const at = time();
    if (at.hostUserId) {
      const near = await slotsNear(db, at.ecosystemId, at.hostUserId, at);
      refused.nearestSlots = near.map((s) => ({
        start: new Date(s.start).toISOString(),
        end: new Date(s.end).toISOString(),
      }));
    }
    throw refused;
  }
}

/** The tail of each key's queue in this process. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` after the earlier work of the same key in this process has settled. Bookings of one
 * host queue here, not on the database: waiting for the host's availability row would hold one of
 * the instance's database connections per waiting booking, so a crowd racing for one host would
 * starve every other request. The row lock still orders bookings across instances.
 */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}
