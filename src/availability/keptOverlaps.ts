/**
 * Records that already overlapped another of their host's when the no-overlap rule arrived
 * (migration 0010, docs/product.md §12.1): kept as they were and marked, for `npm run reconcile`
 * to list so an operator or the host can move or cancel one of each pair. Moving or ending a kept
 * record binds it by the rule like any other.
 */
import type { Queries } from '../db/client.ts';
import { statement } from '../db/statement.ts';

export interface KeptOverlap {
  hostUserId: string;
  hostEmail: string;
  meetingId: string;
  ecosystemId: string;
  start: Date;
  end: Date;
  /** The live records of the same host it overlaps. */
  overlaps: string[];
}

const readKeptOverlaps = statement<KeptOverlap>(
  'read_kept_overlaps',
  `select k.host_user_id as "hostUserId", u.email as "hostEmail", k.meeting_id as "meetingId",
          k.ecosystem_id as "ecosystemId", lower(k.during) as start, upper(k.during) as "end",
          array(select o.meeting_id::text from host_time o
                where o.host_user_id = k.host_user_id and o.meeting_id <> k.meeting_id and o.during && k.during
                order by lower(o.during)) as overlaps
   from host_time k join users u on u.id = k.host_user_id
   where k.overlap_kept and upper(k.during) > $1::timestamptz
   order by k.host_user_id, lower(k.during)`,
);

/** The kept overlaps that have not ended by `now`. */
export async function keptOverlaps(db: Queries, now: Date): Promise<KeptOverlap[]> {
  const rows = await db.run(readKeptOverlaps, [now]);
  return rows.map((r) => ({ ...r, start: new Date(r.start), end: new Date(r.end) }));
}
