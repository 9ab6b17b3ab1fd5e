/**
 * The soak's verdict, from the emulator's state, the captured mail and the database once the
 * system has settled. Each finding is either fine, explained (counted, with the reason the
 * product accepts it), or unexplained — any unexplained finding fails the run.
 */
import type pg from 'pg';
import { describeOverlaps } from '../../../zoom-emulator/overlaps.ts';
import type { ZoomEmulator } from '../../../zoom-emulator/startZoomEmulator.ts';
import type { SmtpSink } from '../../helpers/smtpSink.ts';
import type { PlannedRecord } from './load.ts';

export interface Finding {
  check: string;
  verdict: 'explained' | 'unexplained';
  detail: string;
}

export interface Verdict {
  figures: Record<string, number>;
  findings: Finding[];
}

interface RecordRow {
  id: string;
  title: string;
  status: 'scheduled' | 'cancelled';
  location_type: string;
  zoom_status: string;
  host_user_id: string;
  start_at: Date;
  duration_minutes: number;
}
interface ProviderRow {
  meeting_id: string;
  state: string;
  external_id: string | null;
  join_url: string | null;
  account_ref: string;
}
interface MailRow {
  id: string;
  meeting_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  status: string;
}

const MAIL_KIND = (subject: string) =>
  subject.startsWith('You’re invited: ')
    ? 'invitation'
    : subject.startsWith('Updated: ')
      ? 'update'
      : subject.startsWith('Cancelled: ')
        ? 'cancellation'
        : 'notice';

