/**
 * The database handle the rest of the code uses: embedded PGlite in DATA_DIR when DATABASE_URL is
 * unset, PostgreSQL through node-postgres otherwise. Both implement the same `Db` and `Tx`
 * (src/db/postgres.ts, src/db/pglite.ts), checked by one contract suite (src/db/client.test.ts).
 *
 * How to write a query:
 * - drizzle's query builder (`select`, `insert`, `update`, `delete`) for most code. Its statements
 *   are sent when awaited: await each one.
 * - `run(statement, values)` for a hot statement declared once with `statement(name, text)`
 *   (src/db/statement.ts): sent when called, so statements issued one after another run in that
 *   order even when awaited together, and on PostgreSQL several cost one round trip.
 * - `query(sql\`…\`)` for a statement composed at run time with drizzle's `sql` template: rendered
 *   by drizzle, then sent like `run`.
 * Statements written as SQL (`run`, `query`) answer timestamps, dates and intervals as text (as
 * drizzle's own `execute` does); read them with `new Date(…)`.
 *
 * In a transaction every statement issued through `run`, `query` or a joined write is checked
 * before the transaction reports success, whether or not its caller awaited it. `atCommit` is the
 * one way to leave a write to that check on purpose: on PostgreSQL it is then sent right ahead of
 * COMMIT, one round trip for both.
 */
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { PgDatabase, PgQueryResultHKT, SQL } from './orm.ts';
import type { SqlValue, Statement } from './statement.ts';
import type { SqlAdapter } from './transactionLedger.ts';
import { openPostgres } from './postgres.ts';
import { openPglite } from './pglite.ts';

export { openPostgres } from './postgres.ts';
export { DataDirLockedError, openPglite } from './pglite.ts';
export type { SqlAdapter } from './transactionLedger.ts';

type Builder = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** drizzle's query builder, bound to the database or to a transaction. */
export type QueryBuilder = Pick<Builder, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete'>;

export interface RunOptions {
  refusal?: (error: unknown) => Error | undefined;
}

/** What the database and a transaction both offer. */
export interface Queries extends QueryBuilder {
  /**
   * Runs a declared statement with its values and returns its rows. Sent when called.
   * `refusal` turns the database's refusal of this statement (a SQLSTATE its own SQL raises) into
   * the domain's error, which is then what the statement and its transaction throw.
   */
  run<Row>(statement: Statement<Row>, values?: readonly SqlValue[], options?: RunOptions): Promise<Row[]>;
  /** Runs a statement composed with drizzle's `sql` template and returns its rows. Sent when called. */
  query<Row = Record<string, unknown>>(composed: SQL): Promise<Row[]>;
  /**
   * A library's write through its `executeSql` adapter (the job queue's enqueue): in a
   * transaction, the write joins it and must be exactly one statement.
   */
  join<T>(write: (adapter: SqlAdapter) => Promise<T>): Promise<T>;
}

/** A transaction: its statements commit or roll back together. */
export interface Tx extends Queries {
  /**
   * Leaves `writes` — issued through this transaction by `run`, `query` or `join` — to be checked
   * with COMMIT instead of awaited here. Nothing in the transaction may depend on their answer.
   * Anything else passed throws.
   */
  atCommit(...writes: Promise<unknown>[]): void;
}

/** The database: statements outside a transaction run on their own. */
export interface Db extends Queries {
  /**
   * Runs `fn` in a transaction. It commits when `fn` resolves and every statement issued through
   * it has succeeded; otherwise it rolls back and throws the first real failure.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** One connection, for statements that need session state (advisory locks, scripts). */
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
  /** The driver, for the job queue's own connections. */
  driver: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; connectionString: string; pool: pg.Pool };
  close(): Promise<void>;
}

export async function openDatabase(options: {
  databaseUrl: string | undefined;
  dataDir: string;
  /** Named statements on PostgreSQL (off behind a pooler that does not keep them). */
  statementNames?: boolean;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, { statementNames: options.statementNames ?? true });
  return openPglite(options.dataDir);
}
