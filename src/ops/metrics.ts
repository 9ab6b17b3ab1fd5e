/**
 * Prometheus text exposition. Gauges are read from the database at scrape time, so every
 * instance reports the same shared truth; the counters (src/metrics.ts) are per instance.
 */
import { sql } from '../db/orm.ts';
import { meetings, providerMeetings, zoomDeauthorizations } from '../db/schema.ts';
import type { AppDeps } from '../appDeps.ts';
import { countedEvents, labelString } from '../metrics.ts';
import { noticeStateSql } from '../integrations/zoom/deauthorizationReport.ts';

export async function renderMetrics(deps: Pick<AppDeps, 'database' | 'queue' | 'now'>): Promise<string> {
  const lines: string[] = [];
  const byZoomStatus = await deps.database.db
    .select({ status: meetings.zoomStatus, count: sql<number>`count(*)::int` })
    .from(meetings)
    .groupBy(meetings.zoomStatus);
  lines.push('# HELP meeting_records Meeting records by Zoom status.', '# TYPE meeting_records gauge');
  for (const row of byZoomStatus) lines.push(`meeting_records${labelString({ zoom_status: row.status })} ${row.count}`);
  const [ambiguous] = await deps.database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(providerMeetings)
    .where(sql`${providerMeetings.state} = 'ambiguous'`);
  lines.push(
    '# HELP zoom_ambiguous_creates Meeting creates whose answer was lost, recorded (docs/product.md §4.6).',
    '# TYPE zoom_ambiguous_creates gauge',
    `zoom_ambiguous_creates ${ambiguous?.count ?? 0}`,
  );
  const [overdue] = await deps.database.db
    .select({ count: sql<number>`count(*)::int` })
    .from(zoomDeauthorizations)
    .where(sql`${zoomDeauthorizations.noticeStatus} = 'pending' AND ${zoomDeauthorizations.alertedAt} IS NOT NULL`);
  lines.push(
    '# HELP zoom_compliance_notices_overdue Data-compliance notices unsent 8+ days after deauthorization.',
    '# TYPE zoom_compliance_notices_overdue gauge',
    `zoom_compliance_notices_overdue ${overdue?.count ?? 0}`,
  );
  const now = (deps.now ?? (() => new Date()))();
  const byNotice = await deps.database.db
    .select({ state: noticeStateSql(now), count: sql<number>`count(*)::int` })
    .from(zoomDeauthorizations)
    .groupBy(sql`1`);
  lines.push(
    '# HELP zoom_deauthorizations Deauthorizations by data-compliance notice state (pending, overdue past day 8, missed past day 10, sent, skipped, endpoint_gone).',
    '# TYPE zoom_deauthorizations gauge',
  );
  for (const row of byNotice) lines.push(`zoom_deauthorizations${labelString({ notice: row.state })} ${row.count}`);
  const depth = await deps.queue.queueDepth();
  lines.push('# HELP job_queue_depth Jobs waiting to run, by queue.', '# TYPE job_queue_depth gauge');
  for (const [queue, count] of Object.entries(depth)) lines.push(`job_queue_depth${labelString({ queue })} ${count}`);
  for (const [name, counter] of countedEvents()) {
    lines.push(`# HELP ${name} ${counter.help}`, `# TYPE ${name} counter`);
    for (const [labels, value] of counter.values) lines.push(`${name}${labels} ${value}`);
  }
  return `${lines.join('\n')}\n`;
}
