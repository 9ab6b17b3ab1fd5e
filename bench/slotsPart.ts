/**
 * R8: one week of a busy host's free slots (`GET /api/ecosystems/:id/hosts/:userId/slots`) against
 * a bare `node:http` + `pg` (or PGlite) server computing the same slots from the same rows
 * (bench/bareSlotsServer.ts). The host hosts in three ecosystems, has BENCH_R8_RECORDS live records
 * spread over about five weeks from tomorrow (a fifth or so in the measured week) and attends a few
 * records of a colleague; they publish availability in the first ecosystem with weekly windows in
 * their zone, a one-off window, blocked time, buffers and a 15-minute step (no weekly limit: its
 * read and the zone arithmetic it adds per slot would weigh on both sides alike).
 */
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/freePort.ts';
import { weekStart } from '../src/availability/slots.ts';
import { expectJson, type HttpClient } from '../test/helpers/httpClient.ts';
import { mean, pool } from './load.ts';
import { makeEcosystem, makeHosts, type BenchHost } from './people.ts';
import { cpuMs, say, sleep, startNodeScript } from './processes.ts';
import { SETTINGS, fmt, judge, type BenchContext } from './settings.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const CELL = 30 * MINUTE;
const ZONE = 'Europe/Berlin';
/** The R8 host and the colleague whose records they attend: past the hosts the other rows share. */
const FIRST_HOST_INDEX = 100;
const ATTENDED = 12;

/** What prepareSlots made for measureSlots. */
export interface SlotsSetup {
  host: BenchHost;
  ecosystems: string[];
  /** The measured week: [from, to), Monday 00:00 in the host's zone. */
  from: number;
  to: number;
  records: number;
  recordsInWeek: number;
  attended: number;
  attendedInWeek: number;
}

/** A small seeded generator (mulberry32): the same records in every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function createRecord(client: HttpClient, ecosystemId: string, body: Record<string, unknown>): Promise<void> {
  await expectJson(
    await client.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, body),
    `create ${body.title}`,
    201,
  );
}

/**
 * The R8 host, their ecosystems, records and availability (before the PGlite restart, so the bare
 * server's copy of the data holds them). Undefined when R8 is not measured.
 */
