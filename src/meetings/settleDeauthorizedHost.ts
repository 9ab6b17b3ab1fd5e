/**
 * When the host removed the app at Zoom (docs/product.md §5): their pending Zoom work cannot go on, so it is
 * parked in an explained state that no job retries — creates wait as `waiting_for_reconnect`
 * (docs/product.md §4.3: re-driven if the same Zoom user connects again; otherwise the host changes the
 * location), and meetings waiting to be removed become `orphaned` with their ids shown.
 */
import { and, eq, inArray } from '../db/orm.ts';
import type { Tx } from '../db/client.ts';
import { meetings, providerMeetings } from '../db/schema.ts';
import { settleCancelledRecord } from './removeProviderMeetings.ts';
import { zoomDetail } from '../i18n/zoomDetails.ts';

export async function settleDeauthorizedHost(tx: Tx, hostUserId: string, now: Date): Promise<void> {
  await tx
    .update(meetings)
    .set({
      zoomStatus: 'waiting_for_reconnect',
      zoomDetail: zoomDetail('appRemoved'),
      zoomRetryAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(meetings.hostUserId, hostUserId),
        eq(meetings.status, 'scheduled'),
        inArray(meetings.zoomStatus, ['pending', 'waiting_for_reconnect', 'waiting_for_daily_limit']),
      ),
    );
  const orphaned = await tx
    .update(providerMeetings)
    .set({ state: 'orphaned', lastError: 'the host removed the app from Zoom', updatedAt: now })
    .where(and(eq(providerMeetings.hostUserId, hostUserId), eq(providerMeetings.state, 'deleting')))
    .returning({ meetingId: providerMeetings.meetingId });
  for (const { meetingId } of orphaned) await settleCancelledRecord(tx, meetingId, now);
}