export async function judge(options: {
  pool: pg.Pool;
  emulator: ZoomEmulator;
  smtp: SmtpSink;
  plan: PlannedRecord[];
  deauthorizedHostUserId: string;
  reminders: ReminderWindow;
}): Promise<Verdict> {
  const { pool, emulator, smtp, plan } = options;
  const findings: Finding[] = [];
  const figures: Record<string, number> = {};
  const add = (key: string, n = 1) => (figures[key] = (figures[key] ?? 0) + n);
  const flag = (check: string, detail: string) => findings.push({ check, verdict: 'unexplained', detail });
  const explain = (check: string, detail: string) => findings.push({ check, verdict: 'explained', detail });

  const records = (
    await pool.query<RecordRow>(
      'SELECT id, title, status, location_type, zoom_status, host_user_id, start_at, duration_minutes FROM meetings',
    )
  ).rows;
  const provider = (
    await pool.query<ProviderRow>('SELECT meeting_id, state, external_id, join_url, account_ref FROM provider_meetings')
  ).rows;
  const attendeeRows = (
    await pool.query<{ meeting_id: string; email: string }>('SELECT meeting_id, email FROM attendees')
  ).rows;
  const mail = (
    await pool.query<MailRow>(
      'SELECT id, meeting_id, to_address, subject, text_body, status FROM mail_messages ORDER BY created_at, id',
    )
  ).rows;
  const mailJobs = (
    await pool.query<{ message_id: string; retries: number }>(
      `SELECT data->>'messageId' AS message_id, max(retry_count)::int AS retries FROM pgboss.job WHERE name = 'mail.send' GROUP BY 1`,
    )
  ).rows;
  const failedJobs = (
    await pool.query<{ name: string; data: Record<string, string>; output: unknown }>(
      `SELECT name, data, output FROM pgboss.job WHERE state = 'failed'`,
    )
  ).rows;

  const byId = new Map(records.map((r) => [r.id, r]));
  const byTitle = new Map(records.map((r) => [r.title, r]));
  const rowsOf = new Map<string, ProviderRow[]>();
  for (const row of provider) rowsOf.set(row.meeting_id, [...(rowsOf.get(row.meeting_id) ?? []), row]);
  const live = emulator.control.meetings('live');
  const liveByTopic = new Map<string, typeof live>();
  for (const m of live) liveByTopic.set(m.topic, [...(liveByTopic.get(m.topic) ?? []), m]);

  // 1. Every record the API acknowledged exists; records whose create answer was lost are found or not.
  for (const planned of plan) {
    add('records planned');
    const stored = byTitle.get(planned.title);
    if (planned.create?.outcome === 'ok') add('records created (201)');
    if (planned.create?.outcome === 'refused') add(`creates refused: ${planned.create.code}`);
    if (planned.create?.outcome === 'unexpected')
      flag('api', `create ${planned.title} answered ${planned.create.status} ${planned.create.code ?? ''}`);
    if (planned.create?.outcome === 'ok' && !stored)
      flag('records', `${planned.title} was acknowledged but is not stored`);
    if (planned.create?.outcome === 'unknown') {
      add('creates whose answer was lost (502)');
      if (stored)
        explain('records', `${planned.title}: the create's answer was lost (web process killed) but it committed`);
    }
    for (const action of planned.actions) {
      if (!action.outcome) continue;
      add(`${action.type}s ${action.outcome}`);
      if (action.outcome === 'unexpected') flag('api', `${action.type} of ${planned.title} answered ${action.status}`);
      if (action.type !== 'register' && action.outcome === 'ok' && action.zoomAtAction === 'pending')
        add(`${action.type}s while the Zoom create was pending`);
    }
    const cancelled = planned.actions.find((a) => a.type === 'cancel' && a.outcome === 'ok');
    if (cancelled && stored && stored.status !== 'cancelled')
      flag('records', `${planned.title}: cancel acknowledged but the record is ${stored.status}`);
  }

  // 2. Zoom: each record's meetings at Zoom against what is stored; ghosts need an ambiguous create.
  const matchedLive = new Set<number>();
  const ghostIds = new Set<number>();
  for (const record of records) {
    const rows = rowsOf.get(record.id) ?? [];
    const atZoom = liveByTopic.get(record.title) ?? [];
    for (const m of atZoom) matchedLive.add(m.id);
    const ambiguous = rows.filter((r) => r.state === 'ambiguous').length;
    add('ambiguous creates recorded', ambiguous);
    if (record.location_type !== 'zoom') {
      if (record.zoom_status !== 'not_applicable' || atZoom.length)
        flag(
          'zoom',
          `${record.title}: not a Zoom record, yet ${record.zoom_status} with ${atZoom.length} meeting(s) at Zoom`,
        );
      continue;
    }
    const deauthorizedHost = record.host_user_id === options.deauthorizedHostUserId;
    const liveRows = rows.filter((r) => r.state === 'live');
    const orphaned = rows.filter((r) => r.state === 'orphaned');
    const expectedIds = new Set<string>();
    add(`zoom records ${record.status} → ${record.zoom_status}`);
    if (record.status === 'scheduled') {
      if (record.zoom_status === 'created') {
        if (liveRows.length !== 1 || !liveRows[0]!.external_id)
          flag('zoom', `${record.title}: created but ${liveRows.length} live meeting rows`);
        else {
          const stored = liveRows[0]!.external_id;
          expectedIds.add(stored);
          const meeting = atZoom.find((m) => String(m.id) === stored);
          if (!meeting) flag('zoom', `${record.title}: stored meeting ${stored} is not live at Zoom`);
          else if (
            Date.parse(meeting.startTime ?? '') !== record.start_at.getTime() ||
            meeting.duration !== record.duration_minutes
          )
            flag(
              'zoom',
              `${record.title}: Zoom has ${meeting.startTime}/${meeting.duration}, the record ${record.start_at.toISOString()}/${record.duration_minutes}`,
            );
        }
      } else if (deauthorizedHost && record.zoom_status === 'waiting_for_reconnect') {
        explain('deauthorized host', `${record.title}: waiting_for_reconnect (the host removed the app at Zoom)`);
      } else if (record.zoom_status === 'waiting_for_daily_limit') {
        explain('daily cap', `${record.title}: waiting for Zoom's 100-a-day cap to reset`);
      } else {
        flag('zoom', `${record.title}: scheduled but ${record.zoom_status}`);
      }
    } else if (record.zoom_status === 'orphaned' && deauthorizedHost) {
      explain(
        'deauthorized host',
        `${record.title}: cancelled after the host removed the app; its meeting stays at Zoom, shown to the host`,
      );
    } else if (record.zoom_status !== 'deleted') {
      flag('zoom', `${record.title}: cancelled but ${record.zoom_status}`);
    }
    // Meetings that could not be removed because the host removed the app (docs/product.md §4.3): at Zoom, by design.
    if (deauthorizedHost && orphaned.length) {
      for (const row of orphaned) if (row.external_id) expectedIds.add(row.external_id);
      add('orphaned meetings left at Zoom (deauthorized host)', orphaned.length);
    } else if (orphaned.length)
      flag('zoom', `${record.title}: ${orphaned.length} orphaned meeting(s) of a host who is connected`);
    const ghosts = atZoom.filter((m) => !expectedIds.has(String(m.id)));
    if (ghosts.length) {
      add('ghost meetings at Zoom', ghosts.length);
      if (ghosts.length <= ambiguous) {
        for (const ghost of ghosts) ghostIds.add(ghost.id);
        add('ghosts explained by a recorded ambiguous create', ghosts.length);
        explain(
          'ghost',
          `${record.title}: ${ghosts.length} meeting(s) at Zoom we cannot see, ${ambiguous} ambiguous create(s) recorded`,
        );
      } else
        flag(
          'ghost',
          `${record.title}: ${ghosts.length} unknown meeting(s) at Zoom but only ${ambiguous} ambiguous create(s) recorded`,
        );
    }
  }
  for (const m of live)
    if (!matchedLive.has(m.id)) flag('ghost', `Zoom meeting ${m.id} "${m.topic}" belongs to no record`);
  add('meetings live at Zoom', live.length);
  checkOverlaps(emulator, ghostIds, add, flag, explain);

  // 3. Mail delivery: every stored message reached the SMTP server once (by Message-ID).
  const delivered = new Map<string, number>();
  for (const message of smtp.messages) {
    const id = /Message-ID:\s*<([0-9a-f-]{36})@ekosistem\.app>/i.exec(message.source)?.[1];
    if (!id) flag('mail', `a delivered message without our Message-ID to ${message.to.join(',')}`);
    else delivered.set(id, (delivered.get(id) ?? 0) + 1);
  }
  const retriesOf = new Map(mailJobs.map((j) => [j.message_id, j.retries]));
  for (const row of mail) {
    add('mail messages');
    const times = delivered.get(row.id) ?? 0;
    if (row.status !== 'sent' || times === 0)
      flag('mail', `message ${row.id} to ${row.to_address} "${row.subject}" is ${row.status}, delivered ${times}×`);
    else if (times > 1) {
      add('mail delivered twice', times - 1);
      if ((retriesOf.get(row.id) ?? 0) > 0)
        explain(
          'mail duplicate',
          `message ${row.id} to ${row.to_address}: delivered ${times}×, its send job was retried (a process died after the SMTP server accepted it)`,
        );
      else flag('mail', `message ${row.id} to ${row.to_address} delivered ${times}× without a retried send`);
    }
  }
  const stored = new Set(mail.map((m) => m.id));
  for (const id of delivered.keys()) if (!stored.has(id)) flag('mail', `delivered message ${id} has no row`);

  // 4. Mail meaning: each attendee got each invitation / update / cancellation once, with the right link.
  const registered = new Set(
    plan.flatMap((p) =>
      p.actions.filter((a) => a.type === 'register' && a.outcome === 'ok').map((a) => `${p.title}|${a.email}`),
    ),
  );
  const mailTo = new Map<string, MailRow[]>();
  for (const row of mail)
    if (row.meeting_id)
      mailTo.set(`${row.meeting_id}|${row.to_address}`, [
        ...(mailTo.get(`${row.meeting_id}|${row.to_address}`) ?? []),
        row,
      ]);
  const plannedByTitle = new Map(plan.map((p) => [p.title, p]));
  for (const { meeting_id, email } of attendeeRows) {
    const record = byId.get(meeting_id);
    if (!record) continue;
    const planned = plannedByTitle.get(record.title);
    const rows = (mailTo.get(`${meeting_id}|${email}`) ?? []).filter((m) => MAIL_KIND(m.subject) !== 'notice');
    const zoom = record.location_type === 'zoom';
    const hasLink = (m: MailRow) => !zoom || m.text_body.includes('Join Zoom: ');
    const invitations = rows.filter((m) => MAIL_KIND(m.subject) === 'invitation');
    const linked = invitations.filter(hasLink);
    const unlinked = invitations.filter((m) => !hasLink(m));
    const updates = rows.filter((m) => MAIL_KIND(m.subject) === 'update');
    const cancellations = rows.filter((m) => MAIL_KIND(m.subject) === 'cancellation');
    const who = `${record.title} → ${email}`;
    add('attendee mailboxes checked');
    if (linked.length > 1) flag('mail meaning', `${who}: ${linked.length} invitations`);
    if (unlinked.length > 1 || (unlinked.length === 1 && !registered.has(`${record.title}|${email}`)))
      flag('mail meaning', `${who}: ${unlinked.length} invitation(s) without a join link`);
    else if (unlinked.length === 1) add('registrations while the Zoom meeting was pending (link followed by mail)');
    if (cancellations.length !== (record.status === 'cancelled' ? 1 : 0))
      flag('mail meaning', `${who}: ${cancellations.length} cancellations for a ${record.status} record`);
    const liveAtEnd = record.status === 'scheduled' && (!zoom || record.zoom_status === 'created');
    if (liveAtEnd && linked.length === 0 && updates.length === 0)
      flag('mail meaning', `${who}: never got the invitation`);
    if (updates.some((m) => !hasLink(m))) flag('mail meaning', `${who}: an update without a join link`);
    const reschedules = planned?.actions.filter((a) => a.type === 'reschedule' && a.outcome !== 'refused').length ?? 0;
    if (updates.length > reschedules)
      flag('mail meaning', `${who}: ${updates.length} updates for ${reschedules} reschedule(s)`);
    if (zoom && liveAtEnd) {
      const joinUrl = (rowsOf.get(record.id) ?? []).find((r) => r.state === 'live')?.join_url;
      const last = rows.filter((m) => MAIL_KIND(m.subject) !== 'cancellation' && hasLink(m)).at(-1);
      if (!joinUrl || !last?.text_body.includes(`Join Zoom: ${joinUrl}`))
        flag('mail meaning', `${who}: the latest mail does not carry the stored join link`);
      else add('attendees whose latest mail has the live join link');
    }
  }

  // 5. No job failed for good without a record state that says why.
  for (const job of failedJobs) {
    const record = job.data.meetingId ? byId.get(job.data.meetingId) : undefined;
    if (record && ['failed', 'orphaned', 'waiting_for_reconnect'].includes(record.zoom_status))
      explain('failed job', `${job.name} for ${record.title}: the record says ${record.zoom_status}`);
    else
      flag('failed job', `${job.name} ${JSON.stringify(job.data)} failed: ${JSON.stringify(job.output).slice(0, 200)}`);
  }
  add('failed jobs', failedJobs.length);

  // 7. Reminders: each person on a record reminded once per offset that came due while it was scheduled.
  await checkReminders(pool, plan, options.reminders, { delivered, retriesOf }, add, flag, explain);
  return { figures, findings };
}

