/**
 * The contract of `Db` and `Tx` (src/db/client.ts), run against the embedded database and, with
 * TEST_DATABASE_URL, against PostgreSQL (where a handle with one connection makes every statement
 * share it). Statements issued together commit together or not at all; the failure reported is the
 * real one; a write left to COMMIT is checked by it; a joined write is one statement sent before
 * COMMIT; nothing is issued once a transaction has ended; a refused value sends nothing.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createTestDatabase, onPostgres, type TestDatabase } from '../../test/helpers/testDatabase.ts';
import { type Database, openPostgres, type Tx } from './client.ts';
import { integer, pgTable, sql } from './orm.ts';
import { statement, statementFromSql } from './statement.ts';
import { TransactionRolledBackError, TransactionUseError } from './transactionLedger.ts';

const probe = pgTable('contract_probe', { id: integer('id').primaryKey() });
const insert = statement('contract_insert', 'insert into contract_probe (id) values ($1::integer)');
const insertLate = statement('contract_insert_late', 'insert into contract_probe (id) select $1::integer where true');
const txid = statement<{ txid: string }>('contract_txid', 'select txid_current()::text as txid');

let testDb: TestDatabase;
/** On PostgreSQL, a handle with one connection; on PGlite the one database (a single connection). */
let single: Database;
let unnamedDb: Database | undefined;

before(async () => {
  testDb = await createTestDatabase();
  await testDb.database.db.query(sql`create table contract_probe (id integer primary key)`);
  single = onPostgres ? openPostgres(testDb.url!, { max: 1 }) : testDb.database;
  if (onPostgres) unnamedDb = openPostgres(testDb.url!, { max: 1, statementNames: false });
});

after(async () => {
  if (onPostgres) await Promise.all([single.close(), unnamedDb?.close()]);
  await testDb.close();
});

const ids = async () => (await single.db.select({ id: probe.id }).from(probe).orderBy(probe.id)).map((r) => r.id);
const isDuplicate = (error: unknown) =>
  /duplicate key/.test(`${(error as Error).message} ${String(((error as Error).cause as Error | undefined)?.message)}`);

/** A joined write like the job queue's: its one statement is sent only after some I/O. */
const joinedInsert = (tx: Tx, id: number, statements = 1) =>
  tx.join(async (adapter) => {
    await delay(10);
    for (let i = 0; i < statements; i++)
      await adapter.executeSql('insert into contract_probe (id) values ($1)', [id + i]);
    return id;
  });

test('statements issued together commit together, or not at all when one fails; the duplicate is the failure reported', async () => {
  await assert.rejects(
    single.db.transaction(async (tx) => {
      // Sent in this order; the third is refused as "transaction aborted". Awaited in reverse
      // order, the duplicate key is still the failure reported.
      const first = tx.run(insert, [1]);
      const duplicate = tx.run(insert, [1]);
      const third = tx.run(insert, [2]);
      await Promise.all([third, duplicate, first]);
    }),
    isDuplicate,
  );
  assert.deepEqual(await ids(), []);
  // The connection serves the next transaction normally.
  await single.db.transaction(async (tx) => {
    await Promise.all([tx.run(insert, [3]), tx.run(insert, [4])]);
  });
  assert.deepEqual(await ids(), [3, 4]);
});

test('statements run in the order issued, and the first one runs inside the transaction', async () => {
  const seen = await single.db.transaction(async (tx) => {
    const written = tx.run(insert, [5]);
    const read = tx.query<{ n: number }>(sql`select count(*)::int as n from contract_probe where id = ${5}`);
    const [, [row]] = await Promise.all([written, read]);
    return row!.n;
  });
  assert.equal(seen, 1);
  await assert.rejects(
    single.db.transaction(async (tx) => {
      await tx.run(insert, [6]);
      throw new Error('refused after the first statement');
    }),
    /refused after the first statement/,
  );
  assert.deepEqual(await ids(), [3, 4, 5]);
});

