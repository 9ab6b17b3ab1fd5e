/**
 * `npm run reconcile`: re-drives every record whose Zoom state is not final (docs/product.md §4.7) by queuing
 * its provision or removal job, runs the due jobs in this process when it can, and prints a
 * summary. Safe while workers run: the jobs are idempotent. It also lists the records that already
 * overlapped another of their host's when the no-overlap rule arrived (docs/product.md §12.1),
 * which only a person can settle: move or cancel one of each pair.
 */
import { buildRuntime } from './runtime.ts';
import { reconcileZoomWork } from '../meetings/reconcileZoomWork.ts';
import { meetings } from '../db/schema.ts';
import { sql } from '../db/orm.ts';
import { keptOverlaps } from '../availability/keptOverlaps.ts';

const runtime = await buildRuntime({ role: 'worker', quiet: true });
const started = performance.now();
try {
  const report = await reconcileZoomWork({
    db: runtime.deps.database.db,
    queue: runtime.deps.queue,
    now: () => new Date(),
  });
  process.stdout.write(
    `queued: ${report.provisions} provision, ${report.removals} removal job(s); running due jobs…\n`,
  );
  const ran = await runtime.deps.queue.runDueJobs({ limit: 5000 });
  const byStatus = await runtime.deps.database.db
    .select({ status: meetings.zoomStatus, count: sql<number>`count(*)::int` })
    .from(meetings)
    .where(sql`${meetings.locationType} = 'zoom'`)
    .groupBy(meetings.zoomStatus);
  const overlaps = await keptOverlaps(runtime.deps.database.db, new Date());
  const shown = overlaps.slice(0, 20);
  process.stdout.write(
    [
      'Reconciliation finished',
      `  provision jobs queued: ${report.provisions}`,
      `  removal jobs queued:   ${report.removals}`,
      `  jobs run here:         ${ran}`,
      '  Zoom records by status:',
      ...byStatus.map((r) => `    ${r.status.padEnd(24)} ${r.count}`),
      `  overlapping records kept from before the no-overlap rule: ${overlaps.length}`,
      ...shown.map(
        (o) =>
          `    host ${o.hostEmail}: record ${o.meetingId} ${o.start.toISOString()}–${o.end.toISOString()} overlaps ${o.overlaps.join(', ')}`,
      ),
      ...(overlaps.length > shown.length ? [`    … and ${overlaps.length - shown.length} more`] : []),
      ...(overlaps.length > 0 ? ['    (move or cancel one record of each; the host cannot run both at Zoom)'] : []),
      `  took ${Math.round(performance.now() - started)} ms`,
      '',
    ].join('\n'),
  );
} finally {
  await runtime.stop();
}
