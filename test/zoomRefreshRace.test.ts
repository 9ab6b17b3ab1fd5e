/**
 * One refresh at a time (docs/product.md §3.4): on PostgreSQL, two processes and 100 concurrent Zoom calls for
 * one host whose access token has expired → the emulator records exactly one refresh, and every
 * call succeeds.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Client, connectZoom, createTestApp, TEST_KEY, type TestApp } from './helpers/testApp.ts';
import { onPostgres } from './helpers/testDatabase.ts';

let t: TestApp | undefined;
before(async () => {
  if (!onPostgres) return;
  t = await createTestApp({
    zoom: {
      perSecondLimits: {
        free: { light: 1e6, medium: 1e6, heavy: 1e6 },
        pro: { light: 1e6, medium: 1e6, heavy: 1e6 },
        business: { light: 1e6, medium: 1e6, heavy: 1e6 },
      },
    },
  });
});
after(() => t?.close());

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'helpers', 'zoomCallsWorker.ts')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('worker exited early');
    return String(value);
  };
  return { child, next };
}

test('two processes, 100 concurrent calls with an expired token → exactly one refresh, all succeed', {
  skip: !onPostgres && 'needs TEST_DATABASE_URL (PostgreSQL)',
}, async () => {
  const app = t!;
  const host = new Client(app.app);
  const { id: userId } = await host.signUp('Hana', 'hana@example.com');
  const connected = await connectZoom(host, app.emulator!);
  assert.equal(connected.status, 200);
  const zoomUser = app.emulator!.control.userByEmail('host@demo.ekosistem.app')!;
  app.emulator!.control.expireAccessToken(zoomUser.id);
  app.emulator!.control.clearCalls();

  const env = {
    DATABASE_URL: app.testDb.url!,
    TOKEN_ENCRYPTION_KEYS: `${TEST_KEY.id}:${TEST_KEY.key.toString('base64')}`,
    ZOOM_URL: app.emulator!.url,
    ZOOM_CLIENT_ID: app.emulator!.clientId,
    ZOOM_CLIENT_SECRET: app.emulator!.clientSecret,
    USER_ID: userId,
    CALLS: '50',
  };
  const workers = [startWorker(env), startWorker(env)];
  for (const w of workers) assert.equal(await w.next(), 'ready');
  for (const w of workers) w.child.stdin!.write('go\n');
  const results = (await Promise.all(workers.map((w) => w.next()))).map(
    (line) => JSON.parse(line) as { ok: number; failures: string[] },
  );
  assert.deepEqual(
    results.map((r) => r.failures),
    [[], []],
  );
  assert.equal(results[0]!.ok + results[1]!.ok, 100);
  const refreshes = app.emulator!.control.calls({ operation: 'oauth.token.refresh_token' });
  assert.equal(refreshes.length, 1, 'exactly one refresh');
  assert.equal(refreshes[0]!.status, 200);
  const calls = app.emulator!.control.calls({ operation: 'users.me' });
  assert.equal(calls.filter((c) => c.status === 200).length, 100);
});
