/**
 * The database layer's round-trip savings (docs/performance.md) keep transactions whole: statements issued
 * together commit together or not at all, a transaction's first statement runs inside it although
 * BEGIN is not awaited first, and a failed batch leaves its connection fit for the next one. On
 * PostgreSQL, statements with parameters become named prepared statements of their connection.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { lastWrites, openPostgres, rowsOf, statementToIssue, together, type Database } from '../src/db/client.ts';
import { createTestDatabase, onPostgres, type TestDatabase } from './helpers/testDatabase.ts';

let testDb: TestDatabase;
/** On PostgreSQL, a second handle with one connection, so every statement shares it. */
let single: Database | undefined;

before(async () => {
  testDb = await createTestDatabase();
  await testDb.database.db.execute(sql`create table pipeline_probe (id integer primary key)`);
  if (onPostgres) single = openPostgres(testDb.url!, { max: 1 });
});

after(async () => {
  await single?.close();
  await testDb.close();
});

const ids = async (database: Database) =>
  (await rowsOf<{ id: number }>(database.db, sql`select id from pipeline_probe order by id`)).map((r) => r.id);

test('statements issued together commit together, or not at all when one of them fails', async () => {
  const database = single ?? testDb.database;
  await assert.rejects(
    database.db.transaction(async (tx) => {
      // Sent in this order; the third is refused as "transaction aborted". Awaited in the reverse
      // order, the duplicate is still the failure reported.
      const first = rowsOf(tx, sql`insert into pipeline_probe (id) values (1)`);
      const duplicate = rowsOf(tx, sql`insert into pipeline_probe (id) values (1)`);
      const third = rowsOf(tx, sql`insert into pipeline_probe (id) values (2)`);
      await together([third, duplicate, first]);
    }),
    (error: Error) => /duplicate key/.test(String((error.cause as Error | undefined)?.message ?? error.message)),
  );
  assert.deepEqual(await ids(database), []);
  // The same connection (the only one) serves the next transaction normally.
  await database.db.transaction(async (tx) => {
    await Promise.all([
      tx.execute(sql`insert into pipeline_probe (id) values (${3})`),
      tx.execute(sql`insert into pipeline_probe (id) values (${4})`),
    ]);
  });
  assert.deepEqual(await ids(database), [3, 4]);
});

