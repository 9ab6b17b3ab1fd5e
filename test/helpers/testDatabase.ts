/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL set (CI's PostgreSQL
 * pass) each call creates a throwaway database on that server; otherwise an in-memory PGlite,
 * cloned from a migrated template cached on disk so each file does not pay for the migrations.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { CLOCK_OVERRIDE_SETTING } from 'pg-boss';
import { openPglite, openPostgres, type Database } from '../../src/db/client.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';

export interface TestDatabase {
  database: Database;
  /** Connection string of the throwaway PostgreSQL database, when on PostgreSQL. */
  url: string | undefined;
  close(): Promise<void>;
}

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Creates an empty throwaway PostgreSQL database and returns its URL and a drop function. */
export async function createThrowawayPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * A database with the schema as it was before migration `version`, applied the way migrate()
 * records versions: for tests of a migration over data written before it.
 */
export async function openDatabaseBefore(
  version: string,
  options: { dataDir?: string } = {},
): Promise<{ database: Database; url: string | undefined; drop(): Promise<void> }> {
  let url: string | undefined;
  let database: Database;
  let drop = async () => {};
  if (onPostgres) {
    const throwaway = await createThrowawayPostgres();
    database = openPostgres(throwaway.url);
    url = throwaway.url;
    drop = throwaway.drop;
  } else {
    database = await openPglite(options.dataDir);
  }
  await database.withSession(async (session) => {
    await session.exec(
      'CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    for (const m of listMigrations().filter((m) => m.version < version)) {
      await session.exec(
        `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (version) VALUES ('${m.version}');\nCOMMIT;`,
      );
    }
  });
  return { database, url, drop };
}

/**
 * `dataDir`: on PGlite, keep the database in that directory instead of memory, so a child
 * process (an npm command) can open it once this one has closed it.
 */
export async function createTestDatabase(options: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (onPostgres) {
    const throwaway = await createThrowawayPostgres();
    // pg-boss's TestClock answers job_now() only to sessions that opted in; jobs enqueued inside
    // the app's own transactions run on these connections, so they opt in too (harmless unattached).
    const database = openPostgres(throwaway.url, { sessionSettings: { [CLOCK_OVERRIDE_SETTING]: 'on' } });
    await migrate(database);
    return {
      database,
      url: throwaway.url,
      async close() {
        await database.close();
        await throwaway.drop();
      },
    };
  }
  const template = await migratedTemplate();
  const database = await openPglite(options.dataDir, { loadDataDir: new Blob([template as Uint8Array<ArrayBuffer>]) });
  await migrate(database); // no-op unless the template is stale
  return { database, url: undefined, close: () => database.close() };
}

/**
 * Opens the database of `testDb` again for one piece of work, then closes it: for tests whose
 * child process (an npm command) used it meanwhile. On PGlite, `dataDir` is where it lives.
 */
export async function withReopenedDatabase<T>(
  testDb: TestDatabase,
  dataDir: string,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const database = onPostgres ? openPostgres(testDb.url!) : await openPglite(dataDir);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function migratedTemplate(): Promise<Uint8Array> {
  const fingerprint = createHash('sha256').update(JSON.stringify(listMigrations())).digest('hex').slice(0, 16);
  const dir = join(import.meta.dirname, '..', '..', '.tmp');
  const file = join(dir, `pglite-template-${fingerprint}.tar.gz`);
  if (existsSync(file)) return readFileSync(file);
  const database = await openPglite(undefined);
  await migrate(database);
  if (database.driver.kind !== 'pglite') throw new Error('unreachable');
  const dump = await database.driver.pglite.dumpDataDir('gzip');
  await database.close();
  const bytes = new Uint8Array(await dump.arrayBuffer());
  mkdirSync(dir, { recursive: true });
  // Write then rename, so a parallel test file never reads a half-written template.
  const tmp = `${file}.${process.pid}.${randomBytes(3).toString('hex')}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return bytes;
}
