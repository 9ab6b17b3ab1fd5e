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