test('the first statement of a transaction runs inside it: a failure after it rolls it back', async () => {
  const database = single ?? testDb.database;
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into pipeline_probe (id) values (${5})`);
      throw new Error('refused after the first statement');
    }),
    /refused after the first statement/,
  );
  assert.deepEqual(await ids(database), [3, 4]);
});

test('a statement with parameters is prepared once per connection and reused', {
  skip: !onPostgres && 'needs TEST_DATABASE_URL (PostgreSQL)',
}, async () => {
  const database = single!;
  const probe = sql`select count(*)::int as n from pipeline_probe where id > ${0}`;
  for (let i = 0; i < 3; i++) assert.deepEqual(await rowsOf(database.db, probe), [{ n: 2 }]);
  const prepared = await rowsOf<{ name: string }>(
    database.db,
    sql`select name from pg_prepared_statements where statement like ${'select count(*)::int as n from pipeline_probe%'}`,
  );
  assert.equal(prepared.length, 1, 'one prepared statement for the three runs');
  assert.match(prepared[0]!.name, /^s\d+$/);
});

test('work issued together is all settled before the failure is thrown (nothing left to send after the rollback)', async () => {
  const database = single ?? testDb.database;
  let slowDone = false;
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await together([
        Promise.reject(new Error('refused at once')),
        tx.execute(sql`select pg_sleep(0.05)`).then(() => (slowDone = true)),
      ]);
    }),
    /refused at once/,
  );
  assert.equal(slowDone, true);
});

test('last writes commit with the transaction, and a failed one fails it whole and is the failure reported', async () => {
  const database = single ?? testDb.database;
  await database.db.transaction(async (tx) => {
    await rowsOf(tx, sql`insert into pipeline_probe (id) values (${10})`);
    await lastWrites(tx, [rowsOf(tx, sql`insert into pipeline_probe (id) values (${11})`)]);
  });
  assert.deepEqual(await ids(database), [3, 4, 10, 11]);
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await rowsOf(tx, sql`insert into pipeline_probe (id) values (${12})`);
      await lastWrites(tx, [
        rowsOf(tx, sql`insert into pipeline_probe (id) values (${10})`),
        rowsOf(tx, sql`insert into pipeline_probe (id) values (${13})`),
      ]);
    }),
    (error: Error) => /duplicate key/.test(String((error.cause as Error | undefined)?.message ?? error.message)),
  );
  assert.deepEqual(await ids(database), [3, 4, 10, 11]);
  // A statement that fails after them ("transaction aborted") reports their failure, not its own.
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await lastWrites(tx, [rowsOf(tx, sql`insert into pipeline_probe (id) values (${11})`)]);
      await rowsOf(tx, sql`insert into pipeline_probe (id) values (${14})`);
    }),
    (error: Error) => /duplicate key/.test(String((error.cause as Error | undefined)?.message ?? error.message)),
  );
  assert.deepEqual(await ids(database), [3, 4, 10, 11]);
});

test('a last write issued only after an await (as the job queue does) still runs inside the transaction', async () => {
  const database = single ?? testDb.database;
  const txid = sql`txid_current()::text as txid`;
  let late: { txid: string }[] = [];
  const first = await database.db.transaction(async (tx) => {
    const [row] = await rowsOf<{ txid: string }>(
      tx,
      sql`insert into pipeline_probe (id) values (${20}) returning ${txid}`,
    );
    const issued = statementToIssue(tx);
    const write = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 30)); // I/O before the statement is issued
      const statement = rowsOf<{ txid: string }>(
        tx,
        sql`insert into pipeline_probe (id) values (${21}) returning ${txid}`,
      );
      issued();
      late = await statement;
    })();
    await lastWrites(tx, [write]);
    return row!.txid;
  });
  assert.deepEqual(late, [{ txid: first }], 'the late insert ran in the same transaction, before its COMMIT');
  assert.deepEqual(await ids(database), [3, 4, 10, 11, 20, 21]);
});

test('a last write refused before its statement reaches the database rolls the transaction back', async () => {
  const database = single ?? testDb.database;
  // node-postgres refuses a value it cannot write (its statement is not sent).
  const unwritable = {
    toPostgres: () => {
      throw new Error('refused while it was written');
    },
  };
  await assert.rejects(
    database.db.transaction(async (tx) => {
      // A read first, as a create reads before it writes: BEGIN has been answered, so nothing
      // waits for PostgreSQL between the last writes and the COMMIT.
      await rowsOf(tx, sql`select 1`);
      await lastWrites(tx, [
        rowsOf(tx, sql`insert into pipeline_probe (id) values (${30})`),
        rowsOf(tx, sql`insert into pipeline_probe (id) values (${unwritable})`),
      ]);
    }),
    // PGlite refuses it in its own words.
    (error: Error) =>
      !onPostgres ||
      /refused while it was written/.test(`${error.message} ${String((error.cause as Error | undefined)?.message)}`),
  );
  // A statement to issue that reports why it was not sent (the job queue refusing its insert).
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await rowsOf(tx, sql`select 1`);
      const issued = statementToIssue(tx);
      const refused = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 20)); // I/O before it would be issued
        const error = new Error('refused before it was sent');
        issued(error);
        // The refusal reaches the caller only later (the job queue's own promise chain).
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw error;
      })();
      await lastWrites(tx, [rowsOf(tx, sql`insert into pipeline_probe (id) values (${31})`), refused]);
    }),
    /refused before it was sent/,
  );
  assert.deepEqual(await ids(database), [3, 4, 10, 11, 20, 21]);
  // The connection is fit for the next transaction, with the same statement.
  await database.db.transaction(async (tx) => {
    await lastWrites(tx, [rowsOf(tx, sql`insert into pipeline_probe (id) values (${32})`)]);
  });
  assert.deepEqual(await ids(database), [3, 4, 10, 11, 20, 21, 32]);
});

test('a statement first prepared behind a failed one is not the failure reported, and works afterwards on its connection', async () => {
  const database = single ?? testDb.database;
  // A statement text no connection has prepared yet, used twice behind the failure: on PostgreSQL
  // the first use's Parse is refused as aborted, so the second answers "prepared statement does not
  // exist" (26000) — a failure that only follows the duplicate key, awaited first here.
  const insert = (db: typeof database.db, id: number) =>
    rowsOf(db, sql`insert into pipeline_probe (id) select ${id}::integer where true`);
  const before = await ids(database);
  await assert.rejects(
    database.db.transaction(async (tx) => {
      const duplicate = rowsOf(tx, sql`insert into pipeline_probe (id) values (${before[0]!})`);
      const [a, b] = [insert(tx, 101), insert(tx, 102)];
      await lastWrites(tx, [b, a, duplicate]);
    }),
    (error: Error) => /duplicate key/.test(String((error.cause as Error | undefined)?.message ?? error.message)),
  );
  assert.deepEqual(await ids(database), before, 'nothing of it committed');
  await database.db.transaction(async (tx) => {
    await lastWrites(tx, [insert(tx, 101), insert(tx, 102)]);
  });
  assert.deepEqual(await ids(database), [...before, 101, 102]);
});

test('a statement written as SQL answers the same rows sent directly as through drizzle (dates, times and intervals as text)', {
  skip: !onPostgres && 'needs TEST_DATABASE_URL (PostgreSQL)',
}, async () => {
  const database = single!;
  const query = sql`select ${'2026-11-28T10:00:00.000Z'}::timestamptz as at, ${'2026-11-28T10:00:00'}::timestamp as local, ${'2026-11-28'}::date as day,
    ${'1 day 2 hours'}::interval as span, array[${'2026-11-28T10:00:00Z'}::timestamptz] as ats, ${12.5}::numeric as amount, ${9007199254740993n}::bigint as big,
    ${true}::boolean as yes, json_build_array(${'a'}::text, ${1}::integer) as list, ${null}::text as nothing, ${'00000000-0000-0000-0000-000000000001'}::uuid as id`;
  const direct = await rowsOf(database.db, query);
  const viaDrizzle = ((await database.db.execute(query)) as unknown as { rows: unknown[] }).rows;
  assert.deepEqual(direct, viaDrizzle);
  assert.equal(typeof (direct[0] as { at: unknown }).at, 'string');
});
