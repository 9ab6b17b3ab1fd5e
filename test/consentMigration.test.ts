/**
 * Migration 0005 (membership by consent) on a database that already holds data from before it:
 * current members stay members with their roles, `zoom_for_others` starts off, and a Zoom record a
 * member made with a host before consent existed still gets its meeting when the host connects.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from '../src/db/orm.ts';
import { meetings, memberships } from '../src/db/schema.ts';
import type { Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { hashPassword } from '../src/auth/passwordHashing.ts';
import { Client, connectZoom, createTestApp, future, type TestApp } from './helpers/testApp.ts';
import { openDatabaseBefore, type TestDatabase } from './helpers/testDatabase.ts';

let database: Database;
let drop: () => Promise<void> = async () => {};
let t: TestApp;
const ids = { admin: randomUUID(), host: randomUUID(), member: randomUUID(), eco: randomUUID(), record: randomUUID() };

before(async () => {
  ({ database, drop } = await openDatabaseBefore('0005'));
  // Data written before 0005.
  await database.withSession(async (session) => {
    const hash = await hashPassword('an old long password');
    await session.query(
      `INSERT INTO users (id, email, name, password_hash) VALUES ($1, 'ada@old.example', 'Ada', $4), ($2, 'hana@old.example', 'Hana', $4), ($3, 'mika@old.example', 'Mika', $4)`,
      [ids.admin, ids.host, ids.member, hash],
    );
    await session.query(`INSERT INTO ecosystems (id, name, created_by) VALUES ($1, 'Old Accelerator', $2)`, [
      ids.eco,
      ids.admin,
    ]);
    await session.query(
      `INSERT INTO memberships (ecosystem_id, user_id, role) VALUES ($1, $2, 'admin'), ($1, $3, 'host'), ($1, $4, 'member')`,
      [ids.eco, ids.admin, ids.host, ids.member],
    );
    // Mika booked Hana on Zoom before consent existed; Hana had not connected Zoom yet.
    await session.query(
      `INSERT INTO meetings (id, ecosystem_id, kind, title, start_at, duration_minutes, timezone, host_user_id, created_by, location_type, zoom_status)
       VALUES ($1, $2, 'booking', 'Booked before consent', $3, 30, 'UTC', $4, $5, 'zoom', 'waiting_for_reconnect')`,
      [ids.record, ids.eco, future(5), ids.host, ids.member],
    );
  });
  const report = await migrate(database);
  assert.ok(report.applied.includes('0005_membership_consent'));
  const testDb: TestDatabase = { database, url: undefined, close: async () => {} };
  t = await createTestApp({ zoom: true, testDb });
});
after(async () => {
  await t.close();
  await database.close();
  await drop();
});

test('current members stay members with their roles; zoomForOthers starts off', async () => {
  const rows = await database.db.select().from(memberships).where(eq(memberships.ecosystemId, ids.eco));
  assert.deepEqual(
    rows.map((r) => [r.userId, r.role, r.zoomForOthers]).sort(),
    [
      [ids.admin, 'admin', false],
      [ids.host, 'host', false],
      [ids.member, 'member', false],
    ].sort(),
  );
  const mika = new Client(t.app);
  const signedIn = await mika.api('POST', '/api/auth/login', {
    email: 'mika@old.example',
    password: 'an old long password',
  });
  assert.equal(signedIn.status, 200);
  const record = await mika.api('GET', `/api/meetings/${ids.record}`);
  assert.equal(record.status, 200, 'the creator still sees the record');
});

test('a Zoom record made with a host before the migration keeps its Zoom: it is created when the host connects', async () => {
  t.emulator!.control.createUser({ email: 'hana@old.example' });
  const hana = new Client(t.app);
  assert.equal(
    (await hana.api('POST', '/api/auth/login', { email: 'hana@old.example', password: 'an old long password' })).status,
    200,
  );
  assert.equal((await connectZoom(hana, t.emulator!, 'hana@old.example')).status, 200);
  await t.queue.runDueJobs();
  const [row] = await database.db.select().from(meetings).where(eq(meetings.id, ids.record));
  assert.equal(row!.zoomStatus, 'created');
  assert.equal(t.emulator!.control.meetings('live').filter((m) => m.hostEmail === 'hana@old.example').length, 1);
});
