/**
 * Reminders (docs/product.md §13.1). When a record becomes `scheduled` — created, approved — or is
 * moved, one durable job per offset of its ecosystem (`reminderMinutesBefore`) is written in the
 * same transaction, due at start minus the offset; an offset already past is skipped.
 *
 * The job carries the start it was written for. When it runs it sends nothing if the record is no
 * longer `scheduled`, starts at another time (a reschedule wrote new jobs), has started, or its
 * ecosystem no longer lists the offset. Otherwise one transaction records the reminder as sent
 * (its key: record, start, offset) and queues its mails, so a job run twice — a crash after that
 * commit — finds it sent and sends nothing; a crash before it leaves the job to be run again.
 */
import { z } from 'zod';
import { and, eq } from '../db/orm.ts';
import type { Db, Queries, Tx } from '../db/client.ts';
import { statement } from '../db/statement.ts';
import { ecosystems, meetings } from '../db/schema.ts';
import { defineJob } from '../jobs/defineJob.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import { REMINDER } from '../mail/mailGate.ts';
import { loadMeetingView } from './meetingQueries.ts';
import { notifyAttendees, peopleOnRecord } from './notifyAttendees.ts';

/** The default offsets: a day and an hour before. */
export const DEFAULT_REMINDER_MINUTES = [1440, 60] as const;
/** The longest offset: 14 days. */
export const MAX_REMINDER_MINUTES = 20_160;

export const sendReminderJob = defineJob(
  'meetings.remind',
  z.object({
    meetingId: z.uuid(),
    ecosystemId: z.uuid(),
    startAt: z.iso.datetime({ offset: true }),
    minutesBefore: z.number().int().min(1).max(MAX_REMINDER_MINUTES),
  }),
  // Due at a minute's precision; an attempt that fails is tried again soon, not after an hour.
  { retryLimit: 30, retryDelay: 5, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 60, batchSize: 10 },
);

export interface ReminderDeps {
  queue: Pick<JobQueue, 'enqueue'>;
  now: () => Date;
}

/** An ecosystem's offsets, as its admins set them. */
export async function reminderOffsets(db: Queries, ecosystemId: string): Promise<number[]> {
  const [row] = await db
    .select({ minutes: ecosystems.reminderMinutesBefore })
    .from(ecosystems)
    .where(eq(ecosystems.id, ecosystemId));
  return row?.minutes ?? [...DEFAULT_REMINDER_MINUTES];
}

/**
 * Writes the reminders of a record that is now `scheduled` at `startAt`, inside `tx`. `offsets`:
 * its ecosystem's, when the caller has read them already.
 */
export async function scheduleReminders(
  tx: Tx,
  deps: ReminderDeps,
  record: { id: string; ecosystemId: string; startAt: Date },
  offsets?: readonly number[],
): Promise<void> {
  const minutes = offsets ?? (await reminderOffsets(tx, record.ecosystemId));
  const now = deps.now().getTime();
  const start = record.startAt.getTime();
  for (const minutesBefore of new Set(minutes)) {
    const due = start - minutesBefore * 60_000;
    if (due <= now) continue;
    tx.atCommit(
      deps.queue.enqueue(
        tx,
        sendReminderJob,
        {
          meetingId: record.id,
          ecosystemId: record.ecosystemId,
          startAt: record.startAt.toISOString(),
          minutesBefore,
        },
        { startAfter: new Date(due) },
      ),
    );
  }
}

/** Marks a reminder sent, unless it was; answers whether this call marked it. */
const markSent = statement<{ meeting_id: string }>(
  'mark_reminder_sent',
  `insert into reminders_sent (meeting_id, ecosystem_id, start_at, minutes_before, sent_at)
   values ($1::uuid, $2::uuid, $3::timestamptz, $4::integer, $5::timestamptz)
   on conflict do nothing
   returning meeting_id`,
);

export type ReminderOutcome = 'sent' | 'already_sent' | 'not_scheduled' | 'moved' | 'started' | 'offset_removed';

/** Sends one reminder (the job's handler); answers what it did. */
export async function sendReminder(
  deps: { db: Db; queue: Pick<JobQueue, 'enqueue'>; appBaseUrl: string; now: () => Date },
  data: z.infer<typeof sendReminderJob.schema>,
): Promise<ReminderOutcome> {
  return deps.db.transaction(async (tx) => {
    // The record's row lock orders this with a cancel, a move or a registration.
    const [record] = await tx
      .select({ status: meetings.status, startAt: meetings.startAt })
      .from(meetings)
      .where(and(eq(meetings.id, data.meetingId), eq(meetings.ecosystemId, data.ecosystemId)))
      .for('update');
    if (record?.status !== 'scheduled') return 'not_scheduled';
    if (record.startAt.getTime() !== Date.parse(data.startAt)) return 'moved';
    const now = deps.now();
    if (now.getTime() >= record.startAt.getTime()) return 'started';
    if (!(await reminderOffsets(tx, data.ecosystemId)).includes(data.minutesBefore)) return 'offset_removed';
    const marked = await tx.run(markSent, [data.meetingId, data.ecosystemId, record.startAt, data.minutesBefore, now]);
    if (marked.length === 0) return 'already_sent';
    const meeting = await loadMeetingView(tx, data.meetingId);
    const people = await peopleOnRecord(tx, meeting);
    // The host is reminded too, without a personal link (a host acts in the app).
    const host =
      meeting.host.email && !people.some((p) => p.email === meeting.host.email!.toLowerCase())
        ? [{ email: meeting.host.email, name: meeting.host.name }]
        : [];
    await notifyAttendees(tx, deps, meeting, 'reminder', [...people, ...host], REMINDER);
    return 'sent';
  });
}
