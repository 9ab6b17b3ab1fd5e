/**
 * `Db` and `Tx` on the embedded database (PGlite in DATA_DIR, or in memory for tests). PGlite is
 * one connection in this process: a transaction holds it (drizzle's transaction over PGlite's),
 * and statements run one after another in the order issued, so nothing here saves round trips;
 * the rules of `Tx` (src/db/transactionLedger.ts) are the same as on PostgreSQL.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Database, Db, QueryBuilder, RunOptions, SqlSession, Tx } from './client.ts';
import { asResult, boundBuilder } from './queryBuilder.ts';
import { loadDrizzlePglite, type PgDatabase, type PgQueryResultHKT, type SQL, sql } from './orm.ts';
import { type Statement, toWireValue, unnamed } from './statement.ts';
import {
  firstRealFailure,
  followsEarlierFailure,
  type SqlAdapter,
  TransactionLedger,
  TransactionRolledBackError,
  withRefusal,
} from './transactionLedger.ts';

export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
}

type Drizzle = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** A statement's text split at its `$n` placeholders, kept per text. */
const splitTexts = new Map<string, (string | number)[]>();
function splitAtPlaceholders(text: string): (string | number)[] {
  let parts = splitTexts.get(text);
  if (!parts) {
    parts = text.split(/\$(\d+)/).map((part, i) => (i % 2 === 1 ? Number(part) - 1 : part));
    if (splitTexts.size < 1000) splitTexts.set(text, parts);
  }
  return parts;
}

/** `text` with its values as drizzle's SQL (PGlite runs statements through drizzle's session). */
function asSql(text: string, values: readonly unknown[]): SQL {
  const wire = values.map(toWireValue);
  const chunks = splitAtPlaceholders(text).map((part) =>
    typeof part === 'string' ? sql.raw(part) : sql.param(wire[part] ?? null),
  );
  return sql.join(chunks);
}

function rowsOf<Row>(drizzle: Drizzle, composed: SQL): Promise<Row[]> {
  return Promise.resolve(drizzle.execute(composed)).then((result) => (result as unknown as { rows: Row[] }).rows);
}

function pgliteTx(drizzle: Drizzle, ledger: TransactionLedger): Tx {
  const issue = <Row>(composed: SQL) => {
    ledger.assertOpen();
    return ledger.track(rowsOf<Row>(drizzle, composed));
  };
  return {
    ...boundBuilder(
      () => drizzle as unknown as QueryBuilder,
      () => ledger.assertOpen(),
    ),
    run: <Row>(statement: Statement<Row>, values: readonly unknown[] = [], options: RunOptions = {}) => {
      ledger.assertOpen();
      return ledger.track(withRefusal(rowsOf<Row>(drizzle, asSql(statement.text, values)), options.refusal));
    },
    query: <Row>(composed: SQL) => issue<Row>(composed),
    join: (write) =>
      ledger.join(write, (text, values) => rowsOf(drizzle, asSql(unnamed(text).text, values)).then(asResult)),
    atCommit: (...writes) => ledger.acceptAtCommit(writes),
  };
}

/**
 * Opens PGlite. `dataDir` undefined → in memory (tests). PGlite allows one process per data
 * directory, so a lock file with our pid makes a second process fail with a clear message
 * instead of corrupting the files.
 */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  // Loaded only here: a PostgreSQL deployment never pays for the embedded database's WebAssembly.
  const [{ PGlite: PGliteClass }, { btree_gist }] = await Promise.all([
    import('@electric-sql/pglite'),
    // The no-overlap guarantee's exclusion constraint needs btree_gist (migration 0010).
    import('@electric-sql/pglite/contrib/btree_gist'),
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
    pglite = await PGliteClass.create(pgDataDir, {
      extensions: { btree_gist },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const root = loadDrizzlePglite()({ client: pglite }) as unknown as Drizzle;
  const rootAdapter: SqlAdapter = {
    executeSql: (text, values = []) => rowsOf(root, asSql(text, values)).then(asResult),
  };
  const db: Db = {
    ...boundBuilder(() => root as unknown as QueryBuilder),
    run: (statement, values = [], options = {}) =>
      withRefusal(rowsOf(root, asSql(statement.text, values)), options.refusal),
    query: (composed) => rowsOf(root, composed),
    join: async (write) => write(rootAdapter),
    transaction: (fn) =>
      root
        .transaction(async (drizzleTx) => {
          const ledger = new TransactionLedger();
          try {
            const result = await fn(pgliteTx(drizzleTx as unknown as Drizzle, ledger));
            const refused = await ledger.finish();
            if (refused) throw refused.error;
            const outcomes = await ledger.settle();
            if (outcomes.some((outcome) => outcome.status === 'rejected')) throw firstRealFailure(outcomes);
            return result;
          } catch (error) {
            // Every statement settles before drizzle rolls the transaction back.
            await ledger.finish();
            const outcomes = await ledger.settle();
            throw (followsEarlierFailure(error) ? firstRealFailure(outcomes) : undefined) ?? error;
          }
        })
        .catch((error: unknown) => {
          // PGlite's COMMIT answered as a rollback: a failure the caller swallowed aborted it.
          throw followsEarlierFailure(error) ? new TransactionRolledBackError({ cause: error }) : error;
        }),
  };
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
