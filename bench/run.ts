/**
 * `npm run bench`: what a host and their attendees feel, measured on this machine against a real
 * app process (embedded PGlite, or PostgreSQL with DATABASE_URL) and the Zoom emulator over HTTP.
 *
 * 1. Create a Zoom booking (POST, the request tries the Zoom create at once): response time and how
 *    often the response already carries the join URL, with Zoom answering in 0 ms and in 150 ms.
 * 2. Cancel: time until the emulator holds no meeting for the record (the delete job's latency).
 * 3. Read load: autocannon on the records list (GET /api/ecosystems/:id/meetings, 100 records).
 *
 * Prints progress and a one-screen summary. Numbers go to README.md (Benchmarks) by hand.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZoomEmulator } from '../zoom-emulator/startZoomEmulator.ts';
import { startAppProcess } from '../test/helpers/appProcess.ts';
import { freePort } from '../test/helpers/freePort.ts';
import { startSmtpSink } from '../test/helpers/smtpSink.ts';
import { HttpClient } from '../test/helpers/httpClient.ts';

const CREATES_PER_LATENCY = Number(process.env.BENCH_CREATES ?? 40);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 10);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const progress = (line: string) => process.stderr.write(`${line}\n`);

const port = await freePort();
const base = `http://localhost:${port}`;
const emulator = await startZoomEmulator({ redirectUris: [`${base}/integrations/zoom/callback`] });
const dataDir = mkdtempSync(join(tmpdir(), 'ekos-bench-'));
// Outside emulator mode the app requires SMTP_URL (SPEC §8): a local sink takes the mail.
const smtp = await startSmtpSink();
const app = await startAppProcess({
  SMTP_URL: smtp.url,
  PORT: String(port),
  APP_BASE_URL: base,
  // info, as in production (and the process helper waits for the `listening` line).
  LOG_LEVEL: 'info',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { DATA_DIR: dataDir }),
  ZOOM_CLIENT_ID: emulator.clientId,
  ZOOM_CLIENT_SECRET: emulator.clientSecret,
  ZOOM_WEBHOOK_SECRET_TOKEN: emulator.webhookSecret,
  ZOOM_OAUTH_BASE_URL: emulator.url,
  ZOOM_API_BASE_URL: emulator.url,
  TOKEN_ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 3).toString('base64')}`,
}).catch((error: unknown) => {
  progress(String(error));
  process.exit(1);
});

const summary: string[] = [];
try {
  const client = new HttpClient(base);
  const email = `bench-${Date.now()}@example.com`;
  const signedUp = await client.signUp({ name: 'Bench Host', email, password: 'a long bench password' }, { databaseUrl: process.env.DATABASE_URL, smtp });
  if (signedUp.status !== 201) throw new Error(`sign-up failed: ${signedUp.status} ${await signedUp.text()}`);
  const eco = (await (await client.api('POST', '/api/ecosystems', { name: 'Bench' })).json()) as { id: string };
  if ((await client.connectZoom(emulator.url, 'host@demo.ekosistem.app')).status !== 200) throw new Error('connect failed');

  let day = 2;
  const createOne = async () => {
    const start = new Date(Date.now() + day++ * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    const started = performance.now();
    const response = await client.api('POST', `/api/ecosystems/${eco.id}/meetings`, {
      kind: 'booking',
      title: 'Bench booking',
      startTime: start.toISOString(),
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'zoom' },
      attendeeEmails: ['a@example.com', 'b@example.com'],
    });
    const took = performance.now() - started;
    if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { id: string; zoom: { status: string; joinUrl?: string; detail?: string } };
    const rateLimited = /slow down/.test(body.zoom.detail ?? '');
    // Not in the response: time until the record (and so every attendee's mail) has the link.
    let untilJoinUrl = took;
    if (!body.zoom.joinUrl) {
      for (;;) {
        const now = ((await (await client.api('GET', `/api/meetings/${body.id}`)).json()) as { zoom: { joinUrl?: string } }).zoom;
        if (now.joinUrl) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      untilJoinUrl = performance.now() - started;
    }
    return { id: body.id, took, untilJoinUrl, withJoinUrl: Boolean(body.zoom.joinUrl), rateLimited };
  };

  for (const latency of [0, 150]) {
    emulator.control.setLatency(latency);
    const results = [];
    for (let i = 0; i < CREATES_PER_LATENCY; i++) {
      results.push(await createOne());
      if ((i + 1) % 10 === 0) progress(`  Zoom latency ${latency} ms: ${i + 1}/${CREATES_PER_LATENCY} creates`);
    }
    const times = results.map((r) => r.took);
    summary.push(
      `create with Zoom (Zoom answers in ${latency} ms), n=${results.length}: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, ` +
        `join URL already in the response: ${results.filter((r) => r.withJoinUrl).length}/${results.length}`,
      `  … the others hit Zoom's per-second limit (429): ${results.filter((r) => r.rateLimited).length}; ` +
        `time until the join URL exists: p50 ${ms(percentile(results.map((r) => r.untilJoinUrl), 50))}, max ${ms(Math.max(...results.map((r) => r.untilJoinUrl)))}`,
    );

    // Cancel the first ten and time until Zoom no longer holds them.
    const cancelTimes: number[] = [];
    for (const record of results.slice(0, 10)) {
      const meetingId = ((await (await client.api('GET', `/api/meetings/${record.id}`)).json()) as { zoom: { meetingId: string } }).zoom.meetingId;
      const started = performance.now();
      await client.api('POST', `/api/meetings/${record.id}/cancel`);
      while (emulator.control.meetings().some((m) => String(m.id) === meetingId)) await new Promise((r) => setTimeout(r, 5));
      cancelTimes.push(performance.now() - started);
    }
    summary.push(`cancel → meeting gone at Zoom (Zoom answers in ${latency} ms), n=10: p50 ${ms(percentile(cancelTimes, 50))}, p95 ${ms(percentile(cancelTimes, 95))}`);
  }
  emulator.control.setLatency(0);

  while (((await (await client.api('GET', `/api/ecosystems/${eco.id}/meetings`)).json()) as { items: unknown[] }).items.length < 100) await createOne();
  progress(`  read load: ${READ_SECONDS} s of GET /api/ecosystems/:id/meetings (100 records)…`);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const result = await autocannon({
    url: `${base}/api/ecosystems/${eco.id}/meetings`,
    connections: 10,
    duration: READ_SECONDS,
    headers: { cookie },
  });
  summary.push(
    `list 100 records, 10 connections, ${READ_SECONDS} s: ${Math.round(result.requests.average)} req/s, ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
  );
} finally {
  await app.stop();
  await emulator.close();
  await smtp.close();
  rmSync(dataDir, { recursive: true, force: true });
}

process.stdout.write(
  [
    '',
    `Benchmark — ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}, Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'})`,
    ...summary.map((line) => `  ${line}`),
    '',
  ].join('\n'),
);
