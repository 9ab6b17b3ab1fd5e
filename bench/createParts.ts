/** R1–R5: what a booking costs — its latency against a bare Zoom create, its CPU and commits, and throughput. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/freePort.ts';
import { BOOKING_MINUTES, createBooking, nextStart, percentile, pool, waitForJoinUrl, type Created } from './load.ts';
import { makeEcosystem } from './people.ts';
import { cpuMs, say, sleep, startNodeScript } from './processes.ts';
import { SETTINGS, fmt, judge, type BenchContext } from './settings.ts';
import { measureBookingCpuFloor } from './bookingCpuFloor.ts';

/** R1/R2 (create → join URL), R3/R4 (CPU and commits per booking), R5 (bookings per second). */
export async function measureBookings(ctx: BenchContext): Promise<void> {
  const {
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
    databaseUrl,
    cleanup,
  } = ctx;
  // --- R1/R2: create → join URL at 50 ms Zoom latency, against bare creates at the same latency -----
  if (has('r1')) {
    await emulator.setLatency(SETTINGS.r1LatencyMs);
    const appTimes: number[] = [];
    const bareTimes: number[] = [];
    let inResponse = 0;
    const bare = async (i: number) => {
      const started = performance.now();
      const response = await fetch(`${emulator.url}/v2/users/me/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bareToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          topic: `Bare create ${i}`,
          type: 2,
          start_time: nextStart().replace(/\.\d{3}Z$/, 'Z'),
          duration: BOOKING_MINUTES,
          timezone: 'UTC',
        }),
      });
      const json = (await response.json()) as { join_url?: string };
      if (response.status !== 201 || !json.join_url) throw new Error(`bare create answered ${response.status}`);
      return performance.now() - started;
    };
    // The floor: a bare server committing a claim, calling Zoom and committing the meeting
    // (bench/bareBookingServer.ts) — what the durability guarantee costs on its own.
    const floorPort = await freePort();
    const floorDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'ekos-bench-floor-'));
    const floorServer = await startNodeScript(
      'bench/bareBookingServer.ts',
      {
        PORT: String(floorPort),
        ZOOM_API_BASE_URL: emulator.url,
        ZOOM_TOKEN: bareToken,
        ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: floorDir! }),
      },
      'bare booking server listening',
    );
    cleanup.add('bare booking server', async () => {
      await floorServer.stop();
      if (floorDir) rmSync(floorDir, { recursive: true, force: true });
    });
    const floorTimes: number[] = [];
    const floor = async (i: number) => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${floorPort}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Floor booking ${i}`,
          startTime: nextStart().replace(/\.\d{3}Z$/, 'Z'),
          durationMinutes: BOOKING_MINUTES,
        }),
      });
      const json = (await response.json()) as { joinUrl?: string };
      if (response.status !== 201 || !json.joinUrl) throw new Error(`bare booking server answered ${response.status}`);
      return performance.now() - started;
    };
    const viaApp = async (i: number) => {
      const started = performance.now();
      const record = await createBooking(host0.client, ecoR, `R1 booking ${i}`, [`r1-${i}@attendee.example`]);
      if (record.status !== 201) throw new Error(`R1 create answered ${record.status}: ${record.body}`);
      let done = performance.now();
      if (record.joinUrl) inResponse++;
      else done = (await waitForJoinUrl(host0.client, record, performance.now() + 60_000)) ?? NaN;
      return { record, ms: done - started };
    };
    // Warm-up (JIT, connections), not counted.
    for (let i = 0; i < 3; i++) {
      await bare(-1 - i);
      await floor(-1 - i);
      await viaApp(-1 - i);
    }
    inResponse = 0;
    for (let i = 0; i < SETTINGS.r1Creates; i++) {
      // Interleaved (and alternating which goes first) so the machine's noise hits both alike.
      if (i % 2 === 0) bareTimes.push(await bare(i));
      if (i % 2 === 1) floorTimes.push(await floor(i));
      const { record, ms } = await viaApp(i);
      appTimes.push(ms);
      ctx.r1Records.push(record);
      if (i % 2 === 0) floorTimes.push(await floor(i));
      if (i % 2 === 1) bareTimes.push(await bare(i));
      if ((i + 1) % 20 === 0) say(`${db}: R1 ${i + 1}/${SETTINGS.r1Creates}`);
    }
    await emulator.setLatency(0);
    await floorServer.stop();
    const [a50, b50, a99, b99] = [
      percentile(appTimes, 50),
      percentile(bareTimes, 50),
      percentile(appTimes, 99),
      percentile(bareTimes, 99),
    ];
    const [f50, f99] = [percentile(floorTimes, 50), percentile(floorTimes, 99)];
    details.r1 = {
      n: appTimes.length,
      latencyMs: SETTINGS.r1LatencyMs,
      joinUrlInResponse: inResponse,
      appMs: appTimes,
      bareMs: bareTimes,
      floorMs: floorTimes,
    };
    rows.push({
      row: 'R1',
      what: `create → join URL p50 (Zoom ${SETTINGS.r1LatencyMs} ms, n=${appTimes.length})`,
      measured: `${fmt(a50)} ms`,
      baseline: `${fmt(b50)} ms`,
      ratio: `${fmt(a50 / b50, 2)}×`,
      target: '≤ 1.15×',
      met: judge(a50 / b50 <= 1.15),
    });
    rows.push({
      row: 'R2',
      what: `… p99 (join URL in the response: ${inResponse}/${appTimes.length})`,
      measured: `${fmt(a99)} ms`,
      baseline: `${fmt(b99)} ms`,
      ratio: `${fmt(a99 / b99, 2)}×`,
      target: '≤ 1.5×',
      met: judge(a99 / b99 <= 1.5),
    });
    rows.push({
      row: 'R1f',
      what: `floor: claim, create, commit (bare server) p50 / p99`,
      measured: `${fmt(f50)} / ${fmt(f99)} ms`,
      baseline: `${fmt(b50)} / ${fmt(b99)} ms`,
      ratio: `${fmt(f50 / b50, 2)}× / ${fmt(f99 / b99, 2)}×`,
      target: 'report',
      met: 'report',
    });
    notes.push(
      `R1/R2 against the floor (app / bare durable booking): p50 ${fmt(a50 / f50, 2)}×, p99 ${fmt(a99 / f99, 2)}×.`,
    );
    say(
      `${db}: R1 p50 ${fmt(a50)} vs bare ${fmt(b50)} ms (floor ${fmt(f50)}); R2 p99 ${fmt(a99)} vs ${fmt(b99)} ms (floor ${fmt(f99)})`,
    );
  }

  // --- R3/R4: CPU and commits per booking (1 attendee, through its mail), Zoom answering at once ----
  if (has('r3')) {
    const n = SETTINGS.r3Bookings;
    // Warmed up as its floors are (40 bookings with their mails, not counted), so that a run of R3
    // alone measures the same steady state as a full run, where R1 has warmed the app.
    const warm = Array.from({ length: 40 }, (_, i) => `r3w-${i}@attendee.example`);
    await pool(warm.length, SETTINGS.r3Concurrency, async (i) => {
      await createBooking(host0.client, ecoR, `R3 warm-up ${i}`, [warm[i]!]);
    });
    const warmDeadline = performance.now() + 120_000;
    while (
      smtp.messages.filter((m) => m.to.some((to) => to.startsWith('r3w-'))).length < warm.length &&
      performance.now() < warmDeadline
    )
      await sleep(20);
    say(`${db}: R3/R4 quiet window (stats flush ${SETTINGS.statsFlushMs / 1000} s, then 8 s idle)`);
    await sleep(SETTINGS.statsFlushMs);
    const c0 = await commits?.read();
    const cpu0 = cpuMs(ctx.app.child.pid!);
    const t0 = performance.now();
    await sleep(8000);
    const c1 = await commits?.read();
    const cpu1 = cpuMs(ctx.app.child.pid!);
    const t1 = performance.now();
    const idleCpuRate = (cpu1 - cpu0) / ((t1 - t0) / 1000);
    const idleCommitRate = c0 !== undefined && c1 !== undefined ? (c1 - c0) / ((t1 - t0) / 1000) : NaN;
    const attendees = Array.from({ length: n }, (_, i) => `r3-${i}@attendee.example`);
    const wanted = new Set(attendees);
    const mailsIn = () => smtp.messages.filter((m) => m.to.some((to) => wanted.has(to))).length;
    const mailsBefore = mailsIn();
    const r3Records: Created[] = new Array(n);
    ctx.r3Records = r3Records;
    await pool(n, SETTINGS.r3Concurrency, async (i) => {
      r3Records[i] = await createBooking(host0.client, ecoR, `R3 booking ${i}`, [attendees[i]!]);
    });
    say(
      `${db}: R3 ${n} creates answered in ${fmt((performance.now() - t1) / 1000)} s; waiting for the ${n} attendee mails`,
    );
    const mailDeadline = performance.now() + 180_000;
    while (mailsIn() - mailsBefore < n && performance.now() < mailDeadline) await sleep(20);
    const cpu2 = cpuMs(ctx.app.child.pid!);
    const t2 = performance.now();
    const mails = mailsIn() - mailsBefore;
    await sleep(SETTINGS.statsFlushMs);
    const c2 = await commits?.read();
    const t3 = performance.now();
    const failed = r3Records.filter((r) => r.status !== 201).length;
    const cpuRaw = (cpu2 - cpu1) / n;
    const cpuNet = (cpu2 - cpu1 - idleCpuRate * ((t2 - t1) / 1000)) / n;
    const commitsRaw = c1 !== undefined && c2 !== undefined ? (c2 - c1) / n : NaN;
    const commitsNet = c1 !== undefined && c2 !== undefined ? (c2 - c1 - idleCommitRate * ((t3 - t1) / 1000)) / n : NaN;
    details.r3 = {
      bookings: n,
      concurrency: SETTINGS.r3Concurrency,
      failedCreates: failed,
      mailsReceived: mails,
      windowSeconds: (t2 - t1) / 1000,
      cpuMs: cpu2 - cpu1,
      idleCpuMsPerSecond: idleCpuRate,
      cpuMsPerBookingRaw: cpuRaw,
      cpuMsPerBookingIdleSubtracted: cpuNet,
    };
    details.r4 = {
      commitsWindowSeconds: (t3 - t1) / 1000,
      commits: c1 !== undefined && c2 !== undefined ? c2 - c1 : null,
      idleCommitsPerSecond: idleCommitRate,
      perBookingRaw: commitsRaw,
      perBookingIdleSubtracted: commitsNet,
    };
    rows.push({
      row: 'R3',
      what: `app CPU per booking (${n}, ${mails} mails; idle-subtracted ${fmt(cpuNet, 2)})`,
      measured: `${fmt(cpuRaw, 2)} ms`,
      baseline: `idle ${fmt(idleCpuRate, 2)} ms/s`,
      ratio: '-',
      target: '≤ 2 ms',
      met: judge(cpuRaw <= 2 && mails === n),
    });
    if (commits)
      rows.push({
        row: 'R4',
        what: `commits per booking (idle-subtracted ${fmt(commitsNet, 2)})`,
        measured: fmt(commitsRaw, 2),
        baseline: `idle ${fmt(idleCommitRate, 2)}/s`,
        ratio: '-',
        target: '≤ 5',
        met: judge(commitsRaw <= 5),
      });
    else
      rows.push({
        row: 'R4',
        what: 'commits per booking',
        measured: 'n/a',
        baseline: '-',
        ratio: '-',
        target: '≤ 5',
        met: 'n/a',
      });
    if (!commits)
      notes.push(
        'R4 n/a on PGlite: the database lives inside the app process (one process per DATA_DIR), so there is no pg_stat_database to read from outside without changing the app.',
      );
    if (failed || mails !== n)
      notes.push(`R3: ${failed} creates not 201, ${mails}/${n} attendee mails within the window.`);
    say(
      `${db}: R3 ${fmt(cpuRaw, 2)} ms CPU/booking (net ${fmt(cpuNet, 2)}); R4 ${fmt(commitsRaw, 2)} commits/booking (net ${fmt(commitsNet, 2)})`,
    );

    // R3's floor: the bare booking server with a durable mail (bench/bareBookingServer.ts), the same
    // number of bookings at the same concurrency, Zoom answering at once, its CPU from /proc.
    const floor = await measureBookingCpuFloor(ctx, n, 'bench/bareBookingServer.ts', 'r3f');
    details.r3f = floor;
    rows.push({
      row: 'R3f',
      what: `floor: bare booking + durable mail, CPU per booking (${floor.mails}/${n} mails)`,
      measured: `${fmt(floor.cpuMsPerBooking, 2)} ms`,
      baseline: '-',
      ratio: `app ${fmt(cpuRaw / floor.cpuMsPerBooking, 2)}×`,
      target: 'report',
      met: 'report',
    });
    say(
      `${db}: R3 floor ${fmt(floor.cpuMsPerBooking, 2)} ms CPU/booking (app ${fmt(cpuRaw / floor.cpuMsPerBooking, 2)}×)`,
    );
    // The same floor with what the chosen stack puts on it (bench/stackBookingServer.ts): Hono with
    // its secure-headers and body-limit, zod validation, and pg-boss jobs for the backstop and the mail.
    const stack = await measureBookingCpuFloor(ctx, n, 'bench/stackBookingServer.ts', 'r3s');
    details.r3s = stack;
    rows.push({
      row: 'R3s',
      what: `stack floor: R3f + Hono, zod, pg-boss jobs (${stack.mails}/${n} mails)`,
      measured: `${fmt(stack.cpuMsPerBooking, 2)} ms`,
      baseline: '-',
      ratio: `app ${fmt(cpuRaw / stack.cpuMsPerBooking, 2)}×`,
      target: 'report',
      met: 'report',
    });
    say(
      `${db}: R3 stack floor ${fmt(stack.cpuMsPerBooking, 2)} ms CPU/booking (app ${fmt(cpuRaw / stack.cpuMsPerBooking, 2)}×)`,
    );
  }

  // --- R5: bookings per second, 20 hosts, 40 concurrent clients, Zoom at once ----------------
  if (has('r5')) {
    const r5Hosts = hosts.slice(0, SETTINGS.r5Hosts);
    const eco = await makeEcosystem(host0, 'Bench R5', r5Hosts);
    const n = r5Hosts.length * SETTINGS.r5PerHost;
    const records: Created[] = new Array(n);
    const started = performance.now();
    await pool(n, SETTINGS.r5Concurrency, async (i) => {
      const host = r5Hosts[i % r5Hosts.length]!;
      // No attendees: R5 is the create path's throughput (R3 has the mail's cost); a mail backlog
      // would also spill into the parts after it.
      records[i] = await createBooking(host.client, eco, `R5 h${host.index} #${i}`, []);
    });
    const answered = performance.now();
    const pending = records.filter((r) => r.status === 201 && !r.joinUrl);
    for (const record of pending)
      await waitForJoinUrl(
        r5Hosts.find((h) => record.title.startsWith(`R5 h${h.index} `))!.client,
        record,
        performance.now() + 60_000,
        50,
      );
    const done = performance.now();
    const created = records.filter((r) => r.joinUrl).length;
    const perSecond = created / ((done - started) / 1000);
    details.r5 = {
      bookings: n,
      hosts: r5Hosts.length,
      concurrency: SETTINGS.r5Concurrency,
      created,
      non201: records.filter((r) => r.status !== 201).length,
      joinUrlNotInResponse: pending.length,
      answeredSeconds: (answered - started) / 1000,
      allJoinUrlsSeconds: (done - started) / 1000,
    };
    rows.push({
      row: 'R5',
      what: `bookings/s (${r5Hosts.length} hosts × ${SETTINGS.r5PerHost}, no attendees, ${SETTINGS.r5Concurrency} clients, ${created}/${n} joined)`,
      measured: `${fmt(perSecond)}/s`,
      baseline: '-',
      ratio: '-',
      target: 'report',
      met: 'report',
    });
    say(`${db}: R5 ${fmt(perSecond)} bookings/s (${created}/${n} with join URL in ${fmt((done - started) / 1000)} s)`);
  }
}
