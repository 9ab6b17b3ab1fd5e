/** R3's floors: CPU per booking of a bare booking server and of one on the chosen stack. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/helpers/freePort.ts';
import { BOOKING_MINUTES, nextStart, pool } from './load.ts';
import { cpuMs, sleep, startNodeScript } from './processes.ts';
import { SETTINGS, type BenchContext } from './settings.ts';

/**
 * A floor of R3's: CPU per booking of `script` (bench/bareBookingServer.ts, the bare floor, or
 * bench/stackBookingServer.ts, the stack floor), which commits the claim, calls Zoom, commits the
 * meeting with the attendee's mail, answers, sends the mail over SMTP and marks it sent. Measured
 * from its process's /proc counters, after a warm-up, until every mail reached the sink. `label`
 * names its records and its attendees' addresses.
 */
export async function measureBookingCpuFloor(
  ctx: BenchContext,
  n: number,
  script: string,
  label: string,
): Promise<{ bookings: number; mails: number; cpuMs: number; cpuMsPerBooking: number }> {
  const { emulator, smtp, bareToken, databaseUrl, cleanup } = ctx;
  const port = await freePort();
  const dir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'ekos-bench-floor-mail-'));
  const server = await startNodeScript(
    script,
    {
      PORT: String(port),
      ZOOM_API_BASE_URL: emulator.url,
      ZOOM_TOKEN: bareToken,
      BARE_SMTP_URL: smtp.url,
      ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : { BARE_PGLITE_DIR: dir! }),
      ...(process.env.BENCH_FLOOR_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_FLOOR_NODE_OPTIONS } : {}),
    },
    'bare booking server listening',
  );
  const forget = cleanup.add(`${script} (R3 floor)`, async () => {
    await server.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const book = async (batch: string, i: number) => {
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Floor ${batch} ${i}`,
        startTime: nextStart().replace(/\.\d{3}Z$/, 'Z'),
        durationMinutes: BOOKING_MINUTES,
        attendee: `${batch}-${i}@attendee.example`,
      }),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`${script} answered ${response.status}`);
  };
  const mailsTo = (batch: string) => smtp.messages.filter((m) => m.to.some((to) => to.startsWith(`${batch}-`))).length;
  const waitForMails = async (batch: string, count: number) => {
    const deadline = performance.now() + 120_000;
    while (mailsTo(batch) < count && performance.now() < deadline) await sleep(20);
    return mailsTo(batch);
  };
  const warm = 40;
  await pool(warm, SETTINGS.r3Concurrency, (i) => book(`${label}w`, i));
  await waitForMails(`${label}w`, warm);
  const cpu0 = cpuMs(server.child.pid!);
  await pool(n, SETTINGS.r3Concurrency, (i) => book(label, i));
  const mails = await waitForMails(label, n);
  const cpu1 = cpuMs(server.child.pid!);
  await server.stop();
  forget();
  if (dir) rmSync(dir, { recursive: true, force: true });
  return { bookings: n, mails, cpuMs: cpu1 - cpu0, cpuMsPerBooking: (cpu1 - cpu0) / n };
}