/**
 * 6. No host holds two meetings at Zoom whose times overlap: Zoom schedules them, but a host can run
 * only one at a time (docs/zoom-facts.md §10.7). The one explained case is a pair with an
 * explained ghost — a create whose answer was lost (docs/product.md §4.6), which the app cannot see
 * or remove with its scopes, beside the meeting its record got on the retry; every other pair
 * fails the run.
 */
function checkOverlaps(
  emulator: ZoomEmulator,
  explainedGhosts: Set<number>,
  add: (key: string, n?: number) => void,
  flag: (check: string, detail: string) => void,
  explain: (check: string, detail: string) => void,
): void {
  const overlaps = emulator.control.overlaps();
  add('overlaps at Zoom', overlaps.length);
  for (const overlap of overlaps) {
    const ghosts = overlap.meetings.filter((m) => explainedGhosts.has(m.id)).map((m) => m.id);
    if (ghosts.length) {
      add('overlaps explained by an ambiguous create’s ghost', 1);
      explain('overlap', `${describeOverlaps([overlap])} (ghost of an ambiguous create: ${ghosts.join(', ')})`);
    } else flag('overlap', describeOverlaps([overlap]));
  }
}

/** When the load ran, and when the drain found everything settled (ms). */
export interface ReminderWindow {
  /** A drain poll found nothing left to do then: every reminder due by that time had been handled. */
  settledAt: number;
  load: { from: number; to: number };
}

