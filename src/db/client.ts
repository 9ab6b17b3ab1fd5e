/**
 * The database handle: embedded PGlite in DATA_DIR when DATABASE_URL is unset, PostgreSQL via `pg`
 * otherwise. Both give the same drizzle API, so query code is written once.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import type { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { socketWritingOncePerTick, StatementCachingClient } from './pgConnection.ts';
import { compileSql, directClientOf, drizzleResultTypes } from './directQuery.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A drizzle database or transaction; query functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * Runs a statement written as SQL and returns its rows (both drivers answer with `rows`). It is
 * sent when called, not when awaited, so statements issued one after another in a transaction
 * run in that order even when awaited together. On PostgreSQL a statement that `compileSql` can
 * render (text, nested templates, values, columns, tables, identifiers) goes to node-postgres as
 * drizzle would send it, without drizzle building it (src/db/directQuery.ts).
 */
export function rowsOf<R = Record<string, unknown>>(db: Db, query: SQL): Promise<R[]> {
  const client = directClientOf(db);
  const compiled = client && compileSql(query);
  if (client && compiled)
    return client
      .query({ text: compiled.text, types: drizzleResultTypes }, compiled.values)
      .then((result) => result.rows as R[]);
  return db
    .execute(query)
    .execute()
    .then((result) => (result as unknown as { rows: R[] }).rows);
}

/**
 * Awaits statements issued together in one transaction (with the work around them). Unlike
 * Promise.all it waits for every one of them before it throws, so none is still to be sent when
 * the transaction rolls back and its connection goes back to the pool. It throws the first failure
 * that does not merely follow an earlier one (`followsEarlierFailure`: what the statements after a
 * failed one answer).
 */
export async function together<T extends readonly unknown[]>(
  work: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(work);
  const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((failure) => !followsEarlierFailure(failure)) ?? failures[0];
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}

/**
 * Writes that nothing later in the transaction depends on (a mail's row and job): on PostgreSQL
 * they are checked with the transaction's COMMIT, which is sent right behind them (one round trip
 * fewer per transaction). A failed one fails the transaction: PostgreSQL turns the COMMIT of an
 * aborted transaction into a rollback, and the transaction throws the failure. Elsewhere (PGlite,
 * outside a transaction, inside a savepoint) they are awaited here, like `together`.
 *
 * Each write must have sent its statements when it is passed (`rowsOf` and drizzle's `execute`
 * send theirs when called), or mark them with `statementToIssue`. A write that refuses from its
 * answer (a limit read from the rows it returns) must be awaited instead: by the time it refuses,
 * the COMMIT has been sent.
 */
export async function lastWrites(db: Db, writes: Promise<unknown>[]): Promise<void> {
  const state = pipelined.get(db);
  if (!state) {
    await together(writes);
    return;
  }
  for (const write of writes) {
    write.catch((error: unknown) => (state.failed ??= { error }));
    state.last.push(write);
  }
}

/**
 * For a statement issued only after an `await` (the job queue's insert waits for its queue
 * cache): the transaction's COMMIT is not sent until the returned function has been called —
 * when the statement has been sent, or with the failure that kept it from being sent (the
 * transaction then rolls back). Calling it more than once is harmless.
 */
export function statementToIssue(db: Db): (notSentBecause?: unknown) => void {
  const state = pipelined.get(db);
  if (!state) return () => {};
  state.unissued++;
  let done = false;
  return (notSentBecause?: unknown) => {
    if (done) return;
    done = true;
    if (notSentBecause !== undefined) state.failed ??= { error: notSentBecause };
    state.unissued--;
    if (state.unissued === 0) state.allIssued?.();
  };
}

/** A transaction of `pipelineBegin`: writes checked with its COMMIT, statements still to be issued. */
interface PipelinedTransaction {
  last: Promise<unknown>[];
  /** The first of them that failed before COMMIT was sent (e.g. before its statement was sent). */
  failed?: { error: unknown } | undefined;
  unissued: number;
  allIssued?: (() => void) | undefined;
}
const pipelined = new WeakMap<object, PipelinedTransaction>();

async function allIssued(state: PipelinedTransaction): Promise<void> {
  while (state.unissued > 0) await new Promise<void>((resolve) => (state.allIssued = resolve));
}

/** The first failure among `outcomes` that does not merely follow an earlier one, if any. */
function firstRealFailure(outcomes: PromiseSettledResult<unknown>[]): unknown {
  for (const outcome of outcomes)
    if (outcome.status === 'rejected' && !followsEarlierFailure(outcome.reason)) return outcome.reason;
  return undefined;
}

