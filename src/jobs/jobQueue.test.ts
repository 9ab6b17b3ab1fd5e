import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/testDatabase.ts';
import { createLogger } from '../logger.ts';
import { defineJob, handleJob } from './defineJob.ts';
import { createJobQueue, type JobQueue } from './jobQueue.ts';
import { ecosystems, users } from '../db/schema.ts';
import { randomUUID } from 'node:crypto';
import { eq } from '../db/orm.ts';

const pingJob = defineJob('test.ping', z.object({ n: z.number() }), { retryLimit: 0 });
let t: TestDatabase;
let queue: JobQueue;
const seen: number[] = [];

before(async () => {
  t = await createTestDatabase();
  queue = createJobQueue(t.database, createLogger({ level: 'silent' }));
  await queue.start([handleJob(pingJob, async (data) => void seen.push(data.n))], { work: false });
});
after(async () => {
  await queue.stop();
  await t.close();
});

test('a job enqueued in a committed transaction runs; one in a rolled-back transaction does not', async () => {
  const { db } = t.database;
  const userId = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(users).values({ id: userId, email: `${userId}@example.com`, name: 'A', passwordHash: 'x' });
    await queue.enqueue(tx, pingJob, { n: 1 });
  });
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.insert(ecosystems).values({ id: randomUUID(), name: 'E', createdBy: userId });
      await queue.enqueue(tx, pingJob, { n: 2 });
      throw new Error('roll back');
    }),
  );
  assert.equal(await queue.runDueJobs(), 1);
  assert.deepEqual(seen, [1]);
  assert.equal((await db.select().from(ecosystems).where(eq(ecosystems.createdBy, userId))).length, 0);
});

test('an invalid payload is refused at enqueue', async () => {
  await assert.rejects(queue.enqueue(t.database.db, pingJob, { n: 'x' } as never));
});

test('an enqueue and a discard are each one statement joined to the transaction (checked with its COMMIT)', async () => {
  // The transaction refuses a joined write of any other number of statements (src/db/client.ts):
  // should pg-boss ever send or discard a job in two statements, this fails.
  const { db } = t.database;
  const kept = await db.transaction(async (tx) => {
    const job = queue.enqueue(tx, pingJob, { n: 3 });
    tx.atCommit(job);
    return job;
  });
  const dropped = await db.transaction(async (tx) => {
    const job = await queue.enqueue(tx, pingJob, { n: 4 });
    tx.atCommit(queue.discard(tx, pingJob, job!));
    return job;
  });
  assert.ok(kept && dropped);
  seen.length = 0;
  assert.equal(await queue.runDueJobs(), 1);
  assert.deepEqual(seen, [3]);
});
