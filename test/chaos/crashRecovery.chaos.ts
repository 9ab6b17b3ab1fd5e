/**
 * Crash recovery: the app process is killed (SIGKILL) with provision and delete jobs in
 * flight; a new process finishes them; the emulator ends with exactly the meetings of the live
 * Zoom records. A record's reminder (docs/product.md §13.1), written by the killed process and due
 * while the new one recovers, reaches each person once over SMTP, about 2 minutes before the start.
 * Runs against PostgreSQL when TEST_DATABASE_URL is set, else PGlite in a temp dir.
 *
 * Recovery takes about a minute of real time: a dead process's job is retried once it has been
 * active longer than its expiry (60 s), which is how a crash is told apart from a slow call.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startZoomEmulator, type ZoomEmulator } from '../../zoom-emulator/startZoomEmulator.ts';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.ts';
import { freePort } from '../helpers/freePort.ts';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.ts';
import { HttpClient, waitFor } from '../helpers/httpClient.ts';
import { createThrowawayPostgres, onPostgres } from '../helpers/testDatabase.ts';

let emulator: ZoomEmulator;
let smtp: SmtpSink;
let env: Record<string, string>;
let cleanup: () => Promise<void> = async () => {};
const processes: AppProcess[] = [];

before(async () => {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  emulator = await startZoomEmulator({ redirectUris: [`${base}/integrations/zoom/callback`] });
  smtp = await startSmtpSink();
  env = {
    SMTP_URL: smtp.url,
    PORT: String(port),
    APP_BASE_URL: base,
    ZOOM_CLIENT_ID: emulator.clientId,
    ZOOM_CLIENT_SECRET: emulator.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: emulator.webhookSecret,
    ZOOM_OAUTH_BASE_URL: emulator.url,
    ZOOM_API_BASE_URL: emulator.url,
    TOKEN_ENCRYPTION_KEYS: `chaos:${Buffer.alloc(32, 9).toString('base64')}`,
  };
  if (onPostgres) {
    const db = await createThrowawayPostgres();
    env.DATABASE_URL = db.url;
    cleanup = () => db.drop();
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ekos-chaos-'));
    env.DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
after(async () => {
  for (const p of processes) await p.stop('SIGKILL');
  await emulator.close();
  await smtp.close();
  await cleanup();
});

interface Record_ {
  id: string;
  title: string;
  status: string;
  location: { type: string };
  zoom: { status: string; meetingId?: string };
}

test('SIGKILL with provision and delete jobs in flight; a new process finishes them; no ghost meetings', async () => {
  processes.push(await startAppProcess(env));
  const client = new HttpClient(env.APP_BASE_URL!);
  const signedUp = await client.signUp(
    { name: 'Hana', email: 'hana@example.com', password: 'a long password' },
    { databaseUrl: env.DATABASE_URL, smtp },
  );
  assert.equal(signedUp.status, 201);
  const eco = (await (await client.api('POST', '/api/ecosystems', { name: 'Chaos' })).json()) as { id: string };
  assert.equal((await client.connectZoom(emulator.url, 'host@demo.ekosistem.app')).status, 200);
  // Each record an hour after the previous one: a host's meetings never overlap (docs/zoom-facts.md §10.7).
  let hour = 8;
  const create = async (title: string) => {
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(hour++, 0, 0, 0);
    const response = await client.api('POST', `/api/ecosystems/${eco.id}/meetings`, {
      kind: 'booking',
      title,
      startTime: start.toISOString(),
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'zoom' },
    });
    assert.equal(response.status, 201);
    return (await response.json()) as Record_;
  };
  // A session soon, reminded 2 minutes before: its reminder job comes due while the next process recovers.
  const reminders = await client.api('PUT', `/api/ecosystems/${eco.id}/settings`, { reminderMinutesBefore: [2] });
  assert.equal(reminders.status, 200, await reminders.clone().text());
  const soonStart = new Date(Math.ceil((Date.now() + 2 * 60_000 + 40_000) / 60_000) * 60_000);
  const soon = await client.api('POST', `/api/ecosystems/${eco.id}/meetings`, {
    kind: 'mentorship',
    title: 'Soon',
    startTime: soonStart.toISOString(),
    durationMinutes: 15,
    timezone: 'UTC',
    location: { type: 'in_person', address: 'Room 1' },
    attendeeEmails: ['aino@example.com', 'bo@example.com'],
  });
  assert.equal(soon.status, 201, await soon.clone().text());
  const early = [await create('Early 1'), await create('Early 2'), await create('Early 3')];
  assert.ok(early.every((r) => r.zoom.status === 'created'));

  // From now on every create and delete is stuck on its way to Zoom.
  emulator.control.addFault({ operation: 'meetings.create', kind: 'delay', delayMs: 600_000, rate: 1 });
  emulator.control.addFault({ operation: 'meetings.delete', kind: 'delay', delayMs: 600_000, rate: 1 });
  await Promise.all([
    client.api('POST', `/api/meetings/${early[0]!.id}/cancel`),
    client.api('POST', `/api/meetings/${early[1]!.id}/cancel`),
  ]);
  const late = await Promise.all([create('Late 1'), create('Late 2'), create('Late 3')]);
  assert.ok(late.every((r) => r.zoom.status === 'pending'));
  await waitFor(
    'worker calls in flight',
    async () => {
      const inTransit = emulator.control.inTransit();
      return (inTransit['meetings.create'] ?? 0) >= 1 && (inTransit['meetings.delete'] ?? 0) >= 1 ? true : undefined;
    },
    60_000,
  );

  await processes[0]!.stop('SIGKILL');
  emulator.control.clearFaults();
  await waitFor(
    'the killed process’s requests to be dropped',
    async () => (Object.keys(emulator.control.inTransit()).length === 0 ? true : undefined),
    10_000,
  );

  processes.push(await startAppProcess(env));
  const records = await waitFor(
    'every Zoom record to reach a final state',
    async () => {
      const list = (await (await client.api('GET', `/api/ecosystems/${eco.id}/meetings`)).json()) as {
        items: Record_[];
      };
      const zoom = list.items.filter((r) => r.location.type === 'zoom');
      return zoom.every((r) => ['created', 'deleted'].includes(r.zoom.status)) ? zoom : undefined;
    },
    240_000,
    1000,
    async () => {
      const list = (await (await client.api('GET', `/api/ecosystems/${eco.id}/meetings`)).json()) as {
        items: Record_[];
      };
      const states = list.items.map((r) => `${r.title}: ${r.status}/${r.zoom.status}`).join('\n');
      return `${states}\nlast process output:\n${processes.at(-1)!.output.slice(-40).join('\n')}`;
    },
  );
  const liveIds = records
    .filter((r) => r.status === 'scheduled')
    .map((r) => r.zoom.meetingId)
    .sort();
  assert.equal(liveIds.length, 4);
  assert.ok(records.filter((r) => r.status === 'cancelled').every((r) => r.zoom.status === 'deleted'));
  const atZoom = emulator.control
    .meetings()
    .map((m) => String(m.id))
    .sort();
  assert.deepEqual(atZoom, liveIds, 'the emulator holds exactly the meetings of the live records');
  assert.deepEqual(emulator.control.overlaps(), [], 'no overlapping meetings on the host at Zoom');

  // The reminder: once to each person, between start − 2 min and the start; no more than once.
  const remindersOut = () =>
    smtp.messages.filter((m) => /^Subject: Reminder: Soon/m.test(m.source)).map((m) => ({ to: m.to.join(), at: m.at }));
  const sent = await waitFor(
    'the reminders over SMTP',
    async () => (remindersOut().length >= 3 ? remindersOut() : undefined),
    soonStart.getTime() - Date.now() + 30_000,
    1000,
  );
  assert.deepEqual(
    remindersOut()
      .map((m) => m.to)
      .sort(),
    ['aino@example.com', 'bo@example.com', 'hana@example.com'],
  );
  for (const m of sent) {
    assert.ok(m.at >= soonStart.getTime() - 2 * 60_000 - 1000, `${m.to} reminded no earlier than 2 minutes before`);
    assert.ok(m.at < soonStart.getTime(), `${m.to} reminded before the start`);
  }
});
