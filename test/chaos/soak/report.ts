/** The soak's JSON report and its one-screen table. */
import type { Finding } from './checks.ts';
import type { ComplianceOutcome } from './complianceClock.ts';
import type { KillEvent } from './cluster.ts';
import type { SoakOptions } from './args.ts';

export interface SoakReport {
  command: string;
  options: SoakOptions;
  machine: { cpus: number; cpu: string; memoryGb: number; node: string; postgres: string; host: string };
  seconds: { setup: number; load: number; drain: number; total: number };
  figures: Record<string, number>;
  zoomCalls: {
    total: number;
    creates: number;
    deletes: number;
    injected: Record<string, number>;
    perSecondLimit429: number;
  };
  kills: KillEvent[];
  events: { second: number; what: string; error?: string }[];
  balancer: { forwarded: number; refusedThenRetried: number; badGateway: number };
  compliance: ComplianceOutcome[];
  findings: Finding[];
  unexplained: number;
}

export function reportRows(r: SoakReport): [string, string][] {
  const f = (key: string) => r.figures[key] ?? 0;
  const explainedBy = (check: string) =>
    r.findings.filter((x) => x.check === check && x.verdict === 'explained').length;
  const zoomStates = Object.entries(r.figures)
    .filter(([k]) => k.startsWith('zoom records '))
    .map(([k, v]) => `${k.slice('zoom records '.length)} ${v}`)
    .join(', ');
  const refused = Object.entries(r.figures)
    .filter(([k]) => k.startsWith('creates refused: '))
    .map(([k, v]) => `${v} ${k.slice('creates refused: '.length)}`);
  const webKills = r.kills.filter((k) => k.target.startsWith('web')).length;
  const restart = r.kills.length
    ? (r.kills.reduce((a, k) => a + k.restartSeconds, 0) / r.kills.length).toFixed(1)
    : '–';
  const c = r.compliance;
  return [
    [
      'records (kinds: booking, mentorship, event)',
      `${f('records planned')} planned, ${f('records created (201)')} created (201), ${f('creates whose answer was lost (502)')} answer lost${refused.length ? `, refused as expected: ${refused.join(', ')}` : ''}`,
    ],
    ['hosts', `${r.options.hosts} (one disconnects and reconnects, one removes the app at Zoom)`],
    [
      'cancels / reschedules / registrations',
      `${f('cancels ok')} / ${f('reschedules ok')} / ${f('registers ok')} acknowledged; ${f('cancels while the Zoom create was pending')} cancels and ${f('reschedules while the Zoom create was pending')} reschedules while the create was in flight`,
    ],
    ['Zoom records at the end (status → zoom status)', zoomStates],
    ['Zoom calls', `${r.zoomCalls.creates} creates, ${r.zoomCalls.deletes} deletes, ${r.zoomCalls.total} in all`],
    [
      'faults injected',
      `5xx ${r.zoomCalls.injected.status ?? 0}, delay ${r.zoomCalls.injected.delay ?? 0}, 429 ${r.zoomCalls.injected.rate_limit ?? 0}, commit-then-timeout ${r.zoomCalls.injected.timeout_after_commit ?? 0}; per-second-limit 429s ${r.zoomCalls.perSecondLimit429}; requests dropped in transit ${r.zoomCalls.injected.client_gone ?? 0}`,
    ],
    [
      'SIGKILLs',
      `${r.kills.length} (web ${webKills}, worker ${r.kills.length - webKills}); replacement up in ${restart} s on average; ${r.balancer.badGateway} requests cut off (502)`,
    ],
    ['ambiguous creates recorded', String(f('ambiguous creates recorded'))],
    // A host can run one meeting at a time (docs/zoom-facts.md §10.7): any pair fails the run.
    [
      'overlaps at Zoom',
      `${f('overlaps at Zoom')} (pairs of one host's meetings whose times intersect; 0 but ghosts of ambiguous creates)`,
    ],
    [
      'ghost meetings at Zoom',
      `${f('ghost meetings at Zoom')}, explained by an ambiguous create: ${f('ghosts explained by a recorded ambiguous create')}`,
    ],
    [
      'meetings left at Zoom by design',
      `${f('orphaned meetings left at Zoom (deauthorized host)')} orphaned (deauthorized host, ids shown on the records)`,
    ],
    [
      'mail',
      `${f('mail messages')} messages, delivered twice: ${f('mail delivered twice')} (explained ${explainedBy('mail duplicate')}); ${f('attendee mailboxes checked')} attendee mailboxes checked, ${f('attendees whose latest mail has the live join link')} with the live join link last`,
    ],
    [
      'reminders',
      `${f('reminders due')} due, ${f('reminders sent')} sent (${f('reminder mails')} mails) to ${f('records reminded')} records, ${f('reminders sent while the load ran')} while the load ran, ${f('reminders missing')} missing, ${f('reminders twice')} twice; ${f('reminders sent before a cancel or move')} sent just before a cancel or move, ${f('reminders due either way (their time came while the record got its start)')} due as the record got its start; ${f('reminder offsets set')} offsets`,
    ],
    [
      'compliance notice (endpoint down 9 days)',
      c
        .map(
          (o) =>
            `${o.status} on virtual day ${o.sentOnDay ?? '–'} after ${o.attempts} attempts, day-8 alert ${o.alertFired ? 'fired' : 'not fired'}, ${o.noticesAtZoom} at Zoom`,
        )
        .join('; ') || 'none',
    ],
    ['failed jobs', `${f('failed jobs')} (explained ${explainedBy('failed job')})`],
    [
      'time',
      `setup ${r.seconds.setup} s, load ${r.seconds.load} s, drain ${r.seconds.drain} s, total ${r.seconds.total} s`,
    ],
    ['UNEXPLAINED DIFFERENCES', String(r.unexplained)],
  ];
}

export function printReport(r: SoakReport, out: (line: string) => void): void {
  const rows = reportRows(r);
  const width = Math.max(...rows.map(([k]) => k.length));
  out('');
  out(`Chaos soak: ${r.command}`);
  out(
    `Machine: ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres}`,
  );
  out('-'.repeat(Math.min(120, width + 60)));
  for (const [k, v] of rows) out(`${k.padEnd(width)}  ${v}`);
  out('-'.repeat(Math.min(120, width + 60)));
  const unexplained = r.findings.filter((x) => x.verdict === 'unexplained');
  for (const finding of unexplained.slice(0, 15)) out(`UNEXPLAINED [${finding.check}] ${finding.detail}`);
  if (unexplained.length > 15) out(`… and ${unexplained.length - 15} more in the JSON`);
}

/** The table as Markdown, for docs/reliability.md. */
export function markdownTable(r: SoakReport): string {
  return ['| | |', '|---|---|', ...reportRows(r).map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
