/**
 * `npm run reconcile`: re-drives every record whose Zoom state is not final (docs/product.md §4.7) by queuing
 * its provision or removal job, runs the due jobs in this process when it can, and prints a
 * summary. Safe while workers run: the jobs are idempotent.
 */
import { buildRuntime } from './runtime.ts';
import { reconcileZoomWork } from '../meetings/reconcileZoomWork.ts';
import { meetings } from '../db/schema.ts';
import { sql } from '../db/orm.ts';

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
  process.stdout.write(
    [
      'Reconciliation finished',
      `  provision jobs queued: ${report.provisions}`,
      `  removal jobs queued:   ${report.removals}`,
      `  jobs run here:         ${ran}`,
      '  Zoom records by status:',
      ...byStatus.map((r) => `    ${r.status.padEnd(24)} ${r.count}`),
      `  took ${Math.round(performance.now() - started)} ms`,
      '',
    ].join('\n'),
  );
} finally {
  await runtime.stop();
}
