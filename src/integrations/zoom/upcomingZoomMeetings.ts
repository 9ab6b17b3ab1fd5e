/** How many of a host's upcoming, live records have a Zoom meeting (shown on Manage, docs/product.md §3.5). */
import { and, eq, gt, inArray, sql } from '../../db/orm.ts';
import type { Queries } from '../../db/client.ts';
import { meetings } from '../../db/schema.ts';

export async function countUpcomingZoomMeetings(db: Queries, hostUserId: string, now = new Date()): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(meetings)
    .where(
      and(
        eq(meetings.hostUserId, hostUserId),
        eq(meetings.status, 'scheduled'),
        eq(meetings.locationType, 'zoom'),
        gt(sql`${meetings.startAt} + make_interval(mins => ${meetings.durationMinutes})`, now),
        inArray(meetings.zoomStatus, ['created', 'pending', 'waiting_for_reconnect', 'waiting_for_daily_limit']),
      ),
    );
  return row?.count ?? 0;
}
