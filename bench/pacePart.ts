/** P2: a burst of 2,000 records over 20 hosts while the emulator enforces per-second limits per account. */
import { createBooking, listRecords, pool, type Created } from './load.ts';
import { makeEcosystem } from './people.ts';
import { say, sleep, stopApp } from './processes.ts';
import { SETTINGS, fmt, judge, type BenchContext } from './settings.ts';

/** P2: total time against the minimum the limits allow, records lost, and 429s. */
export async function measurePacing(ctx: BenchContext): Promise<void> {
  const { db, has, rows, details, emulator, hosts, host0, envA, startMain } = ctx;
  // --- P2: 2,000 records over 20 hosts in a burst under the Free plan's per-second limits ---------
  if (has('p2')) {
    const p2Hosts = hosts.slice(0, SETTINGS.p2Hosts);
    const eco = await makeEcosystem(host0, 'Bench P2', p2Hosts);
    const perSecond = SETTINGS.p2PerSecond.medium;
    // The app with its per-account pacing knob (ignored by an app that does not have it yet).
    await stopApp(ctx.app);
    ctx.app = await startMain({ ...envA, ZOOM_CREATES_PER_SECOND: String(perSecond) });
    await emulator.setLimits({ perSecond: { free: SETTINGS.p2PerSecond } });
    await emulator.setLatency(0);
    const perHost = SETTINGS.p2PerHost;
    const n = p2Hosts.length * perHost;
    // n creates per account at L/s in a sliding 1 s window: the last can start (n/L − 1) s after the first, plus one call (latency 0).
    const minimumSeconds = perHost / perSecond - 1;
    const capSeconds = Math.max(4 * minimumSeconds, 30);
    const since = await emulator.lastSeq();
    const records: Created[] = new Array(n);
    say(
      `${db}: P2 ${n} records over ${p2Hosts.length} hosts, Zoom ${perSecond} creates/s per account; minimum ${fmt(minimumSeconds)} s, cap ${fmt(capSeconds, 0)} s`,
    );
    const startedWall = Date.now();
    const started = performance.now();
    let lastSeen = since;
    let created201 = 0;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const calls = await emulator.calls({ operation: 'meetings.create', since: lastSeen });
        if (calls.length) lastSeen = calls.at(-1)!.seq;
        created201 += calls.filter((c) => c.status === 201).length;
        await sleep(500);
      }
    })();
    await pool(n, SETTINGS.p2Concurrency, async (i) => {
      const host = p2Hosts[i % p2Hosts.length]!;
      records[i] = await createBooking(host.client, eco, `P2 h${host.index} #${i}`, []);
    });
    say(
      `${db}: P2 POSTs answered in ${fmt((performance.now() - started) / 1000)} s; ${created201} meetings created so far`,
    );
    // The app's list (heavy at 2,000 records) is read only once Zoom holds as many meetings as
    // there are records, or at the cap; until then the emulator's call log tells the progress.
    const posted = records.filter((r) => r.status === 201).length;
    let listed = await listRecords(host0.client, eco);
    let lastSay = performance.now();
    while (listed.some((r) => r.zoom.status !== 'created') && performance.now() - started < capSeconds * 1000) {
      await sleep(1000);
      if (created201 >= posted || performance.now() - started >= capSeconds * 1000 - 1000)
        listed = await listRecords(host0.client, eco);
      if (performance.now() - lastSay > 5000) {
        say(
          `${db}: P2 ${created201}/${n} meetings created at Zoom (${fmt((performance.now() - started) / 1000, 0)} s)`,
        );
        lastSay = performance.now();
      }
    }
    watching = false;
    await watcher;
    const calls = (await emulator.calls({ operation: 'meetings.create', since })).filter(
      (c) => Date.parse(c.at) >= startedWall - 1000,
    );
    const ok = calls.filter((c) => c.status === 201);
    const lastAt = Math.max(...ok.map((c) => Date.parse(c.at)));
    const allCreated =
      !listed.some((r) => r.zoom.status !== 'created') &&
      listed.length === records.filter((r) => r.status === 201).length;
    const totalSeconds = allCreated ? (lastAt - startedWall) / 1000 : NaN;
    const live = (await emulator.meetings('live')).filter((m) => m.topic.startsWith('P2 '));
    const liveByTopic = new Map<string, number>();
    for (const m of live) liveByTopic.set(m.topic, (liveByTopic.get(m.topic) ?? 0) + 1);
    const notCreated = listed.filter((r) => r.zoom.status !== 'created');
    const wrongCount = records.filter((r) => r.status === 201 && liveByTopic.get(r.title) !== 1);
    const refused = records.filter((r) => r.status !== 201);
    const lost = new Set([
      ...notCreated.map((r) => r.title),
      ...wrongCount.map((r) => r.title),
      ...refused.map((r) => r.title),
    ]).size;
    const four29 = calls.filter((c) => c.status === 429).length;
    const byState = new Map<string, number>();
    for (const r of notCreated) byState.set(r.zoom.status, (byState.get(r.zoom.status) ?? 0) + 1);
    details.p2 = {
      records: n,
      hosts: p2Hosts.length,
      perAccountCreatesPerSecond: perSecond,
      appEnv: { ZOOM_CREATES_PER_SECOND: String(perSecond) },
      minimumSeconds,
      capSeconds,
      totalSeconds: allCreated ? totalSeconds : null,
      secondsAtStop: (performance.now() - started) / 1000,
      createCalls: calls.length,
      created201: ok.length,
      rateLimited429: four29,
      otherStatuses: calls.filter((c) => c.status !== 201 && c.status !== 429).map((c) => c.status),
      refusedPosts: refused.length,
      notCreated: notCreated.length,
      notCreatedByState: Object.fromEntries(byState),
      withoutExactlyOneLiveMeeting: wrongCount.length,
      lost,
    };
    const ratio = totalSeconds / minimumSeconds;
    rows.push({
      row: 'P2',
      what: `${n} records / ${p2Hosts.length} hosts at ${perSecond}/s/account: total time`,
      measured: allCreated ? `${fmt(totalSeconds)} s` : `${notCreated.length} left at cap ${fmt(capSeconds, 0)} s`,
      baseline: `min ${fmt(minimumSeconds)} s`,
      ratio: allCreated ? `${fmt(ratio, 2)}×` : '-',
      target: '≤ 1.05×',
      met: judge(allCreated && ratio <= 1.05),
    });
    rows.push({
      row: 'P2',
      what: `lost records (not created, or ≠ 1 live meeting at Zoom)`,
      measured: String(lost),
      baseline: '-',
      ratio: '-',
      target: '0',
      met: judge(lost === 0),
    });
    rows.push({
      row: 'P2',
      what: `429s / Zoom create calls (${four29}/${calls.length})`,
      measured: `${fmt((100 * four29) / Math.max(1, calls.length), 1)} %`,
      baseline: '-',
      ratio: '-',
      target: '≤ 1 %',
      met: judge(four29 <= 0.01 * calls.length),
    });
    say(
      `${db}: P2 ${allCreated ? `${fmt(totalSeconds)} s (min ${fmt(minimumSeconds)} s)` : 'not finished'}; lost ${lost}; 429s ${four29}/${calls.length}`,
    );
  }
}
