/**
 * Migration 0010 (a host is never in two places at once, docs/product.md §12.1) over a database
 * that already holds overlapping records of one host, some on Zoom: the upgrade succeeds, keeps
 * every record and every Zoom meeting as it was, marks the overlaps, and `npm run reconcile` lists
 * them. Afterwards the rule binds what is created or moved, the kept records included.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite, openPostgres } from '../src/db/client.ts';
import { hashPassword } from '../src/auth/passwordHashing.ts';
import { startZoomEmulator, type ZoomEmulator } from '../zoom-emulator/startZoomEmulator.ts';
import { Client, createTestApp, future, type TestApp } from './helpers/testApp.ts';
import { onPostgres, openDatabaseBefore, type TestDatabase } from './helpers/testDatabase.ts';
import { runCommand } from './helpers/runCommand.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'overlap-migration-'));
let url: string | undefined;
let drop: () => Promise<void> = async () => {};
let emulator: ZoomEmulator;
const ids = {
  admin: randomUUID(),
  host: randomUUID(),
  eco: randomUUID(),
  first: randomUUID(),
  overlapping: randomUUID(),
  later: randomUUID(),
  cancelled: randomUUID(),
};
const day = future(20, 10);
const at = (minutes: number) => new Date(Date.parse(day) + minutes * 60_000).toISOString();
let before0010: { meetings: string; providerMeetings: string };

const snapshot = async (database: Database) =>
  database.withSession(async (session) => ({
    meetings: JSON.stringify(
      (
        await session.query(
          'SELECT id, status, start_at, duration_minutes, zoom_status, location_type FROM meetings ORDER BY id',
        )
      ).rows,
    ),
    providerMeetings: JSON.stringify(
      (await session.query('SELECT id, meeting_id, state, external_id FROM provider_meetings ORDER BY id')).rows,
    ),
  }));

before(async () => {
  const opened = await openDatabaseBefore('0010', { dataDir: join(dataDir, 'db') });
  const database = opened.database;
  url = opened.url;
  drop = opened.drop;
  await database.withSession(async (session) => {
    const hash = await hashPassword('an old long password');
    await session.query(
      `INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'ada@old.example', 'Ada', $3), ($2, 'hana@old.example', 'Hana', $3)`,
      [ids.admin, ids.host, hash],
    );
    await session.query(`INSERT INTO ecosystems (id, name, created_by) VALUES ($1, 'Old Accelerator', $2)`, [
      ids.eco,
      ids.admin,
    ]);
    await session.query(
      `INSERT INTO memberships (ecosystem_id, user_id, role) VALUES ($1, $2, 'admin'), ($1, $3, 'host')`,
      [ids.eco, ids.admin, ids.host],
    );
    // Hana's day before the rule: two Zoom meetings overlapping by 30 minutes, one later record,
    // and a cancelled one over both (cancelled records hold no time).
    const record = (id: string, start: string, minutes: number, location: string, zoom: string, status: string) =>
      session.query(
        `INSERT INTO meetings (id, ecosystem_id, kind, title, start_at, duration_minutes, timezone, host_user_id, created_by,
           location_type, location_address, zoom_status, status)
         VALUES ($1, $2, 'mentorship', 'Before the rule', $3, $4, 'UTC', $5, $5, $6, $7, $8, $9)`,
        [id, ids.eco, start, minutes, ids.host, location, location === 'in_person' ? 'Room 1' : null, zoom, status],
      );
    await record(ids.first, at(0), 60, 'zoom', 'created', 'scheduled');
    await record(ids.overlapping, at(30), 60, 'zoom', 'created', 'scheduled');
    await record(ids.later, at(180), 30, 'in_person', 'not_applicable', 'scheduled');
    await record(ids.cancelled, at(0), 120, 'in_person', 'not_applicable', 'cancelled');
    for (const [meetingId, external] of [
      [ids.first, '81000000001'],
      [ids.overlapping, '81000000002'],
    ] as const) {
      await session.query(
        `INSERT INTO provider_meetings (id, meeting_id, ecosystem_id, host_user_id, account_ref, state, external_id,
           join_url, starts_at, duration_minutes, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'zoom-user-hana', 'live', $5, 'https://zoom.example/j/' || $5, $6, 60, now(), now())`,
        [randomUUID(), meetingId, ids.eco, ids.host, external, meetingId === ids.first ? at(0) : at(30)],
      );
    }
  });
  before0010 = await snapshot(database);
  const report = await migrate(database);
  assert.ok(report.applied.includes('0010_host_time_and_availability'), JSON.stringify(report));
  await database.close();
  emulator = await startZoomEmulator();
});

after(async () => {
  await emulator?.close();
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const reopen = (): Promise<Database> =>
  onPostgres ? Promise.resolve(openPostgres(url!)) : openPglite(join(dataDir, 'db'));

test('the upgrade keeps every record and Zoom meeting as it was, and marks the overlap', async () => {
  const database = await reopen();
  try {
    assert.deepEqual(await snapshot(database), before0010, 'records and provider meetings unchanged');
    const held = await database.withSession(
      async (session) =>
        (
          await session.query<{ meeting_id: string; overlap_kept: boolean }>(
            'SELECT meeting_id, overlap_kept FROM host_time ORDER BY lower(during)',
          )
        ).rows,
    );
    assert.deepEqual(held, [
      { meeting_id: ids.first, overlap_kept: false },
      { meeting_id: ids.overlapping, overlap_kept: true },
      { meeting_id: ids.later, overlap_kept: false },
    ]);
  } finally {
    await database.close();
  }
});

test('npm run reconcile lists the kept overlap with both records', async () => {
  const result = await runCommand('src/ops/reconcileCommand.ts', [], {
    ...(onPostgres ? { DATABASE_URL: url! } : { DATA_DIR: join(dataDir, 'db') }),
    TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    ZOOM_CLIENT_ID: emulator.clientId,
    ZOOM_CLIENT_SECRET: emulator.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: emulator.webhookSecret,
    ZOOM_OAUTH_BASE_URL: emulator.url,
    ZOOM_API_BASE_URL: emulator.url,
  });
  assert.equal(result.code, 0, result.output);
  assert.match(result.stdout, /overlapping records kept from before the no-overlap rule: 1/);
  const line = result.stdout.split('\n').find((l) => l.includes(ids.overlapping));
  assert.ok(line, result.stdout);
  assert.match(line, /hana@old\.example/);
  assert.ok(line.includes(ids.first), line);
});

test('afterwards the rule binds new and moved records, the kept one included', async () => {
  const database = await reopen();
  const testDb: TestDatabase = { database, url, close: () => database.close() };
  let t: TestApp | undefined;
  try {
    t = await createTestApp({ testDb });
    const hana = new Client(t.app);
    const signedIn = await hana.api('POST', '/api/auth/login', {
      email: 'hana@old.example',
      password: 'an old long password',
    });
    assert.equal(signedIn.status, 200, await signedIn.clone().text());
    const create = (start: string, minutes: number) =>
      hana.api('POST', `/api/ecosystems/${ids.eco}/meetings`, {
        kind: 'mentorship',
        title: 'After the rule',
        startTime: start,
        durationMinutes: minutes,
        timezone: 'UTC',
        location: { type: 'in_person', address: 'Room 2' },
      });
    // [01:15, 01:30) overlaps only the kept record: still refused.
    const refused = await create(at(75), 15);
    assert.equal(refused.status, 409, await refused.clone().text());
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'host_busy');
    assert.equal((await create(at(120), 30)).status, 201, 'free time is free');
    // Moving the kept record onto its neighbour is refused; moving it clear binds it by the rule.
    const onto = await hana.api('POST', `/api/meetings/${ids.overlapping}/reschedule`, {
      startTime: at(180),
      durationMinutes: 30,
    });
    assert.equal(onto.status, 409, await onto.clone().text());
    const clear = await hana.api('POST', `/api/meetings/${ids.overlapping}/reschedule`, {
      startTime: at(300),
      durationMinutes: 60,
    });
    assert.equal(clear.status, 200, await clear.clone().text());
    const kept = await database.withSession(
      async (session) => (await session.query('SELECT count(*)::int AS n FROM host_time WHERE overlap_kept')).rows,
    );
    assert.deepEqual(kept, [{ n: 0 }]);
  } finally {
    if (t) await t.close();
    else await database.close();
  }
});