/** Whether `error` is PostgreSQL's error `sqlState`, as the driver raises it or drizzle wraps it. */
function isSqlState(error: unknown, sqlState: string): boolean {
  const code = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return code(error) === sqlState || code((error as { cause?: unknown } | null)?.cause) === sqlState;
}

/**
 * A failure that only follows an earlier one in the same transaction: PostgreSQL's "current
 * transaction is aborted" (25P02), or "prepared statement does not exist" (26000) — a statement
 * whose text was first used on its connection in that transaction: the first use's Parse was
 * refused as aborted, and node-postgres sent the next use's Bind without one.
 */
const followsEarlierFailure = (error: unknown) => isSqlState(error, '25P02') || isSqlState(error, '26000');

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
  options: {
    max?: number /** Session settings for every connection (`-c name=value`), e.g. a test clock's opt-in. */;
    sessionSettings?: Record<string, string>;
  } = {},
): Database {
  const settings = Object.entries(options.sessionSettings ?? {}).map(([name, value]) => `-c ${name}=${value}`);
  // Pipeline mode: a statement is written to the connection as soon as it is issued, without
  // waiting for the answer to the one before, so a transaction's independent statements issued
  // together (`together`) cost one round trip. Statements still run in the order issued.
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    pipeline: true,
    stream: socketWritingOncePerTick,
    Client: StatementCachingClient,
    ...(settings.length ? { options: settings.join(' ') } : {}),
  } as pg.PoolConfig);
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  pipelineBegin(db, pool);
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

type TransactionFn = (tx: NodePgTransaction<Schema, never>) => Promise<unknown>;

/**
 * drizzle's transactions on node-postgres, with BEGIN sent in the same round trip as the first
 * statement instead of one of its own (and a connection whose ROLLBACK failed dropped, not pooled).
 * BEGIN on an idle pooled connection fails only when the connection does, and then every statement
 * behind it fails too; it is awaited before COMMIT all the same. Transactions with options
 * (isolation level and the like) keep drizzle's own path.
 */
function pipelineBegin(db: Db, pool: pg.Pool): void {
  const session = (db as unknown as { session: NodePgSession<Schema, never> }).session;
  const internals = session as unknown as {
    dialect: PgDialect;
    schema: ConstructorParameters<typeof NodePgSession<Schema, never>>[2];
    options: ConstructorParameters<typeof NodePgSession>[3];
  };
  const drizzleTransaction = session.transaction.bind(session);
  const transaction = async (fn: TransactionFn, config?: unknown) => {
    if (config) return drizzleTransaction(fn as never, config as never);
    const client = await pool.connect();
    const counted = client as unknown as StatementCachingClient;
    const unsentBefore = counted.unsent;
    const tx = new NodePgTransaction<Schema, never>(
      internals.dialect,
      new NodePgSession(client, internals.dialect, internals.schema, internals.options),
      internals.schema,
    );
    const state: PipelinedTransaction = { last: [], unissued: 0 };
    pipelined.set(tx, state);
    const begun = client.query('begin');
    begun.catch(() => {});
    let broken: Error | undefined;
    try {
      const result = await fn(tx);
      await begun;
      await allIssued(state);
      // A last write refused before its statement reached PostgreSQL aborted nothing there: the
      // transaction must roll back, not commit. Such a refusal is known by now — a statement
      // node-postgres could not send is counted when issued, and a statement to issue reports
      // why it was not sent — so COMMIT goes out in the same write as the last statements.
      if (state.failed) throw state.failed.error;
      if (counted.unsent > unsentBefore)
        throw (
          firstRealFailure(await Promise.allSettled(state.last)) ??
          new Error('a statement of the transaction could not be sent')
        );
      // COMMIT goes right behind the last writes; any of them that PostgreSQL refused aborted the
      // transaction, so the COMMIT rolled it back, and `together` throws that failure.
      await together([...state.last, client.query('commit')]);
      return result;
    } catch (error) {
      // Nothing may be left to send after the ROLLBACK; and the real failure may be among the
      // last writes, with `error` only "transaction aborted".
      await allIssued(state);
      const outcomes = await Promise.allSettled(state.last);
      const real = followsEarlierFailure(error) ? firstRealFailure(outcomes) : undefined;
      await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
      throw real ?? error;
    } finally {
      client.release(broken);
    }
  };
  session.transaction = transaction as typeof session.transaction;
}

/**
 * Opens PGlite. `dataDir` undefined → in memory (tests). PGlite allows one process per data
 * directory, so a lock file with our pid makes a second process fail with a clear message
 * instead of corrupting the files.
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  // Loaded only here: a PostgreSQL deployment never pays for the embedded database's WebAssembly.
  const [{ PGlite: PGliteClass }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
  ]);
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