export async function prepareSlots(ctx: BenchContext): Promise<SlotsSetup | undefined> {
  if (!ctx.has('r8')) return undefined;
  const { db, base, smtp, emulator, host0 } = ctx;
  say(`${db}: R8 setup: a host with ${SETTINGS.r8Records} records in 3 ecosystems`);
  const [host, colleague] = await makeHosts({ base, smtp, emulator, count: 2, first: FIRST_HOST_INDEX, log: say });
  const ecosystems: string[] = [];
  for (const name of ['Bench R8 a', 'Bench R8 b', 'Bench R8 c'])
    ecosystems.push(await makeEcosystem(host0, name, [host!, colleague!]));
  const [ecoA, ecoB, ecoC] = ecosystems as [string, string, string];

  // The measured week: the host's Monday-to-Monday week 2 to 9 days ahead (past the 12 h notice).
  const now = Date.now();
  const from = weekStart(now + 9 * DAY, ZONE);
  const to = weekStart(from + 8 * DAY, ZONE);
  // Records on distinct half-hour cells from tomorrow to three weeks past the measured one (no two
  // of the host's overlap), chosen at random: about a third of the time is taken.
  const first = Math.ceil((now + 30 * 3_600_000) / CELL) * CELL;
  const cells: number[] = [];
  for (let at = first; at + CELL <= to + 21 * DAY; at += CELL) cells.push(at);
  const random = seededRandom(8);
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [cells[i], cells[j]] = [cells[j]!, cells[i]!];
  }
  if (cells.length < SETTINGS.r8Records + 4 * ATTENDED)
    throw new Error(`R8: ${SETTINGS.r8Records} records do not fit in ${cells.length} half hours`);
  const hosted = cells.slice(0, SETTINGS.r8Records);
  const rest = cells.slice(SETTINGS.r8Records);
  const inWeek = (at: number) => at >= from && at < to;
  // Half of the attended records in the measured week, half outside, on cells the host keeps free.
  const attendedCells = [
    ...rest.filter(inWeek).slice(0, ATTENDED / 2),
    ...rest.filter((at) => !inWeek(at)).slice(0, ATTENDED / 2),
  ];
  const places = [
    { ecosystemId: ecoA, location: { type: 'zoom' } },
    { ecosystemId: ecoB, location: { type: 'link', url: 'https://meet.example/r8' } },
    { ecosystemId: ecoC, location: { type: 'in_person', address: 'Room 8' } },
  ];
  let made = 0;
  await pool(hosted.length, 8, async (i) => {
    const place = places[i % 3]!;
    await createRecord(host!.client, place.ecosystemId, {
      kind: i % 3 === 1 && i % 2 === 0 ? 'mentorship' : 'booking',
      title: `R8 record ${i}`,
      startTime: new Date(hosted[i]!).toISOString(),
      durationMinutes: i % 5 === 0 ? 15 : 30,
      timezone: ZONE,
      location: place.location,
      attendeeEmails: [`r8-${i}@attendee.example`],
    });
    if (++made % 100 === 0) say(`${db}: R8 records ${made}/${hosted.length}`);
  });
  await pool(attendedCells.length, 4, async (i) => {
    await createRecord(colleague!.client, ecoB, {
      kind: 'booking',
      title: `R8 attended ${i}`,
      startTime: new Date(attendedCells[i]!).toISOString(),
      durationMinutes: 30,
      timezone: ZONE,
      location: { type: 'link', url: 'https://meet.example/r8-colleague' },
      attendeeEmails: [host!.email],
    });
  });
  const weekly = ['mon', 'tue', 'wed', 'thu', 'fri'].flatMap((day) => [
    { day, start: '09:00', end: '12:00' },
    { day, start: '13:00', end: '17:30' },
  ]);
  await expectJson(
    await host!.client.api('PUT', `/api/ecosystems/${ecoA}/my-availability`, {
      bookable: true,
      timezone: ZONE,
      weekly: [...weekly, { day: 'sat', start: '10:00', end: '13:00' }],
      // Sunday afternoon of the measured week, one-off; Wednesday afternoon blocked.
      extra: [
        {
          start: new Date(from + 6 * DAY + 13 * 3_600_000).toISOString(),
          end: new Date(from + 6 * DAY + 16 * 3_600_000).toISOString(),
        },
      ],
      blocked: [
        {
          start: new Date(from + 2 * DAY + 14 * 3_600_000).toISOString(),
          end: new Date(from + 2 * DAY + 16 * 3_600_000).toISOString(),
        },
      ],
      durations: [30, 60],
      slotStepMinutes: 15,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      minimumNoticeMinutes: 12 * 60,
      horizonDays: 60,
      weeklyLimit: null,
      requiresApproval: false,
      location: { type: 'zoom' },
    }),
    'R8 availability',
    200,
  );
  const setup: SlotsSetup = {
    host: host!,
    ecosystems,
    from,
    to,
    records: hosted.length,
    recordsInWeek: hosted.filter(inWeek).length,
    attended: attendedCells.length,
    attendedInWeek: attendedCells.filter(inWeek).length,
  };
  say(
    `${db}: R8 ${setup.records} records (${setup.recordsInWeek} in the week of ${new Date(from).toISOString().slice(0, 10)}), ${setup.attended} attended (${setup.attendedInWeek} in it)`,
  );
  return setup;
}