test('writes left to COMMIT commit with it; a failed one fails the transaction whole and is the failure reported', async () => {
  await single.db.transaction(async (tx) => {
    await tx.run(insert, [10]);
    tx.atCommit(tx.run(insert, [11]));
  });
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11]);
  await assert.rejects(
    single.db.transaction(async (tx) => {
      await tx.run(insert, [12]);
      tx.atCommit(tx.run(insert, [10]), tx.run(insert, [13]));
    }),
    isDuplicate,
  );
  // A statement awaited after them fails as "transaction aborted"; theirs is the failure reported.
  await assert.rejects(
    single.db.transaction(async (tx) => {
      tx.atCommit(tx.run(insert, [11]));
      await tx.run(insert, [14]);
    }),
    isDuplicate,
  );
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11]);
});

test('a statement nobody awaited is still checked: its failure rolls the transaction back', async () => {
  await assert.rejects(
    single.db.transaction(async (tx) => {
      void tx.run(insert, [10]);
    }),
    isDuplicate,
  );
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11]);
});

test('atCommit takes only writes issued through the same transaction', async () => {
  await assert.rejects(
    single.db.transaction(async (tx) => {
      tx.atCommit(tx.run(insert, [20]).then(() => undefined));
    }),
    TransactionUseError,
  );
  await assert.rejects(
    single.db.transaction(async (tx) => {
      tx.atCommit(tx.insert(probe).values({ id: 21 }) as unknown as Promise<unknown>);
    }),
    TransactionUseError,
  );
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11]);
});

test('nothing is issued through a transaction once it has ended', async () => {
  let kept: Tx | undefined;
  await single.db.transaction(async (tx) => {
    kept = tx;
  });
  assert.throws(() => kept!.run(insert, [22]), TransactionUseError);
  assert.throws(() => kept!.insert(probe), TransactionUseError);
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11]);
});

test('a joined write sent after an await runs inside the transaction, before its COMMIT', async () => {
  let late: string | undefined;
  const first = await single.db.transaction(async (tx) => {
    const [row] = await tx.run(txid);
    tx.atCommit(
      tx.join(async (adapter) => {
        await delay(30); // I/O before the statement is issued
        const { rows } = await adapter.executeSql('select txid_current()::text as txid');
        late = (rows[0] as { txid: string }).txid;
      }),
      joinedInsert(tx, 30),
    );
    return row!.txid;
  });
  assert.equal(late, first, 'the joined statement ran in the same transaction');
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11, 30]);
});

test('a joined write must be exactly one statement: one that makes none fails the transaction', async () => {
  await assert.rejects(
    single.db.transaction(async (tx) => {
      await tx.run(insert, [40]);
      tx.atCommit(joinedInsert(tx, 41, 0));
    }),
    TransactionUseError,
  );
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11, 30]);
});

test('a second statement of a joined write is refused, never sent, and the transaction reports it', async () => {
  // On PostgreSQL COMMIT may already have gone out behind the first statement (it waits only for
  // that one to be sent), so the job queue's writes are pinned at one statement by its own test.
  await assert.rejects(
    single.db.transaction(async (tx) => {
      tx.atCommit(joinedInsert(tx, 42, 2));
    }),
    TransactionUseError,
  );
  assert.equal((await ids()).includes(43), false, 'the second statement was never sent');
  await single.db.query(sql`delete from contract_probe where id = ${42}`);
});

test('a joined write refused before its statement is sent rolls the transaction back', async () => {
  await assert.rejects(
    single.db.transaction(async (tx) => {
      await tx.run(insert, [50]);
      tx.atCommit(
        tx.join(async () => {
          await delay(10);
          throw new Error('refused before it was sent');
        }),
      );
    }),
    /refused before it was sent/,
  );
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11, 30]);
});

test('a value that cannot be sent is refused when issued; the connection serves the next transaction', async () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  await assert.rejects(
    single.db.transaction(async (tx) => {
      await tx.run(insert, [60]);
      tx.atCommit(tx.run(insert, [61]), tx.run(insert, [circular as never]));
    }),
    TypeError,
  );
  assert.throws(() => single.db.run(insert, [new Date(Number.NaN)]), TypeError);
  await single.db.transaction(async (tx) => {
    tx.atCommit(tx.run(insert, [62]));
  });
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11, 30, 62]);
});

