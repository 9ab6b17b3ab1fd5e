/**
 * One complete bench run on one database (PostgreSQL or PGlite): sets up the processes and people,
 * then measures the rows (docs/performance.md) that `only` selects, each against its baseline in the same run
 * (the parts: createParts, cancelPart, listPart, slotsPart, racePart, refreshPart, pacePart). Returns the
 * rows and every figure behind them.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { freePort } from '../test/helpers/freePort.ts';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtpSink.ts';
import { describeOverlaps } from '../zoom-emulator/overlaps.ts';
import { EmulatorClient } from './emulatorClient.ts';
import { createBooking, pool, waitForJoinUrl, type Created } from './load.ts';
import { makeEcosystem, makeHosts, type BenchHost } from './people.ts';
import {
  type Cleanup,
  CommitCounter,
  cpuMs,
  createBenchDatabase,
  rssMb,
  say,
  sleep,
  startApp,
  startEmulatorProcess,
  stopApp,
} from './processes.ts';
import {
  HIGH,
  SETTINGS,
  fmt,
  judge,
  type BenchContext,
  type DbKind,
  type Part,
  type Row,
  type SuiteResult,
} from './settings.ts';
import { measureBookings } from './createParts.ts';
import { measureCancels } from './cancelPart.ts';
import { measureList } from './listPart.ts';
import { measureSlots, prepareSlots } from './slotsPart.ts';
import { measureRace } from './racePart.ts';
import { measureRefresh } from './refreshPart.ts';
import { measurePacing } from './pacePart.ts';

export { PARTS, SETTINGS, type DbKind, type Part, type SuiteResult } from './settings.ts';

export async function runSuite(db: DbKind, only: Set<Part>, adminUrl: string, cleanup: Cleanup): Promise<SuiteResult> {
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  const notes: string[] = [];
  const has = (part: Part) => only.has(part);

  // --- Processes --------------------------------------------------------------------------
  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  const redirectUri = `${base}/integrations/zoom/callback`;
  const emulatorProcess = await startEmulatorProcess(await freePort(), redirectUri);
  cleanup.add('zoom emulator', () => emulatorProcess.stop());
  const emulator = new EmulatorClient(emulatorProcess.url, emulatorProcess.clientId, emulatorProcess.clientSecret);
  await emulator.setLimits({
    perSecond: { free: HIGH, pro: HIGH, business: HIGH },
    dailyMeetingCreateLimit: 1_000_000,
  });
  const smtp: SmtpSink = await startSmtpSink();
  cleanup.add('smtp sink', () => smtp.close());

  let databaseUrl: string | undefined;
  let databaseName: string | undefined;
  let dataDir: string | undefined;
  if (db === 'pg') {
    const created = await createBenchDatabase(adminUrl, cleanup);
    databaseUrl = created.url;
    databaseName = created.name;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'ekos-bench-'));
    const dir = dataDir;
    cleanup.add(`data dir ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
  }
  const envA: Record<string, string> = {
    SMTP_URL: smtp.url,
    APP_BASE_URL: base,
    // info: the process helper waits for the app's `listening` line, logged at info.
    LOG_LEVEL: 'info',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir! }),
    ZOOM_CLIENT_ID: emulatorProcess.clientId,
    ZOOM_CLIENT_SECRET: emulatorProcess.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: emulatorProcess.webhookSecret,
    ZOOM_OAUTH_BASE_URL: emulatorProcess.url,
    ZOOM_API_BASE_URL: emulatorProcess.url,
    TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
    ZOOM_DAILY_CREATES_PER_USER: '100000',
    // The bench books thousands of records with attendees from one person and signs its hosts up
    // from one address: the mail limits (docs/product.md §2) would refuse most of it.
    MAIL_QUOTA_PER_PERSON_HOUR: '1000000',
    MAIL_QUOTA_PER_PERSON_DAY: '1000000',
    MAIL_QUOTA_PER_ECOSYSTEM_HOUR: '1000000',
    MAIL_QUOTA_PER_CLIENT_HOUR: '1000000',
    // R9's members book on one host's Zoom: let BENCH_R9_SLOTS exceed the default 50 a day.
    ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY: '100000',
    // For profiling the app under the bench's load, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    ...(process.env.BENCH_APP_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS } : {}),
  };
  const startMain = async (env: Record<string, string>) => startApp({ ...env, PORT: String(appPort) }, cleanup, 'app');
  const app = await startMain(envA);
  const appStartedAt = performance.now();
  say(
    `${db}: app pid ${app.child.pid} on ${base}, emulator pid ${emulatorProcess.child.pid} on ${emulatorProcess.url}${databaseName ? `, database ${databaseName}` : `, DATA_DIR ${dataDir}`}`,
  );
  const commits = databaseName ? new CommitCounter(adminUrl, databaseName) : undefined;
  if (commits) {
    await commits.open();
    cleanup.add('commit counter', () => commits.close());
  }

  // --- R7: RSS of an idle instance (and its idle CPU rate), before anything else touches it ---------
  // Meanwhile only the emulator works: the bare baseline's Zoom user and token.
  const bareToken = await emulator.accessToken('bare@bench.example', redirectUri);
  await sleep(Math.max(0, 3000 - (performance.now() - appStartedAt)));
  const idleCpu0 = cpuMs(app.child.pid!);
  const idleT0 = performance.now();
  await sleep(Math.max(0, SETTINGS.r7IdleSeconds * 1000 - (performance.now() - appStartedAt)));
  const startupIdleCpuRate = (cpuMs(app.child.pid!) - idleCpu0) / ((performance.now() - idleT0) / 1000);
  const rss = rssMb(app.child.pid!);
  details.r7 = {
    rssMb: rss,
    idleSecondsAfterStart: (performance.now() - appStartedAt) / 1000,
    idleCpuMsPerSecond: startupIdleCpuRate,
  };
  if (has('r7'))
    rows.push({
      row: 'R7',
      what: `RSS idle (${fmt((performance.now() - appStartedAt) / 1000, 0)} s after start)`,
      measured: `${fmt(rss)} MB`,
      baseline: '-',
      ratio: '-',
      target: '≤ 150 MB',
      met: db === 'pg' ? judge(rss <= 150) : 'report',
    });
  if (has('r7') && db === 'pglite')
    notes.push('R7 targets PostgreSQL; on PGlite the database lives in the app process, so its RSS is reported only.');
  say(`${db}: R7 RSS ${fmt(rss)} MB; idle CPU ${fmt(startupIdleCpuRate, 2)} ms/s`);

  // --- People ---------------------------------------------------------------------------------
  const hostCount = has('r5') || has('p2') ? Math.max(SETTINGS.r5Hosts, SETTINGS.p2Hosts) : 1;
  say(`${db}: signing up ${hostCount} host(s) and connecting their Zoom`);
  const hosts: BenchHost[] = await makeHosts({ base, smtp, emulator, count: hostCount, log: say });
  const host0 = hosts[0]!;
  const ecoR = await makeEcosystem(host0, 'Bench R', []);

  const ctx: BenchContext = {
    db,
    has,
    rows,
    details,
    notes,
    emulator,
    smtp,
    commits,
    hosts,
    host0,
    ecoR,
    bareToken,
    base,
    appPort,
    databaseUrl,
    envA,
    cleanup,
    app,
    startMain,
    r1Records: [],
    r3Records: [],
  };
  await measureBookings(ctx);
  await measureCancels(ctx);

  // --- R6 records, and the PGlite restart (copy for the bare server; P3's stored-token expiry) ----
  let ecoR6: string | undefined;
  if (has('r6')) {
    ecoR6 = await makeEcosystem(host0, 'Bench R6', []);
    const records: Created[] = new Array(100);
    await pool(100, 10, async (i) => {
      records[i] = await createBooking(host0.client, ecoR6!, `R6 booking ${i}`, [`r6-${i}@attendee.example`]);
    });
    for (const record of records.filter((r) => !r.joinUrl))
      await waitForJoinUrl(host0.client, record, performance.now() + 30_000, 50);
  }
  const ecoP3 = has('p3') ? await makeEcosystem(host0, 'Bench P3', []) : undefined;
  // R8's host, records and availability: made before the restart, so the bare server's copy holds them.
  const slotsSetup = await prepareSlots(ctx);
  let bareDir: string | undefined;
  if (db === 'pglite' && (has('r6') || has('r8') || has('p3'))) {
    await sleep(2000); // let the last mails go
    await stopApp(ctx.app);
    if (has('r6') || has('r8')) {
      bareDir = mkdtempSync(join(tmpdir(), 'ekos-bench-bare-'));
      const dir = bareDir;
      cleanup.add(`bare data dir ${dir}`, async () => rmSync(dir, { recursive: true, force: true }));
      cpSync(join(dataDir!, 'pgdata'), dir, { recursive: true });
    }
    if (has('p3')) {
      // The schema's exclusion constraint (migration 0010) needs btree_gist, as in src/db/pglite.ts.
      const pglite = await PGlite.create(join(dataDir!, 'pgdata'), { extensions: { btree_gist } });
      await pglite.query(
        `UPDATE zoom_connections SET access_token_expires_at = now() - interval '1 minute' WHERE user_id = $1`,
        [host0.userId],
      );
      await pglite.close();
    }
    ctx.app = await startMain(envA);
    say(
      `${db}: app restarted (pid ${ctx.app.child.pid})${bareDir ? '; the bare server reads a copy of the data dir taken while the app was stopped' : ''}`,
    );
  }

  await measureList(ctx, ecoR6, bareDir);
  await measureSlots(ctx, slotsSetup, bareDir);
  await measureRace(ctx);
  await measureRefresh(ctx, ecoP3);
  await measurePacing(ctx);

  await stopApp(ctx.app);
  const overlaps = await checkOverlaps(emulator, rows, notes);
  return { db, rows, details, notes, overlaps };
}

/**
 * The bench's own load must be what hosts can run: no host ends with two meetings at Zoom whose
 * times overlap (docs/zoom-facts.md §10.7; the app refuses them, and the bench books back to back).
 * Reported as a row and, listed, in the notes; bench/run.ts fails the run on any.
 */
async function checkOverlaps(emulator: EmulatorClient, rows: Row[], notes: string[]): Promise<number> {
  const overlaps = await emulator.overlaps();
  rows.push({
    row: 'Z1',
    what: 'overlapping meeting pairs on one host at Zoom (§10.7)',
    measured: String(overlaps.length),
    baseline: '-',
    ratio: '-',
    target: '0',
    met: judge(overlaps.length === 0),
  });
  if (overlaps.length)
    notes.push(
      `Z1: ${overlaps.length} overlapping pair(s) at Zoom, the first: ${describeOverlaps(overlaps.slice(0, 5)).replaceAll('\n', '; ')}`,
    );
  return overlaps.length;
}