/** R8 against the bare slots server; `bareDir`: on PGlite, the copy of the data the bare server opens. */
export async function measureSlots(ctx: BenchContext, setup: SlotsSetup | undefined, bareDir: string | undefined) {
  if (!ctx.has('r8') || !setup) return;
  const { db, rows, details, notes, host0, base, databaseUrl, cleanup } = ctx;
  const [ecoA] = setup.ecosystems as [string];
  const barePort = await freePort();
  const bare = await startNodeScript(
    'bench/bareSlotsServer.ts',
    {
      PORT: String(barePort),
      BARE_ECOSYSTEM_ID: ecoA,
      BARE_HOST_ID: setup.host.userId,
      ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: bareDir! }),
    },
    'bare slots server listening',
  );
  cleanup.add('bare slots server', () => bare.stop());
  const range = `from=${encodeURIComponent(new Date(setup.from).toISOString())}&to=${encodeURIComponent(new Date(setup.to).toISOString())}`;
  const appUrl = `${base}/api/ecosystems/${ecoA}/hosts/${setup.host.userId}/slots?${range}`;
  const bareUrl = `http://127.0.0.1:${barePort}/?${range}`;
  // Asked by the ecosystem's admin (any member may ask).
  const cookie = [...host0.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  await sleep(2000); // let the setup's mails and Zoom work settle
  const appAnswer = await fetch(appUrl, { headers: { cookie } });
  const appText = await appAnswer.text();
  const bareAnswer = await fetch(bareUrl);
  const bareText = await bareAnswer.text();
  if (appAnswer.status !== 200 || bareAnswer.status !== 200)
    throw new Error(`R8: app answered ${appAnswer.status}, bare ${bareAnswer.status}: ${appText.slice(0, 300)}`);
  const identical = appText === bareText;
  const slots = (JSON.parse(appText) as { items: unknown[] }).items.length;
  if (!identical)
    notes.push(
      `R8: the app's and the bare server's slots differ (app ${slots}, bare ${(JSON.parse(bareText) as { items: unknown[] }).items.length} slots)`,
    );
  say(`${db}: R8 ${slots} free slots in the week; app and bare answers ${identical ? 'identical' : 'DIFFER'}`);
  const connections = SETTINGS.r8Connections;
  const run = async (url: string, headers: Record<string, string>, pid: number) => {
    const cpu0 = cpuMs(pid);
    const result = await autocannon({ url, connections, duration: SETTINGS.r8Seconds, headers });
    return {
      reqPerSec: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      cpuMsPerRequest: (cpuMs(pid) - cpu0) / result.requests.total,
    };
  };
  // Warm-up to steady state (JIT, pools, prepared statements) for both alike, then alternating rounds.
  await autocannon({ url: appUrl, connections, duration: 2, headers: { cookie } });
  await autocannon({ url: bareUrl, connections, duration: 2 });
  const rounds: { app: Awaited<ReturnType<typeof run>>; bare: Awaited<ReturnType<typeof run>> }[] = [];
  for (let round = 0; round < 2; round++) {
    const a = await run(appUrl, { cookie }, ctx.app.child.pid!);
    say(`${db}: R8 app ${fmt(a.reqPerSec)} req/s, ${fmt(a.cpuMsPerRequest, 2)} ms CPU/request, p99 ${a.p99} ms`);
    const b = await run(bareUrl, {}, bare.child.pid!);
    say(`${db}: R8 bare ${fmt(b.reqPerSec)} req/s, ${fmt(b.cpuMsPerRequest, 2)} ms CPU/request, p99 ${b.p99} ms`);
    rounds.push({ app: a, bare: b });
  }
  await bare.stop();
  const appRps = mean(rounds.map((r) => r.app.reqPerSec));
  const bareRps = mean(rounds.map((r) => r.bare.reqPerSec));
  const failed = rounds.reduce((n, r) => n + r.app.non2xx + r.app.errors + r.bare.non2xx + r.bare.errors, 0);
  if (failed) notes.push(`R8: ${failed} non-2xx answers or errors during the load`);
  details.r8 = {
    week: { from: new Date(setup.from).toISOString(), to: new Date(setup.to).toISOString(), zone: ZONE },
    records: setup.records,
    recordsInWeek: setup.recordsInWeek,
    attended: setup.attended,
    attendedInWeek: setup.attendedInWeek,
    slots,
    sameJson: identical,
    seconds: SETTINGS.r8Seconds,
    connections,
    rounds,
    bareData: databaseUrl
      ? 'the same PostgreSQL database'
      : 'a copy of DATA_DIR/pgdata taken while the app was stopped',
  };
  rows.push({
    row: 'R8',
    what: `a week's ${slots} slots, host of ${setup.records} records, ${connections} conns, 2×${SETTINGS.r8Seconds} s (JSON ${identical ? 'identical' : 'differs'})`,
    measured: `${fmt(appRps)} req/s`,
    baseline: `${fmt(bareRps)} req/s`,
    ratio: `${fmt(appRps / bareRps, 2)}×`,
    target: '≥ 0.7×',
    met: judge(identical && appRps / bareRps >= 0.7),
  });
  if (!databaseUrl && !notes.some((n) => n.startsWith('R6 on PGlite')))
    notes.push(
      'R8 on PGlite: the bare server opens a copy of DATA_DIR/pgdata (taken while the app was stopped) with @electric-sql/pglite in its own process.',
    );
}
