/**
 * `npm run chaos` — the chaos soak: thousands of records through Zoom faults and
 * repeated SIGKILLs on the README's deployment (PostgreSQL, web and worker processes behind a
 * balancer), then every meeting and mail accounted for. Prints progress while it runs, a table at
 * the end, writes JSON, and exits 1 on any unexplained difference (2 on a usage error).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { startZoomEmulator } from '../../../zoom-emulator/startZoomEmulator.ts';
import { startSmtpSink } from '../../helpers/smtpSink.ts';
import { expectJson } from '../../helpers/httpClient.ts';
import { createThrowawayPostgres } from '../../helpers/testDatabase.ts';
import { parseSoakArgs, USAGE, type FaultName, type SoakOptions } from './args.ts';
import { startBalancer } from './balancer.ts';
import { Cluster } from './cluster.ts';
import { ComplianceClock, DOWN_FOR_DAYS } from './complianceClock.ts';
import { judge } from './checks.ts';
import { planRecords, planReminders, prng, runLoad, type Moment } from './load.ts';
import { makePeople } from './people.ts';
import { printReport, type SoakReport } from './report.ts';

let options: SoakOptions;
try {
  options = parseSoakArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}

const started = performance.now();
const clock = () => {
  const s = Math.round((performance.now() - started) / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
};
const say = (line: string) => process.stdout.write(`[${clock()}] ${line}\n`);
const seconds = () => Math.round((performance.now() - started) / 1000);

const runDir = join(options.logDir, `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(runDir, { recursive: true });
process.env.TEST_DATABASE_URL = options.adminUrl;

/** Each fault's probability given the ones before it did not fire (the emulator tries them in order). */
function conditionalRates(faults: Record<FaultName, number>): [FaultName, number][] {
  let left = 1;
  return (Object.entries(faults) as [FaultName, number][])
    .filter(([, rate]) => rate > 0)
    .map(([name, rate]) => {
      const conditional = rate / left;
      left -= rate;
      return [name, conditional];
    });
}

