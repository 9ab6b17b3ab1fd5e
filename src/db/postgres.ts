/**
 * `Db` and `Tx` on PostgreSQL through node-postgres, using its documented levers only:
 * - pipeline mode (`pipeline: true`): a statement is written to the connection when issued,
 *   without waiting for the answer to the one before, so statements issued together cost one
 *   round trip; PostgreSQL still runs them in the order issued;
 * - BEGIN goes out with a transaction's first statement, and COMMIT right behind its last writes
 *   (`Tx.atCommit`), not each in a round trip of its own;
 * - declared statements run as named prepared statements (`{ name, text }`): parsed and planned
 *   once per connection (unless names are turned off, for PgBouncer in transaction mode).
 */
import pg from 'pg';
import type { Database, Db, QueryBuilder, RunOptions, Tx } from './client.ts';
import { asResult, boundBuilder } from './queryBuilder.ts';
import { drizzleNodePostgres, PgDialect, type SQL } from './orm.ts';
import { type SqlValue, type Statement, toWireValue, unnamed } from './statement.ts';
import {
  firstRealFailure,
  followsEarlierFailure,
  type SqlAdapter,
  TransactionLedger,
  TransactionRolledBackError,
  withRefusal,
} from './transactionLedger.ts';

export interface PostgresOptions {
  max?: number;
  /** Named prepared statements for declared statements (default on). */
  statementNames?: boolean;
  /** Settings for every connection (`-c name=value`), e.g. a test clock's opt-in. */
  sessionSettings?: Record<string, string>;
}

/**
 * Result parsing for statements written as SQL: timestamps, dates and intervals (and their
 * arrays) stay PostgreSQL's text, as drizzle's `execute` answers them; the rest is
 * node-postgres's default.
 */
const KEPT_AS_TEXT = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
]);
const asText = (value: string) => value;
const textTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    KEPT_AS_TEXT.has(oid) ? asText : pg.types.getTypeParser(oid, format),
};

const dialect = new PgDialect();

type Runner = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;
type Rows<Row> = Promise<Row[]>;

/**
 * Names for statements that are not declared (composed with drizzle's `sql`, or the job queue's),
 * by text: each text gets a name the first time, up to a bound, so a composed statement of
 * constant shape is prepared once per connection like a declared one. A text whose shape varies
 * with its input (a list of n values) stops being named at the bound and runs as before.
 */
const MAX_TEXT_NAMES = 400;
const textNames = new Map<string, string>();
function nameOf(statement: Statement<unknown>): string | undefined {
  if (statement.name) return statement.name;
  let name = textNames.get(statement.text);
  if (name === undefined && textNames.size < MAX_TEXT_NAMES) {
    name = `_t${textNames.size + 1}`; // never a declared name (those start with a letter)
    textNames.set(statement.text, name);
  }
  return name;
}

/** Sends `statement` on `runner` when called: values converted first, so nothing is refused half-sent. */
function send<Row>(runner: Runner, statement: Statement<Row>, values: readonly unknown[], names: boolean): Rows<Row> {
  const config: pg.QueryConfig = { text: statement.text, values: values.map(toWireValue), types: textTypes };
  const name = names && values.length > 0 ? nameOf(statement) : undefined;
  if (name) config.name = name;
  return runner.query(config).then((result) => result.rows as Row[]);
}

function render(composed: SQL): { statement: Statement; values: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(composed);
  return { statement: unnamed(text), values: params };
}

/** The query builder over one pooled connection, made once per connection. */
const connectionBuilders = new WeakMap<pg.PoolClient, QueryBuilder>();
function builderOf(client: pg.PoolClient): QueryBuilder {
  let builder = connectionBuilders.get(client);
  if (!builder) {
    builder = drizzleNodePostgres({ client }) as unknown as QueryBuilder;
    connectionBuilders.set(client, builder);
  }
  return builder;
}

function postgresTx(client: pg.PoolClient, ledger: TransactionLedger, names: boolean): Tx {
  const run = <Row>(statement: Statement<Row>, values: readonly SqlValue[] = [], options: RunOptions = {}) => {
    ledger.assertOpen();
    return ledger.track(withRefusal(send(client, statement, values, names), options.refusal));
  };
  return {
    ...boundBuilder(
      () => builderOf(client),
      () => ledger.assertOpen(),
    ),
    run,
    query: <Row>(composed: SQL) => {
      const { statement, values } = render(composed);
      return run(statement as Statement<Row>, values as SqlValue[]);
    },
    join: (write) => ledger.join(write, (text, values) => send(client, unnamed(text), values, names).then(asResult)),
    atCommit: (...writes) => ledger.acceptAtCommit(writes),
  };
}

async function transaction<T>(pool: pg.Pool, names: boolean, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  const ledger = new TransactionLedger();
  // BEGIN is written with the first statement; it is checked with the rest.
  ledger.track(client.query('begin'));
  let broken: Error | undefined;
  try {
    const result = await fn(postgresTx(client, ledger, names));
    const refused = await ledger.finish();
    // A joined write refused before its statement reached PostgreSQL aborted nothing there: the
    // transaction must roll back, not commit.
    if (refused) throw refused.error;
    // COMMIT goes right behind the last writes. Any of them that PostgreSQL refused aborted the
    // transaction, so the COMMIT rolled it back; the failure is thrown from here.
    const commit = client.query('commit');
    const outcomes = await ledger.settle([commit]);
    if (outcomes.some((outcome) => outcome.status === 'rejected')) throw firstRealFailure(outcomes);
    if ((await commit).command !== 'COMMIT') throw new TransactionRolledBackError();
    return result;
  } catch (error) {
    // Nothing may be left to send after the ROLLBACK; and the real failure may be among the
    // statements nobody awaited, with `error` only "transaction aborted".
    await ledger.finish();
    const outcomes = await ledger.settle();
    const real = followsEarlierFailure(error) ? firstRealFailure(outcomes) : undefined;
    await client.query('rollback').catch((rollbackError: Error) => (broken = rollbackError));
    throw real ?? error;
  } finally {
    // A connection whose ROLLBACK failed is dropped, not pooled.
    client.release(broken);
  }
}

export function openPostgres(connectionString: string, options: PostgresOptions = {}): Database {
  const names = options.statementNames ?? true;
  const settings = Object.entries(options.sessionSettings ?? {}).map(([name, value]) => `-c ${name}=${value}`);
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    pipeline: true,
    ...(settings.length ? { options: settings.join(' ') } : {}),
  });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const builder = drizzleNodePostgres({ client: pool }) as unknown as QueryBuilder;
  const rootAdapter: SqlAdapter = {
    executeSql: (text, values = []) => send(pool, unnamed(text), values, names).then(asResult),
  };
  const db: Db = {
    ...boundBuilder(() => builder),
    run: (statement, values = [], options = {}) => withRefusal(send(pool, statement, values, names), options.refusal),
    query: <Row>(composed: SQL) => {
      const { statement, values } = render(composed);
      return send(pool, statement as Statement<Row>, values, names);
    },
    join: async (write) => write(rootAdapter),
    transaction: (fn) => transaction(pool, names, fn),
  };
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
