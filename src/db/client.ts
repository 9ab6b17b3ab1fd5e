/**
 * The database handle: embedded PGlite in DATA_DIR when DATABASE_URL is unset, PostgreSQL via `pg`
 * otherwise. Both give the same drizzle API, so query code is written once.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A drizzle database or transaction; query functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** One connection, for statements that need session state (advisory locks, multi-statement SQL). */
export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs `fn` on one dedicated connection and releases it afterwards. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** The raw driver, for the job queue's adapter. */
  driver: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; connectionString: string; pool: pg.Pool };
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
}

export function openPostgres(
  connectionString: string,
  options: { max?: number; /** Session settings for every connection (`-c name=value`), e.g. a test clock's opt-in. */ sessionSettings?: Record<string, string> } = {},
): Database {
  const settings = Object.entries(options.sessionSettings ?? {}).map(([name, value]) => `-c ${name}=${value}`);
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, ...(settings.length ? { options: settings.join(' ') } : {}) });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    driver: { kind: 'postgres', connectionString, pool },
    async withSession(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (text, params) => (await client.query(text, params)) as never,
          exec: async (script) => {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/**
 * Opens PGlite. `dataDir` undefined → in memory (tests). PGlite allows one process per data
 * directory, so a lock file with our pid makes a second process fail with a clear message
 * instead of corrupting the files.
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  // Loaded only here: a PostgreSQL deployment never pays for the embedded database's WebAssembly.
  const [{ PGlite: PGliteClass }, { drizzle: drizzlePglite }] = await Promise.all([import('@electric-sql/pglite'), import('drizzle-orm/pglite')]);
  let releaseLock = () => {};
  let pgDataDir: string | undefined;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = takeDataDirLock(dataDir);
    pgDataDir = join(dataDir, 'pgdata');
  }
  let pglite: PGlite;
  try {
    pglite = await PGliteClass.create(pgDataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  const session: SqlSession = {
    query: async (text, params) => (await pglite.query(text, params)) as never,
    exec: async (script) => {
      await pglite.exec(script);
    },
  };
  return {
    kind: 'pglite',
    db,
    driver: { kind: 'pglite', pglite },
    withSession: (fn) => fn(session),
    async close() {
      try {
        await pglite.close();
      } finally {
        releaseLock();
      }
    },
  };
}

function takeDataDirLock(dataDir: string): () => void {
  const lockPath = resolve(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `DATA_DIR ${resolve(dataDir)} is in use by process ${pid}: the embedded database serves one process. ` +
            'Stop that process, use another DATA_DIR, or set DATABASE_URL to share PostgreSQL between processes.',
        );
      }
      // A lock left by a process that died: take it over.
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`could not lock DATA_DIR ${resolve(dataDir)}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openDatabase(options: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
