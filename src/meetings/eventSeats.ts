/**
 * An event's seats (docs/product.md §14). Every function here runs inside a transaction that holds
 * the event's row lock (`select … for update` on `meetings`), so with any number of people
 * registering and leaving at once no more than `capacity` are `registered` and the waitlist's
 * positions run 1, 2, 3 … without gaps (the database also refuses two people at one position,
 * checked at commit: migration 0012).
 */
import { statement } from '../db/statement.ts';
import type { Tx } from '../db/client.ts';
import type { RegistrationStatus } from '../db/schema.ts';

/** Where a new registrant goes: a seat while there is one, else the end of the waitlist. */
const placeNext = statement<{ registered: number; waitlisted: number }>(
  'count_event_seats',
  `select count(*) filter (where status = 'registered')::int as registered,
          count(*) filter (where status = 'waitlisted')::int as waitlisted
   from attendees where meeting_id = $1::uuid and kind = 'registrant'`,
);

export interface Place {
  status: RegistrationStatus;
  position?: number | undefined;
}

/** The place a registrant added now takes (the caller holds the event's row lock). */
export async function nextPlace(tx: Tx, meetingId: string, capacity: number | null): Promise<Place> {
  const [counts] = await tx.run(placeNext, [meetingId]);
  const registered = counts?.registered ?? 0;
  const waitlisted = counts?.waitlisted ?? 0;
  // Nobody jumps the queue: while anyone waits, a newcomer waits behind them.
  if (capacity === null || (registered < capacity && waitlisted === 0)) return { status: 'registered' };
  return { status: 'waitlisted', position: waitlisted + 1 };
}

/** Everyone behind `position` moves up one place. */
const moveUp = statement(
  'waitlist_move_up',
  `update attendees set position = position - 1
   where meeting_id = $1::uuid and status = 'waitlisted' and position > $2::integer`,
);

/** Seats the first waiting, while there is room: answers who got a seat (id, email, name), in order. */
const promote = statement<{ id: string; email: string; name: string }>(
  'waitlist_promote',
  `with seats as (
     select greatest(0, $2::integer - count(*) filter (where status = 'registered'))::int as free
     from attendees where meeting_id = $1::uuid and kind = 'registrant'
   ), first as (
     select a.id from attendees a, seats
     where a.meeting_id = $1::uuid and a.status = 'waitlisted'
     order by a.position limit (select free from seats)
   )
   update attendees set status = 'registered', position = null
   where id in (select id from first)
   returning id, email, name`,
);

/** Renumbers the waitlist 1, 2, 3 … in its order (after the first ones were seated). */
const renumber = statement(
  'waitlist_renumber',
  `update attendees a set position = n.place
   from (select id, row_number() over (order by position)::int as place
         from attendees where meeting_id = $1::uuid and status = 'waitlisted') n
   where a.id = n.id and a.position <> n.place`,
);

/**
 * A registrant left (their row is deleted by the caller, who holds the lock): the people behind a
 * waitlisted one move up; a seat freed goes to the first waiting.
 */
export async function afterLeaving(
  tx: Tx,
  event: { id: string; capacity: number | null },
  left: Place,
): Promise<{ id: string; email: string; name: string }[]> {
  if (left.status === 'waitlisted') {
    await tx.run(moveUp, [event.id, left.position!]);
    return [];
  }
  return seatWhileRoom(tx, event);
}

/**
 * Gives every free seat to the first ones waiting and moves the rest up (after someone left, or the
 * capacity grew). A capacity lowered below the registered count frees no seat: everyone registered
 * stays, and nobody is promoted until there is room. Answers who got a seat.
 */
export async function seatWhileRoom(
  tx: Tx,
  event: { id: string; capacity: number | null },
): Promise<{ id: string; email: string; name: string }[]> {
  // No capacity: everyone waiting gets a seat.
  const seated = await tx.run(promote, [event.id, event.capacity ?? 2_147_483_647]);
  if (seated.length > 0) await tx.run(renumber, [event.id]);
  return seated;
}
