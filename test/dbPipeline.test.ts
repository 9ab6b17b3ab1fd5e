/**
 * The database layer's round-trip savings (issue 12) keep transactions whole: statements issued
 * together commit together or not at all, a transaction's first statement runs inside it although
 * BEGIN is not awaited first, and a failed batch leaves its connection fit for the next one. On
 * PostgreSQL, statements with parameters become named prepared statements of their connection.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { openPostgres, rowsOf, together, type Database } from '../src/db/client.ts';
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

const ids = async (database: Database) => (await rowsOf<{ id: number }>(database.db, sql`select id from pipeline_probe order by id`)).map((r) => r.id);

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
    await Promise.all([tx.execute(sql`insert into pipeline_probe (id) values (${3})`), tx.execute(sql`insert into pipeline_probe (id) values (${4})`)]);
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

test('a statement with parameters is prepared once per connection and reused', { skip: !onPostgres && 'needs TEST_DATABASE_URL (PostgreSQL)' }, async () => {
  const database = single!;
  const probe = sql`select count(*)::int as n from pipeline_probe where id > ${0}`;
  for (let i = 0; i < 3; i++) assert.deepEqual(await rowsOf(database.db, probe), [{ n: 2 }]);
  const prepared = await rowsOf<{ name: string }>(database.db, sql`select name from pg_prepared_statements where statement like ${'select count(*)::int as n from pipeline_probe%'}`);
  assert.equal(prepared.length, 1, 'one prepared statement for the three runs');
  assert.match(prepared[0]!.name, /^s\d+$/);
});

test('work issued together is all settled before the failure is thrown (nothing left to send after the rollback)', async () => {
  const database = single ?? testDb.database;
  let slowDone = false;
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await together([Promise.reject(new Error('refused at once')), tx.execute(sql`select pg_sleep(0.05)`).then(() => (slowDone = true))]);
    }),
    /refused at once/,
  );
  assert.equal(slowDone, true);
});