interface ReminderRecordRow {
  id: string;
  title: string;
  status: string;
  location_type: string;
  start_at: Date;
  cancelled_at: Date | null;
  offsets: number[];
  host_email: string | null;
  booker_email: string | null;
}
interface ReminderSentRow {
  meeting_id: string;
  start_at: Date;
  minutes_before: number;
  sent_at: Date;
}
interface ReminderMailRow {
  id: string;
  meeting_id: string;
  to_address: string;
  created_at: Date;
  /** The transaction that queued it (its start, to the microsecond): one reminder's mails share it. */
  tx: string;
  text_body: string;
}

/** A time a record started at, when it got it, and — if it was moved on — when it was moved. */
interface Span {
  start: number;
  /** The request that gave the record this time went out and was answered in this window (ms). */
  set: [number, number];
  movedAway?: [number, number];
}

/**
 * 7. Reminders (docs/product.md §13.1), from `reminders_sent`, the `Reminder:` mails and their
 * deliveries. A record still scheduled at the end is owed one reminder per offset whose time came
 * before the system settled and after the request that gave it its start was answered (one whose
 * time came while that request ran may or may not be owed: it depends on the instant it
 * committed). A reminder is never sent before its time, nor for a time that had already passed when
 * the record got that start. A record moved or cancelled may have been reminded of the old time
 * only if that reminder went out before the change: a reminder holds the record's row while it
 * decides, so one sent for the old time must be stamped before the move was answered, or before the
 * cancel's own time. Each reminder is one mail to each person on the record then — its attendees,
 * its registrants, the person who booked it if not its host, and its host — and to no one else.
 */
