/**
 * The ops command that lists deauthorizations and their data-compliance notice status
 * (`npm run deauthorizations`), run as a real process against a database holding one of each
 * state; `--send-now` delivers an unsent notice to the (emulated) Zoom.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from '../src/db/orm.ts';
import type { Database } from '../src/db/client.ts';
import { zoomDeauthorizations } from '../src/db/schema.ts';
import { startZoomEmulator, type ZoomEmulator } from '../zoom-emulator/startZoomEmulator.ts';
import { createTestDatabase, onPostgres, withReopenedDatabase, type TestDatabase } from './helpers/testDatabase.ts';
import { runCommand } from './helpers/runCommand.ts';

const DAY = 86_400_000;
let dataDir: string;
let testDb: TestDatabase;
let emulator: ZoomEmulator;
let env: Record<string, string>;
const ids = {
  fresh: randomUUID(),
  overdue: randomUUID(),
  sent: randomUUID(),
  skipped: randomUUID(),
  gone: randomUUID(),
};

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ekos-deauth-'));
  emulator = await startZoomEmulator({});
  testDb = await createTestDatabase({ dataDir });
  const now = Date.now();
  const row = (
    id: string,
    ageDays: number,
    status: 'pending' | 'sent' | 'skipped' | 'endpoint_gone',
    extra: Partial<typeof zoomDeauthorizations.$inferInsert> = {},
  ) => {
    const receivedAt = new Date(now - ageDays * DAY);
    return {
      id,
      zoomUserRef: id.slice(0, 12),
      deauthorizedAt: receivedAt,
      receivedAt,
      deadlineAt: new Date(receivedAt.getTime() + 10 * DAY),
      noticeStatus: status,
      affectedUsers: 1,
      ...extra,
    };
  };
  const identity = (userId: string) => ({
    zoomUserId: userId,
    zoomAccountId: 'acc-1',
    eventPayload: {
      account_id: 'acc-1',
      user_id: userId,
      client_id: emulator.clientId,
      deauthorization_time: new Date(now).toISOString(),
    },
  });
  await testDb.database.db.insert(zoomDeauthorizations).values([
    row(ids.fresh, 1, 'pending', {
      noticeAttempts: 2,
      noticeLastError: 'zoom_transient: 503',
      ...identity('zoom-user-fresh'),
    }),
    row(ids.overdue, 8.5, 'pending', {
      noticeAttempts: 40,
      noticeLastError: 'zoom_transient: 503',
      alertedAt: new Date(now - 0.5 * DAY),
      ...identity('zoom-user-late'),
    }),
    row(ids.sent, 3, 'sent', { noticeAttempts: 1, noticeSentAt: new Date(now - 2 * DAY) }),
    row(ids.skipped, 4, 'skipped'),
    row(ids.gone, 5, 'endpoint_gone', {
      noticeAttempts: 1,
      noticeLastError: "Zoom's Data Compliance endpoint is gone (HTTP 410)",
    }),
  ]);
  env = {
    ...(onPostgres ? { DATABASE_URL: testDb.url! } : { DATA_DIR: dataDir }),
    TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    ZOOM_CLIENT_ID: emulator.clientId,
    ZOOM_CLIENT_SECRET: emulator.clientSecret,
    ZOOM_WEBHOOK_SECRET_TOKEN: emulator.webhookSecret,
    ZOOM_OAUTH_BASE_URL: emulator.url,
    ZOOM_API_BASE_URL: emulator.url,
  };
  if (!onPostgres) await testDb.database.close(); // one process per PGlite directory
});

after(async () => {
  if (onPostgres) await testDb.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const withDatabase = <T>(fn: (database: Database) => Promise<T>) => withReopenedDatabase(testDb, dataDir, fn);

test('lists every deauthorization with its notice state, newest first; exit 2 while one is overdue', async () => {
  const result = await runCommand('src/ops/deauthorizationsCommand.ts', [], env);
  assert.equal(result.code, 2, result.output);
  const lines = result.stdout.split('\n');
  const order = [ids.fresh, ids.sent, ids.skipped, ids.gone, ids.overdue].map((id) =>
    lines.findIndex((l) => l.includes(id.slice(0, 12))),
  );
  assert.ok(
    order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]!)),
    `newest first:\n${result.stdout}`,
  );
  assert.match(lines[order[0]!]!, /pending\s+2\s+.*d left\)\s+zoom_transient: 503/);
  assert.match(lines[order[1]!]!, /sent\s+1\s+sent /);
  assert.match(lines[order[2]!]!, /skipped\s+0\s+notices off/);
  assert.match(lines[order[3]!]!, /endpoint_gone\s+1\s+Zoom endpoint gone\s+Zoom's Data Compliance endpoint is gone/);
  assert.match(lines[order[4]!]!, /overdue\s+40\s+/);
  assert.match(
    result.stdout,
    /Deauthorizations: 5 — notice sent 1, pending 1, overdue \(past day 8\) 1, missed \(past day 10\) 0, skipped \(ZOOM_DATA_COMPLIANCE=off\) 1, endpoint gone \(Zoom answered 404\/410\) 1/,
  );
  assert.match(result.stdout, /ACTION NEEDED/);
  assert.ok(!result.output.includes('zoom-user-'), 'Zoom user ids are not printed, only their reference');

  const json = await runCommand('src/ops/deauthorizationsCommand.ts', ['--json'], env);
  const report = JSON.parse(json.stdout) as { counts: Record<string, number>; lines: { id: string; state: string }[] };
  assert.deepEqual(report.counts, { pending: 1, overdue: 1, missed: 0, sent: 1, skipped: 1, endpoint_gone: 1 });
});

test('an unknown option is refused with usage, changing nothing', async () => {
  const result = await runCommand('src/ops/deauthorizationsCommand.ts', ['--delete-all'], env);
  assert.equal(result.code, 64);
  assert.match(result.output, /unknown option --delete-all; usage: npm run deauthorizations/);
});

test('--send-now delivers every unsent notice to Zoom, then the list shows them sent', async () => {
  const result = await runCommand('src/ops/deauthorizationsCommand.ts', ['--send-now'], env);
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /trying 2 unsent notice\(s\) now/);
  assert.match(result.stdout, /notice sent 3, pending 0, overdue \(past day 8\) 0/);
  const notices = emulator.control
    .complianceNotices()
    .map((n) => (n.body as { user_id: string }).user_id)
    .sort();
  assert.deepEqual(notices, ['zoom-user-fresh', 'zoom-user-late']);
  const [late] = await withDatabase((d) =>
    d.db.select().from(zoomDeauthorizations).where(eq(zoomDeauthorizations.id, ids.overdue)),
  );
  assert.equal(late!.noticeStatus, 'sent');
  assert.equal(late!.zoomUserId, null, 'the Zoom identity is forgotten once the notice is sent');
});
