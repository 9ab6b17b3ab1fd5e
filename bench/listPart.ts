/** R6: the records list against a bare `node:http` + `pg` (or PGlite) server returning the same JSON. */
import autocannon from 'autocannon';
import { freePort } from '../test/helpers/freePort.ts';
import { mean } from './load.ts';
import { cpuMs, say, startNodeScript } from './processes.ts';
import { SETTINGS, fmt, judge, type BenchContext } from './settings.ts';

/** R6 on the ecosystem `ecoR6` (100 records); `bareDir`: on PGlite, the copy of the data the bare server opens. */
export async function measureList(
  ctx: BenchContext,
  ecoR6: string | undefined,
  bareDir: string | undefined,
): Promise<void> {
  const { db, has, rows, details, notes, host0, base, databaseUrl, cleanup } = ctx;
  // --- R6: list 100 records, app vs bare node:http + pg, alternating ---------------------------
  if (has('r6') && ecoR6) {
    const barePort = await freePort();
    const bare = await startNodeScript(
      'bench/bareListServer.ts',
      {
        PORT: String(barePort),
        BARE_ECOSYSTEM_ID: ecoR6,
        ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: bareDir! }),
      },
      'bare list server listening',
    );
    cleanup.add('bare list server', () => bare.stop());
    const appUrl = `${base}/api/ecosystems/${ecoR6}/meetings`;
    const bareUrl = `http://127.0.0.1:${barePort}/`;
    const cookie = [...host0.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const appBody = (await (await fetch(appUrl, { headers: { cookie } })).json()) as { items: unknown[] };
    const bareBody = (await (await fetch(bareUrl)).json()) as { items: unknown[] };
    const equivalent = JSON.stringify(appBody) === JSON.stringify(bareBody);
    // CPU per request of the serving process (from /proc) beside its throughput: steadier than
    // req/s on a shared machine, and it shows where a gap comes from.
    const run = async (url: string, headers: Record<string, string>, pid: number) => {
      const cpu0 = cpuMs(pid);
      const result = await autocannon({ url, connections: 10, duration: SETTINGS.r6Seconds, headers });
      const cpuMsPerRequest = (cpuMs(pid) - cpu0) / result.requests.total;
      return {
        reqPerSec: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        cpuMsPerRequest,
      };
    };
    const rounds: { app: Awaited<ReturnType<typeof run>>; bare: Awaited<ReturnType<typeof run>> }[] = [];
    // Warm-up to steady state (JIT, pools) for both servers alike: 2 s each at the measured load.
    await autocannon({ url: appUrl, connections: 10, duration: 2, headers: { cookie } });
    await autocannon({ url: bareUrl, connections: 10, duration: 2 });
    for (let round = 0; round < 2; round++) {
      const a = await run(appUrl, { cookie }, ctx.app.child.pid!);
      say(`${db}: R6 app ${fmt(a.reqPerSec)} req/s, ${fmt(a.cpuMsPerRequest, 2)} ms CPU/request`);
      const b = await run(bareUrl, {}, bare.child.pid!);
      say(`${db}: R6 bare ${fmt(b.reqPerSec)} req/s, ${fmt(b.cpuMsPerRequest, 2)} ms CPU/request`);
      rounds.push({ app: a, bare: b });
    }
    await bare.stop();
    const appRps = mean(rounds.map((r) => r.app.reqPerSec));
    const bareRps = mean(rounds.map((r) => r.bare.reqPerSec));
    details.r6 = {
      records: appBody.items.length,
      seconds: SETTINGS.r6Seconds,
      connections: 10,
      rounds,
      sameJson: equivalent,
      bareData: databaseUrl
        ? 'the same PostgreSQL database'
        : 'a copy of DATA_DIR/pgdata taken while the app was stopped',
    };
    rows.push({
      row: 'R6',
      what: `list ${appBody.items.length} records, 10 conns, 2×${SETTINGS.r6Seconds} s each (JSON ${equivalent ? 'identical' : 'differs'})`,
      measured: `${fmt(appRps)} req/s`,
      baseline: `${fmt(bareRps)} req/s`,
      ratio: `${fmt(appRps / bareRps, 2)}×`,
      target: '≥ 0.8×',
      met: judge(appRps / bareRps >= 0.8),
    });
    if (!databaseUrl)
      notes.push(
        'R6 on PGlite: the bare server opens a copy of DATA_DIR/pgdata (taken while the app was stopped) with @electric-sql/pglite in its own process.',
      );
  }
}
