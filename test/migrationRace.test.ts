/** Migrations under a lock: two processes starting at once on one empty PostgreSQL database. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createThrowawayPostgres, onPostgres } from './helpers/testDatabase.ts';
import { startAppProcess } from './helpers/appProcess.ts';
import { freePort } from './helpers/freePort.ts';
import { listMigrations } from '../src/db/migrate.ts';

test('two app processes started at the same moment on an empty PostgreSQL database both come up', {
  skip: !onPostgres && 'needs TEST_DATABASE_URL (PostgreSQL)',
}, async () => {
  const throwaway = await createThrowawayPostgres();
  try {
    const env = {
      DATABASE_URL: throwaway.url,
      TOKEN_ENCRYPTION_KEYS: `race:${Buffer.alloc(32, 7).toString('base64')}`,
    };
    // Each runs its own embedded Zoom emulator, so each needs its own emulator port.
    const portA = await freePort();
    let portB = await freePort();
    while (portB === portA) portB = await freePort();
    const [a, b] = await Promise.all([
      startAppProcess({ ...env, ZOOM_EMULATOR_PORT: String(portA) }),
      startAppProcess({ ...env, ZOOM_EMULATOR_PORT: String(portB) }),
    ]);
    try {
      for (const proc of [a, b]) {
        const ready = await fetch(`http://127.0.0.1:${proc.port}/readyz`);
        assert.equal(ready.status, 200);
      }
      const client = new pg.Client({ connectionString: throwaway.url });
      await client.connect();
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      await client.end();
      assert.deepEqual(
        rows.map((r: { version: string }) => r.version),
        listMigrations().map((m) => m.version),
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  } finally {
    await throwaway.drop();
  }
});
