/**
 * Production mode (docs/product.md §8): demo users and /dev/mailbox exist only in emulator mode,
 * and outside emulator mode the app refuses to start without SMTP_URL (mail must never vanish).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertServable, ConfigError, parseConfig } from '../src/config.ts';
import { openPglite } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../src/ops/seedDemo.ts';
import { startAppProcess } from './helpers/appProcess.ts';
import { freePort } from './helpers/freePort.ts';
import { HttpClient } from './helpers/httpClient.ts';
import { Client, createTestApp } from './helpers/testApp.ts';

const REAL_ZOOM = {
  ZOOM_CLIENT_ID: 'prod-client-id',
  ZOOM_CLIENT_SECRET: 'prod-client-secret',
  ZOOM_WEBHOOK_SECRET_TOKEN: 'prod-webhook-secret',
  // Nothing listens here: start-up must not need Zoom.
  ZOOM_OAUTH_BASE_URL: 'http://127.0.0.1:9',
  ZOOM_API_BASE_URL: 'http://127.0.0.1:9',
};
const ROOT = join(import.meta.dirname, '..');

test('outside emulator mode, the app process refuses to start without SMTP_URL and says why', async () => {
  assert.throws(
    () => assertServable(parseConfig(REAL_ZOOM)),
    (error: unknown) => error instanceof ConfigError && /SMTP_URL/.test(error.message),
  );
  assert.doesNotThrow(() => assertServable(parseConfig({ ...REAL_ZOOM, SMTP_URL: 'smtp://127.0.0.1:2525' })));
  assert.doesNotThrow(() => assertServable(parseConfig({})), 'emulator mode keeps mail locally');

  const dataDir = mkdtempSync(join(tmpdir(), 'ekos-nosmtp-'));
  try {
    const child = spawn(process.execPath, [join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATA_DIR: dataDir, ...REAL_ZOOM },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 78, 'EX_CONFIG');
    assert.match(stderr, /SMTP_URL: required when ZOOM_CLIENT_ID is set/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('with real Zoom credentials on the embedded database: no demo users (not even left from an emulator-mode run), no /dev/mailbox', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ekos-prod-'));
  // An earlier emulator-mode run on this data directory seeded the demo.
  const seeded = await openPglite(dataDir);
  await migrate(seeded);
  await seedDemo(seeded.db);
  await seeded.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startAppProcess({
    PORT: String(port),
    APP_BASE_URL: base,
    DATA_DIR: dataDir,
    SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
    ...REAL_ZOOM,
  });
  try {
    assert.ok(!app.output.join('\n').includes(DEMO_PASSWORD), 'no demo password printed');
    const visitor = new HttpClient(base);
    for (const demo of DEMO_USERS) {
      const login = await visitor.api('POST', '/api/auth/login', { email: demo.email, password: DEMO_PASSWORD });
      assert.equal(login.status, 401, `${demo.email} with the published password`);
    }
    for (const path of ['/dev/mailbox', '/dev/mailbox/messages.json']) {
      assert.equal((await visitor.request(path)).status, 404, path);
    }
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('/dev/mailbox is served only in emulator mode without SMTP_URL, whatever the database', async () => {
  for (const [env, expected] of [
    [{}, 200],
    [{ ...REAL_ZOOM }, 404],
    [{ ...REAL_ZOOM, SMTP_URL: 'smtp://127.0.0.1:2525' }, 404],
    [{ SMTP_URL: 'smtp://127.0.0.1:2525' }, 404],
  ] as const) {
    const t = await createTestApp({ env });
    try {
      const response = await new Client(t.app).get('/dev/mailbox/messages.json');
      assert.equal(response.status, expected, JSON.stringify(env));
    } finally {
      await t.close();
    }
  }
});