async function main(): Promise<number> {
  say(
    `chaos soak: ${options.records} records, ${options.hosts} hosts, ${options.kills} kills, faults ${JSON.stringify(options.faults)}; logs in ${runDir}`,
  );
  const database = await createThrowawayPostgres();
  const balancer = await startBalancer();
  const emulator = await startZoomEmulator({
    redirectUris: [`${balancer.url}/integrations/zoom/callback`],
    webhookUrl: `${balancer.url}/integrations/zoom/webhook`,
    users: [],
  });
  const smtp = await startSmtpSink();
  const env = {
    DATABASE_URL: database.url,
    SMTP_URL: smtp.url,
    APP_BASE_URL: balancer.url,
    ZOOM_CLIENT_ID: emulator.clientId,
    ZOOM_CLIENT_SECRET: emulator.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: emulator.webhookSecret,
    ZOOM_OAUTH_BASE_URL: emulator.url,
    ZOOM_API_BASE_URL: emulator.url,
    TOKEN_ENCRYPTION_KEYS: `soak:${Buffer.alloc(32, 13).toString('base64')}`,
    LOG_LEVEL: 'info',
    // The soak is about crashes, not mail limits: its people book hundreds of records and sign up
    // from one address.
    MAIL_QUOTA_PER_PERSON_HOUR: '1000000',
    MAIL_QUOTA_PER_PERSON_DAY: '1000000',
    MAIL_QUOTA_PER_ECOSYSTEM_HOUR: '1000000',
    MAIL_QUOTA_PER_CLIENT_HOUR: '1000000',
  };
  const cluster = new Cluster(env, balancer, runDir);
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  const compliance = new ComplianceClock(pool, emulator);
  let exitCode = 1;
  try {
    await cluster.start(options.webs);
    say(
      `cluster up: ${cluster.members.map((m) => m.name).join(', ')} behind ${balancer.url}; PostgreSQL database ${new URL(database.url).pathname.slice(1)}`,
    );
    const people = await makePeople({
      base: balancer.url,
      smtp,
      emulator,
      hosts: options.hosts,
      log: say,
    });
    const random = prng(options.seed);
    const plan = planRecords(options.records, people.hosts, random);
    // Reminders (docs/product.md §13.1): the admin sets offsets that make some records' reminders
    // come due while the records are created, moved and cancelled and the processes killed.
    const reminders = planReminders(plan, Date.now());
    await expectJson(
      await people.admin.api('PUT', `/api/ecosystems/${people.ecosystemId}/settings`, {
        reminderMinutesBefore: reminders.minutes,
      }),
      'set the reminder offsets',
      200,
    );
    const utc = (ms: number) => new Date(ms).toISOString().slice(11, 19);
    const dueTimes = [...new Set(reminders.targets.map((t) => utc(t.due)))];
    say(
      `reminders: ${reminders.minutes.length} offsets (${reminders.minutes.join(', ')} minutes), due at ${dueTimes.join(' and ')} UTC for ${reminders.targets.reduce((n, t) => n + t.titles.length, 0)} planned start(s); the load starts at ${utc(reminders.loadStartsAt)} UTC`,
    );
    const [, flapping, removing] = people.hosts as [
      unknown,
      (typeof people.hosts)[number],
      (typeof people.hosts)[number],
    ];

    // Zoom's outage: each fault at its rate on creates and deletes (the compliance endpoint is down too).
    const faultIds: number[] = [];
    for (const operation of ['meetings.create', 'meetings.delete']) {
      for (const [name, rate] of conditionalRates(options.faults)) {
        const spec =
          name === '5xx'
            ? { kind: 'status' as const, status: 503 }
            : name === 'delay'
              ? { kind: 'delay' as const, delayMs: 2500 }
              : name === '429'
                ? { kind: 'rate_limit' as const, retryAfterSeconds: 2 }
                : { kind: 'timeout_after_commit' as const };
        faultIds.push(emulator.control.addFault({ operation, rate, ...spec }));
      }
    }
    compliance.startOutage();

    const n = options.records;
    const events: { second: number; what: string; error?: string }[] = [];
    const moments: Moment[] = [
      {
        at: Math.floor(n * 0.25),
        what: `host ${flapping.index} disconnects Zoom`,
        run: async () => void (await flapping.client.api('POST', '/integrations/zoom/disconnect', {})).text(),
      },
      {
        at: Math.floor(n * 0.45),
        what: `host ${flapping.index} reconnects Zoom (same Zoom user)`,
        run: async () => {
          const r = await flapping.client.connectZoom(emulator.url, flapping.zoomEmail);
          if (r.status !== 200) throw new Error(`reconnect answered ${r.status}`);
        },
      },
      {
        at: Math.floor(n * 0.6),
        what: `host ${removing.index} removes the app at Zoom (deauthorization)`,
        run: async () => {
          await emulator.control.deauthorize(removing.zoomUserId);
          compliance.run();
        },
      },
    ];
    let killChain = Promise.resolve();
    for (let k = 0; k < options.kills; k++) {
      const at = Math.floor(n * (0.05 + 0.9 * random()));
      const member = cluster.members[Math.floor(random() * cluster.members.length)]!;
      moments.push({
        at,
        what: `SIGKILL ${member.name}`,
        // One at a time: a kill waits for the previous replacement to be up.
        run: () =>
          (killChain = killChain.then(async () => {
            const event = await cluster.kill(member, seconds());
            say(`killed ${event.target} (pid ${event.pid}); replacement up in ${event.restartSeconds} s`);
          })),
      });
    }

    // Reminders come due on whole minutes, and a small load is over in well under one: it starts
    // just before the first of them, so they are sent amid the creates, moves, cancels and kills.
    const untilLoad = reminders.loadStartsAt - Date.now();
    if (untilLoad > 0) await new Promise((resolve) => setTimeout(resolve, untilLoad));
    let phase = 'load';
    const progress = setInterval(() => void status(phase).then(say, () => {}), 10_000);
    const status = async (label: string) => {
      const { rows } = await pool.query<{ zoom_status: string; n: number }>(
        `SELECT zoom_status, count(*)::int AS n FROM meetings WHERE location_type = 'zoom' GROUP BY 1 ORDER BY 1`,
      );
      const [mail] = (
        await pool.query<{ queued: number; sent: number }>(
          `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*) FILTER (WHERE status = 'sent')::int AS sent FROM mail_messages`,
        )
      ).rows;
      const [reminded] = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM reminders_sent')).rows;
      const done = plan.filter((p) => p.create).length;
      const actions = plan.flatMap((p) => p.actions).filter((a) => a.outcome).length;
      return `${label}: creates ${done}/${n}, actions ${actions}/${plan.flatMap((p) => p.actions).length}, kills ${cluster.kills.length}/${options.kills} | zoom ${rows.map((r) => `${r.zoom_status} ${r.n}`).join(', ')} | mail sent ${mail!.sent} queued ${mail!.queued} | reminders sent ${reminded!.n} | Zoom meetings live ${emulator.control.meetings('live').length}${compliance.endpointDown ? '' : ' | compliance endpoint back'}`;
    };

    const loadStarted = seconds();
    const loadStartedAt = Date.now();
    await runLoad({
      records: plan,
      ecosystemId: people.ecosystemId,
      concurrency: options.concurrency,
      moments,
      onMoment: (moment, error) => {
        events.push({ second: seconds(), what: moment.what, ...(error ? { error: String(error) } : {}) });
        if (!moment.what.startsWith('SIGKILL')) say(`${moment.what}${error ? ` — FAILED: ${String(error)}` : ''}`);
      },
    });
    await killChain;
    const loadEndedAt = Date.now();
    const loadSeconds = seconds() - loadStarted;
    say(
      `load done in ${loadSeconds} s; Zoom's outage ends${compliance.endpointDown ? ` (the compliance endpoint stays down until virtual day ${DOWN_FOR_DAYS})` : ''}`,
    );
    // How often each injected fault fired (the emulator counts them), before they are removed.
    const { items } = (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as {
      items: { id: number; kind: string; applied: number }[];
    };
    const injected: Record<string, number> = {};
    for (const fault of items.filter((f) => faultIds.includes(f.id)))
      injected[fault.kind] = (injected[fault.kind] ?? 0) + fault.applied;
    for (const id of faultIds) emulator.control.removeFault(id);

    // Drain: every record in a final (or explained) state, no create or delete in flight, no mail
    // queued, no reminder that has come due left to send.
    phase = 'drain';
    const drainStarted = seconds();
    const deadline = Date.now() + options.drainMinutes * 60_000;
    let quietPolls = 0;
    let drained = false;
    /** A poll found everything settled: every reminder due by then had been handled. */
    let settledAt = Date.now();
    while (Date.now() < deadline) {
      const polledAt = Date.now();
      const [row] = (
        await pool.query<{ open: number }>(
          `SELECT (SELECT count(*) FROM meetings WHERE location_type = 'zoom' AND (
                   (status = 'scheduled' AND zoom_status NOT IN ('created', 'failed', 'waiting_for_daily_limit') AND NOT (host_user_id = $1 AND zoom_status = 'waiting_for_reconnect'))
                OR (status = 'cancelled' AND zoom_status NOT IN ('deleted', 'orphaned', 'failed'))))
              + (SELECT count(*) FROM provider_meetings WHERE state IN ('creating', 'deleting'))
              + (SELECT count(*) FROM mail_messages WHERE status = 'queued')
              + (SELECT count(*) FROM zoom_deauthorizations WHERE notice_status = 'pending')
              + (SELECT count(*) FROM pgboss.job WHERE name = 'meetings.remind'
                   AND (state IN ('retry', 'active') OR (state = 'created' AND start_after <= now()))) AS open`,
          [removing.userId],
        )
      ).rows;
      quietPolls = Number(row!.open) === 0 ? quietPolls + 1 : 0;
      if (quietPolls > 0) settledAt = polledAt;
      if (quietPolls >= 3) {
        drained = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    clearInterval(progress);
    compliance.stop();
    const drainSeconds = seconds() - drainStarted;
    say(
      drained
        ? `settled after ${drainSeconds} s of drain`
        : `NOT settled after ${options.drainMinutes} minutes of drain`,
    );
    say(await status('final'));

    const verdict = await judge({
      pool,
      emulator,
      smtp,
      plan,
      deauthorizedHostUserId: removing.userId,
      reminders: { settledAt, load: { from: loadStartedAt, to: loadEndedAt } },
    });
    if (!drained)
      verdict.findings.push({
        check: 'drain',
        verdict: 'unexplained',
        detail: `not settled within ${options.drainMinutes} minutes`,
      });
    const complianceOutcomes = await compliance.outcomes();
    for (const o of complianceOutcomes) {
      if (o.status !== 'sent' || o.sentOnDay === null || o.sentOnDay >= 10)
        verdict.findings.push({
          check: 'compliance',
          verdict: 'unexplained',
          detail: `deauthorization ${o.deauthorizationId}: ${o.status}, sent on day ${o.sentOnDay}`,
        });
      if (o.noticesAtZoom !== 1)
        verdict.findings.push({
          check: 'compliance',
          verdict: 'unexplained',
          detail: `deauthorization ${o.deauthorizationId}: ${o.noticesAtZoom} notices at Zoom`,
        });
    }
    if (!complianceOutcomes.length)
      verdict.findings.push({ check: 'compliance', verdict: 'unexplained', detail: 'no deauthorization was recorded' });

    const calls = emulator.control.calls();
    const meetingCalls = calls.filter((c) => c.operation === 'meetings.create' || c.operation === 'meetings.delete');
    const report: SoakReport = {
      command: `npm run chaos -- ${process.argv.slice(2).join(' ')}`.trim(),
      options: { ...options },
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? '?',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version,
        host: hostname(),
      },
      seconds: { setup: loadStarted, load: loadSeconds, drain: drainSeconds, total: seconds() },
      figures: verdict.figures,
      zoomCalls: {
        total: calls.length,
        creates: calls.filter((c) => c.operation === 'meetings.create').length,
        deletes: calls.filter((c) => c.operation === 'meetings.delete').length,
        injected: { ...injected, client_gone: meetingCalls.filter((c) => c.fault === 'client_gone').length },
        perSecondLimit429: meetingCalls.filter((c) => c.status === 429 && !c.fault).length,
      },
      kills: cluster.kills,
      events,
      balancer: balancer.stats,
      compliance: complianceOutcomes,
      findings: verdict.findings,
      unexplained: verdict.findings.filter((f) => f.verdict === 'unexplained').length,
    };
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    printReport(report, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`JSON: ${options.out}\n`);
    exitCode = report.unexplained === 0 ? 0 : 1;
  } finally {
    compliance.stop();
    await cluster.stopAll().catch(() => {});
    await pool.end().catch(() => {});
    await balancer.close().catch(() => {});
    await emulator.close().catch(() => {});
    await smtp.close().catch(() => {});
    if (exitCode === 0) await database.drop().catch(() => {});
    else process.stdout.write(`database kept for inspection: ${database.url}\n`);
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `chaos soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
