/**
 * `npm run deauthorizations`: lists Zoom deauthorizations with their data-compliance notice status
 * (docs/product.md §6) — sent, pending, overdue (past day 8), missed (past day 10) or skipped — newest first.
 * `--json` prints the same as JSON; `--send-now` first tries every unsent notice once, here.
 */
import { eq } from '../db/orm.ts';
import { zoomDeauthorizations } from '../db/schema.ts';
import { sendComplianceNoticeJob } from '../integrations/zoom/complianceNotice.ts';
import { deauthorizationReport, formatDeauthorizationReport } from '../integrations/zoom/deauthorizationReport.ts';
import { buildRuntime } from './runtime.ts';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => !['--json', '--send-now'].includes(a));
if (unknown.length) {
  process.stderr.write(
    `unknown option ${unknown.join(' ')}; usage: npm run deauthorizations [-- --json] [-- --send-now]\n`,
  );
  process.exit(64);
}

const runtime = await buildRuntime({ role: 'web', quiet: true });
try {
  const db = runtime.deps.database.db;
  if (args.has('--send-now')) {
    const unsent = await db
      .select({ id: zoomDeauthorizations.id })
      .from(zoomDeauthorizations)
      .where(eq(zoomDeauthorizations.noticeStatus, 'pending'));
    for (const { id } of unsent)
      await runtime.deps.queue.enqueue(db, sendComplianceNoticeJob, { deauthorizationId: id });
    process.stderr.write(`trying ${unsent.length} unsent notice(s) now…\n`);
    await runtime.deps.queue.runDueJobs({ only: [sendComplianceNoticeJob.name] });
  }
  const now = new Date();
  const report = await deauthorizationReport(db, now);
  process.stdout.write(
    args.has('--json') ? `${JSON.stringify(report, null, 2)}\n` : `${formatDeauthorizationReport(report, now)}\n`,
  );
  process.exitCode = report.counts.overdue + report.counts.missed > 0 ? 2 : 0;
} finally {
  await runtime.stop();
}
