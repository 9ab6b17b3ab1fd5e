/**
 * What ops need to see about deauthorizations (docs/product.md §6): each one with its data-compliance notice
 * status and deadline. Only the pseudonymous `zoomUserRef` identifies the Zoom user, so the report
 * can be shared without revealing who uninstalled the app.
 */
import { desc, sql, type SQL } from '../../db/orm.ts';
import type { Queries } from '../../db/client.ts';
import { zoomDeauthorizations } from '../../db/schema.ts';
import { COMPLIANCE_ALERT_AFTER_MS } from './deauthorization.ts';

/**
 * `sent`/`skipped`/`endpoint_gone` (Zoom's compliance API answered 404/410) are final. `pending` is inside the first 8 days; `overdue` is past day 8 and
 * still unsent (the alert has fired); `missed` is past the 10-day deadline — a compliance breach.
 */
export type NoticeState = 'sent' | 'skipped' | 'endpoint_gone' | 'pending' | 'overdue' | 'missed';

export interface DeauthorizationLine {
  id: string;
  zoomUserRef: string;
  deauthorizedAt: Date;
  receivedAt: Date;
  deadlineAt: Date;
  state: NoticeState;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  affectedUsers: number;
}

export interface DeauthorizationReport {
  lines: DeauthorizationLine[];
  counts: Record<NoticeState, number>;
}

/** The notice state as SQL, so the report and the /metrics gauge classify rows the one same way. */
export function noticeStateSql(now: Date): SQL<NoticeState> {
  const alertAfter = new Date(now.getTime() - COMPLIANCE_ALERT_AFTER_MS);
  return sql<NoticeState>`CASE WHEN ${zoomDeauthorizations.noticeStatus} <> 'pending' THEN ${zoomDeauthorizations.noticeStatus}
    WHEN ${zoomDeauthorizations.deadlineAt} <= ${now} THEN 'missed'
    WHEN ${zoomDeauthorizations.receivedAt} <= ${alertAfter} THEN 'overdue' ELSE 'pending' END`;
}

export async function deauthorizationReport(
  db: Queries,
  now: Date,
  options: { limit?: number } = {},
): Promise<DeauthorizationReport> {
  const rows = await db
    .select({ row: zoomDeauthorizations, state: noticeStateSql(now) })
    .from(zoomDeauthorizations)
    .orderBy(desc(zoomDeauthorizations.receivedAt))
    .limit(options.limit ?? 500);
  const counts: Record<NoticeState, number> = {
    pending: 0,
    overdue: 0,
    missed: 0,
    sent: 0,
    skipped: 0,
    endpoint_gone: 0,
  };
  const lines = rows.map(({ row, state }) => {
    counts[state]++;
    return {
      id: row.id,
      zoomUserRef: row.zoomUserRef,
      deauthorizedAt: row.deauthorizedAt,
      receivedAt: row.receivedAt,
      deadlineAt: row.deadlineAt,
      state,
      attempts: row.noticeAttempts,
      lastError: row.noticeLastError,
      sentAt: row.noticeSentAt,
      affectedUsers: row.affectedUsers,
    };
  });
  return { lines, counts };
}

/** The report as a one-screen table (newest first) and a summary line. */
export function formatDeauthorizationReport(report: DeauthorizationReport, now: Date): string {
  const day = 86_400_000;
  const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
  const header = ['received (UTC)', 'zoom user', 'notice', 'attempts', 'deadline / sent', 'last error'];
  const rows = report.lines.map((l) => [
    when(l.receivedAt),
    l.zoomUserRef,
    l.state,
    String(l.attempts),
    l.sentAt
      ? `sent ${when(l.sentAt)}`
      : l.state === 'skipped'
        ? 'notices off'
        : l.state === 'endpoint_gone'
          ? 'Zoom endpoint gone'
          : `${when(l.deadlineAt)} (${((l.deadlineAt.getTime() - now.getTime()) / day).toFixed(1)} d left)`,
    (l.lastError ?? '').slice(0, 60),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const c = report.counts;
  return [
    report.lines.length === 0 ? 'No deauthorizations recorded.' : format(header),
    ...rows.map(format),
    '',
    `Deauthorizations: ${report.lines.length} — notice sent ${c.sent}, pending ${c.pending}, overdue (past day 8) ${c.overdue}, ` +
      `missed (past day 10) ${c.missed}, skipped (ZOOM_DATA_COMPLIANCE=off) ${c.skipped}, endpoint gone (Zoom answered 404/410) ${c.endpoint_gone}`,
    c.overdue + c.missed > 0
      ? 'ACTION NEEDED: notices past day 8 are unsent. Fix the cause shown as the last error, then run `npm run deauthorizations -- --send-now`.'
      : '',
  ]
    .filter((line, i, all) => line !== '' || i < all.length - 1)
    .join('\n');
}