test('a failure the caller swallowed still rolls the transaction back, and says so', async () => {
  await assert.rejects(
    single.db.transaction(async (tx) => {
      await tx.run(insert, [70]);
      await tx
        .insert(probe)
        .values({ id: 70 })
        .catch(() => {});
    }),
    TransactionRolledBackError,
  );
  assert.deepEqual(await ids(), [3, 4, 5, 10, 11, 30, 62]);
});

test('a named statement first used behind a failed one is not the failure reported, and works afterwards', async () => {
  const before = await ids();
  await assert.rejects(
    single.db.transaction(async (tx) => {
      const duplicate = tx.run(insert, [before[0]!]);
      tx.atCommit(tx.run(insertLate, [101]), tx.run(insertLate, [102]), duplicate);
    }),
    isDuplicate,
  );
  assert.deepEqual(await ids(), before, 'nothing of it committed');
  await single.db.transaction(async (tx) => {
    tx.atCommit(tx.run(insertLate, [101]), tx.run(insertLate, [102]));
  });
  assert.deepEqual(await ids(), [...before, 101, 102]);
});

test('statements written as SQL answer timestamps, dates and intervals as text, other values parsed', async () => {
  const [row] = await single.db.query(
    sql`select ${'2026-11-28T10:00:00.000Z'}::timestamptz as at, ${'2026-11-28'}::date as day,
      ${'1 day 2 hours'}::interval as span, ${12}::integer as n, ${true}::boolean as yes,
      json_build_array(${'a'}::text, ${1}::integer) as list, ${null}::text as nothing`,
  );
  assert.equal(typeof row!.at, 'string');
  assert.equal(new Date(row!.at as string).toISOString(), '2026-11-28T10:00:00.000Z');
  assert.equal(row!.day, '2026-11-28');
  assert.equal(typeof row!.span, 'string');
  assert.deepEqual([row!.n, row!.yes, row!.list, row!.nothing], [12, true, ['a', 1], null]);
  const [sent] = await single.db.run(
    statement<{ at: string; ids: string }>(
      'contract_values',
      'select $1::timestamptz as at, array_to_string($2::text[], $3) as ids',
    ),
    [new Date('2026-11-28T10:00:00.000Z'), ['a"b', 'c\\d', null], '|'],
  );
  assert.equal(new Date(sent!.at).toISOString(), '2026-11-28T10:00:00.000Z');
  assert.equal(sent!.ids, 'a"b|c\\d');
});

test('a declared statement is prepared once per connection, and not at all with names off', {
  skip: !onPostgres && 'needs TEST_DATABASE_URL (PostgreSQL)',
}, async () => {
  const count = statement<{ n: number }>(
    'contract_count',
    'select count(*)::int as n from contract_probe where id > $1',
  );
  const preparedHere = (db: Database) =>
    db.db.query<{ name: string }>(sql`select name from pg_prepared_statements where name = ${'contract_count'}`);
  for (let i = 0; i < 3; i++) assert.equal((await single.db.run(count, [0]))[0]!.n > 0, true);
  assert.equal((await preparedHere(single)).length, 1, 'one prepared statement for the three runs');
  await unnamedDb!.db.run(count, [0]);
  assert.equal((await preparedHere(unnamedDb!)).length, 0, 'names off: nothing prepared');
});

test("a statement declared from drizzle's sql template binds its inputs by name and keeps its constants", async () => {
  const declared = statementFromSql<{ ids: number[] }, { low: number; high: number }>(
    'contract_between',
    (input) =>
      sql`select coalesce(array_agg(${probe.id} order by ${probe.id}), '{}') as ids from ${probe}
      where ${probe.id} between ${input('low')} and ${input('high')} and ${probe.id} <> ${4}`,
  );
  assert.match(declared.statement.text, /between \$1 and \$2 and "contract_probe"\."id" <> \$3/);
  assert.deepEqual(declared.values({ low: 3, high: 10 }), [3, 10, 4]);
  const [row] = await single.db.run(declared.statement, declared.values({ high: 10, low: 3 }));
  assert.deepEqual(row!.ids, [3, 5, 10]);
});
