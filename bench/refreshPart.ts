/** P3: many creates at once for one host whose access token has expired, across several app processes: one refresh. */
import pg from 'pg';
import { freePort } from '../test/helpers/freePort.ts';
import { createBooking, listRecords, type Created } from './load.ts';
import { say, sleep, startApp, stopApp } from './processes.ts';
import { SETTINGS, judge, type BenchContext } from './settings.ts';

/** P3 on the ecosystem `ecoP3` (its stored token made to look expired first, on PostgreSQL here; on PGlite by the caller). */
export async function measureRefresh(ctx: BenchContext, ecoP3: string | undefined): Promise<void> {
  const { db, has, rows, details, notes, emulator, host0, base, appPort, databaseUrl, envA, cleanup } = ctx;
  // --- P3: 200 concurrent creates for one host whose token expired, across 3 app processes --------
  if (has('p3') && ecoP3) {
    const processes = db === 'pg' ? 3 : 1;
    const extra = [];
    for (let i = 1; i < processes; i++) {
      const port = await freePort();
      extra.push({ port, app: await startApp({ ...envA, PORT: String(port) }, cleanup, `app ${i + 1}`) });
    }
    const ports = [appPort, ...extra.map((e) => e.port)];
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(
        `UPDATE zoom_connections SET access_token_expires_at = now() - interval '1 minute' WHERE user_id = $1`,
        [host0.userId],
      );
      await client.end();
    }
    await emulator.expireAccessToken(host0.zoomUserId);
    const since = await emulator.lastSeq();
    const origin = new URL(base).origin;
    const records: Created[] = new Array(SETTINGS.p3Creates);
    await Promise.all(
      Array.from({ length: SETTINGS.p3Creates }, async (_, i) => {
        records[i] = await createBooking(host0.client, ecoP3, `P3 booking ${i}`, [`p3-${i}@attendee.example`], {
          base: `http://127.0.0.1:${ports[i % ports.length]}`,
          origin,
        });
      }),
    );
    say(`${db}: P3 ${records.filter((r) => r.status === 201).length}/${records.length} answered 201; draining`);
    // A record told to try again "in a few minutes" would not finish within the run: 45 s, then report it.
    const drainDeadline = performance.now() + 45_000;
    let listed = await listRecords(host0.client, ecoP3);
    while (listed.some((r) => r.zoom.status !== 'created') && performance.now() < drainDeadline) {
      await sleep(1000);
      listed = await listRecords(host0.client, ecoP3);
    }
    for (const e of extra) await stopApp(e.app);
    const calls = await emulator.calls({ since });
    const refreshes = calls.filter((c) => c.operation === 'oauth.token.refresh_token');
    const non201 = records.filter((r) => r.status !== 201);
    const notCreated = listed.filter((r) => r.zoom.status !== 'created');
    const byAnswer = new Map<string, number>();
    for (const r of non201) {
      const code = /"code":"([^"]+)"/.exec(r.body ?? '')?.[1] ?? (r.body ?? '').slice(0, 60);
      byAnswer.set(`${r.status} ${code}`, (byAnswer.get(`${r.status} ${code}`) ?? 0) + 1);
    }
    const byState = new Map<string, number>();
    for (const r of notCreated)
      byState.set(
        `${r.zoom.status}: ${r.zoom.detail ?? ''}`,
        (byState.get(`${r.zoom.status}: ${r.zoom.detail ?? ''}`) ?? 0) + 1,
      );
    details.p3 = {
      processes,
      creates: records.length,
      refreshCalls: refreshes.length,
      refreshStatuses: refreshes.map((c) => c.status),
      createCallsAtZoom: calls
        .filter((c) => c.operation === 'meetings.create')
        .map((c) => c.status)
        .reduce<Record<string, number>>((acc, s) => {
          acc[s] = (acc[s] ?? 0) + 1;
          return acc;
        }, {}),
      non201: non201.length,
      non201ByAnswer: Object.fromEntries(byAnswer),
      firstFailures: non201.slice(0, 3).map((r) => ({ status: r.status, body: r.body })),
      notCreatedAfterDrain: notCreated.length,
      notCreatedByState: Object.fromEntries(byState),
    };
    rows.push({
      row: 'P3',
      what: `refresh calls at Zoom (${processes} process${processes > 1 ? 'es' : ''}, ${records.length} creates)`,
      measured: String(refreshes.length),
      baseline: '-',
      ratio: '-',
      target: '1',
      met: judge(refreshes.length === 1),
    });
    rows.push({
      row: 'P3',
      what: `failures: non-201 ${non201.length}, not created after drain ${notCreated.length}`,
      measured: String(non201.length + notCreated.length),
      baseline: '-',
      ratio: '-',
      target: '0',
      met: judge(non201.length + notCreated.length === 0),
    });
    if (non201.length || notCreated.length) {
      notes.push(
        `P3 failures: ${[...byAnswer].map(([k, v]) => `${v}× ${k}`).join('; ') || 'none non-201'}; not created: ${[...byState].map(([k, v]) => `${v}× ${k}`).join('; ') || 'none'}`,
      );
      for (const f of non201.slice(0, 3)) notes.push(`  P3 failure: ${f.status} ${(f.body ?? '').slice(0, 300)}`);
    }
    say(
      `${db}: P3 refreshes ${refreshes.length} (${refreshes.map((c) => c.status).join(',')}), non-201 ${non201.length}, not created ${notCreated.length}`,
    );
  }
}