async function checkReminders(
  pool: pg.Pool,
  plan: PlannedRecord[],
  window: ReminderWindow,
  mail: { delivered: Map<string, number>; retriesOf: Map<string, number> },
  add: (key: string, n?: number) => void,
  flag: (check: string, detail: string) => void,
  explain: (check: string, detail: string) => void,
): Promise<void> {
  const records = (
    await pool.query<ReminderRecordRow>(
      `SELECT m.id, m.title, m.status, m.location_type, m.start_at, m.cancelled_at,
              e.reminder_minutes_before AS offsets, lower(h.email) AS host_email,
              CASE WHEN m.kind = 'booking' AND m.created_by <> m.host_user_id THEN lower(b.email) END AS booker_email
         FROM meetings m
         JOIN ecosystems e ON e.id = m.ecosystem_id
         LEFT JOIN users h ON h.id = m.host_user_id
         LEFT JOIN users b ON b.id = m.created_by`,
    )
  ).rows;
  const sent = (
    await pool.query<ReminderSentRow>(
      'SELECT meeting_id, start_at, minutes_before, sent_at FROM reminders_sent ORDER BY sent_at',
    )
  ).rows;
  const mails = (
    await pool.query<ReminderMailRow>(
      `SELECT id, meeting_id, lower(to_address) AS to_address, created_at, created_at::text AS tx, text_body
         FROM mail_messages WHERE subject LIKE 'Reminder: %' ORDER BY created_at, id`,
    )
  ).rows;
  const people = (
    await pool.query<{ meeting_id: string; email: string; kind: 'attendee' | 'registrant' }>(
      'SELECT meeting_id, lower(email) AS email, kind FROM attendees',
    )
  ).rows;
  const jobs = (
    await pool.query<{ meeting_id: string; start_at: string; minutes: number; state: string }>(
      `SELECT data->>'meetingId' AS meeting_id, data->>'startAt' AS start_at, (data->>'minutesBefore')::int AS minutes, state
         FROM pgboss.job WHERE name = 'meetings.remind'`,
    )
  ).rows;

  const key = (meetingId: string, start: number, minutes: number) => `${meetingId}|${start}|${minutes}`;
  const sentBy = new Map(sent.map((r) => [key(r.meeting_id, r.start_at.getTime(), r.minutes_before), r]));
  const jobStates = new Map<string, string[]>();
  for (const job of jobs) {
    const k = key(job.meeting_id, Date.parse(job.start_at), job.minutes);
    jobStates.set(k, [...(jobStates.get(k) ?? []), job.state]);
  }
  const group = <T, K>(rows: T[], by: (row: T) => K) => {
    const map = new Map<K, T[]>();
    for (const row of rows) map.set(by(row), [...(map.get(by(row)) ?? []), row]);
    return map;
  };
  const sentOf = group(sent, (r) => r.meeting_id);
  const mailsOf = group(mails, (m) => m.meeting_id);
  const peopleOf = group(people, (p) => p.meeting_id);
  const plannedByTitle = new Map(plan.map((p) => [p.title, p]));
  const accounted = new Set<string>();
  const iso = (ms: number) => new Date(ms).toISOString();

  add('reminder offsets set', Math.max(0, ...records.map((r) => r.offsets.length)));
  add('reminders sent', sent.length);
  add('reminder mails', mails.length);
  add('records reminded', sentOf.size);
  add(
    'reminders sent while the load ran',
    sent.filter((r) => r.sent_at.getTime() >= window.load.from && r.sent_at.getTime() <= window.load.to).length,
  );

  for (const record of records) {
    const planned = plannedByTitle.get(record.title);
    if (!planned?.create) continue;
    const original = Date.parse(planned.startTime);
    const finalStart = record.start_at.getTime();
    const move = planned.actions.find(
      (a) =>
        a.type === 'reschedule' &&
        (a.outcome === 'ok' || a.outcome === 'unknown') &&
        a.to &&
        Date.parse(a.to.startTime) === finalStart &&
        finalStart !== original,
    );
    const acknowledgedMove = planned.actions.find((a) => a.type === 'reschedule' && a.outcome === 'ok');
    if ((acknowledgedMove && !move) || (!move && finalStart !== original)) {
      flag('reminders', `${record.title}: starts ${iso(finalStart)}, which no acknowledged create or move explains`);
      continue;
    }
    const spans: Span[] = [{ start: original, set: [planned.create.sentAt, planned.create.answeredAt] }];
    if (move?.sentAt !== undefined && move.answeredAt !== undefined) {
      spans[0]!.movedAway = [move.sentAt, move.answeredAt];
      spans.push({ start: finalStart, set: [move.sentAt, move.answeredAt] });
    }

    for (const span of spans)
      for (const minutes of record.offsets) {
        const due = span.start - minutes * 60_000;
        const k = key(record.id, span.start, minutes);
        const row = sentBy.get(k);
        const what = `${record.title} (${iso(span.start)}, ${minutes} min before, due ${iso(due)})`;
        if (row) accounted.add(k);
        if (row && row.sent_at.getTime() < due) {
          flag('reminders', `${what}: sent ${iso(row.sent_at.getTime())}, before its time`);
          continue;
        }
        if (due <= span.set[0]) {
          // Its time had passed when the record got this start: skipped.
          if (row) flag('reminders', `${what}: sent, though its time had passed when the record got this start`);
          continue;
        }
        if (span.movedAway) {
          if (!row) continue;
          if (row.sent_at.getTime() > span.movedAway[1])
            flag(
              'reminders',
              `${what}: sent ${iso(row.sent_at.getTime())}, after the move to another time was answered (${iso(span.movedAway[1])})`,
            );
          else {
            add('reminders sent before a cancel or move');
            explain('reminder before a change', `${what}: sent before the record was moved`);
          }
          continue;
        }
        if (record.status !== 'scheduled') {
          if (!row) continue;
          const cancelled = record.cancelled_at?.getTime() ?? Number.NEGATIVE_INFINITY;
          if (row.sent_at.getTime() > cancelled)
            flag(
              'reminders',
              `${what}: sent ${iso(row.sent_at.getTime())} for a record ${record.status} at ${record.cancelled_at ? iso(cancelled) : '?'}`,
            );
          else {
            add('reminders sent before a cancel or move');
            explain('reminder before a change', `${what}: sent before the record was cancelled`);
          }
          continue;
        }
        if (due > window.settledAt) continue;
        if (due <= span.set[1]) {
          // Its time came while the request that set the start ran: owed only if it committed before.
          add('reminders due either way (their time came while the record got its start)');
          continue;
        }
        add('reminders due');
        if (!row) {
          add('reminders missing');
          flag('reminders', `${what}: never sent (reminder jobs: ${(jobStates.get(k) ?? ['none']).join(', ')})`);
        }
      }

    // Each reminder's mails, one set per reminder (they share the transaction that recorded it).
    const recorded = (sentOf.get(record.id) ?? []).slice();
    const sets = [...group(mailsOf.get(record.id) ?? [], (m) => m.tx).values()];
    if (sets.length > recorded.length) {
      add('reminders twice', sets.length - recorded.length);
      flag('reminders', `${record.title}: ${sets.length} sets of reminder mails for ${recorded.length} reminder(s)`);
    } else if (sets.length < recorded.length)
      flag('reminders', `${record.title}: ${recorded.length} reminder(s) recorded, ${sets.length} set(s) of mails`);
    const onRecord = peopleOf.get(record.id) ?? [];
    const registrations = new Map(
      planned.actions.filter((a) => a.type === 'register' && a.email).map((a) => [a.email!.toLowerCase(), a]),
    );
    for (const [i, set] of sets.entries()) {
      const reminder = recorded[i];
      const began = set[0]!.created_at.getTime();
      const allowed = new Set([
        ...(record.host_email ? [record.host_email] : []),
        ...(record.booker_email ? [record.booker_email] : []),
        ...onRecord.map((p) => p.email),
      ]);
      const owed = new Set([
        ...(record.host_email ? [record.host_email] : []),
        ...(record.booker_email ? [record.booker_email] : []),
        ...onRecord
          .filter((p) => {
            if (p.kind === 'attendee') return true;
            // A registration answered before this reminder's transaction began was on the record when it read it.
            const answered = registrations.get(p.email)?.answeredAt;
            return answered !== undefined && answered < began;
          })
          .map((p) => p.email),
      ]);
      const to = group(set, (m) => m.to_address);
      const when = `${record.title}, reminder ${reminder ? `sent ${iso(reminder.sent_at.getTime())}` : 'not recorded'}`;
      for (const [address, copies] of to) {
        if (!allowed.has(address)) flag('reminders', `${when}: mailed to ${address}, who is not on the record`);
        if (copies.length > 1) {
          add('reminders twice', copies.length - 1);
          flag('reminders', `${when}: ${copies.length} mails to ${address}`);
        }
        const registered = registrations.get(address)?.sentAt;
        if (reminder && registered !== undefined && registered > reminder.sent_at.getTime())
          flag('reminders', `${when}: mailed to ${address}, who registered after it was sent`);
      }
      for (const address of owed)
        if (!to.has(address)) {
          add('reminder mails missing');
          flag('reminders', `${when}: no mail to ${address}`);
        }
      for (const m of set) {
        if (record.location_type === 'zoom' && !m.text_body.includes('Join Zoom: '))
          add('reminder mails of Zoom records without a join link');
        const times = mail.delivered.get(m.id) ?? 0;
        // Not delivered, or delivered twice without a retried send: the mail delivery check names it.
        if (times > 1) {
          if ((mail.retriesOf.get(m.id) ?? 0) > 0) add('reminder mails delivered twice after a retried send');
          else add('reminders twice', times - 1);
        }
      }
    }
  }
  for (const row of sent) {
    const k = key(row.meeting_id, row.start_at.getTime(), row.minutes_before);
    if (!accounted.has(k))
      flag(
        'reminders',
        `reminder of record ${row.meeting_id} for ${row.start_at.toISOString()}, ${row.minutes_before} min before: a start or offset the record never had`,
      );
  }
}
