/**
 * Password hashing is bounded per process (docs/product.md §2): a few hashes run at once, a bounded line
 * waits, and a request past that is refused at once (503 `busy`) instead of queueing scrypt runs
 * without end. Driven with work the test finishes itself, so nothing depends on how fast scrypt is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceBusyError } from '../errors.ts';
import { createHashSlots, hashPassword, MAX_RUNNING, MAX_WAITING, verifyPassword } from './passwordHashing.ts';

test(`at most ${MAX_RUNNING} hashes run at once and ${MAX_WAITING} wait; the next is refused with 503 busy at once`, async () => {
  const slots = createHashSlots(MAX_RUNNING, MAX_WAITING);
  const finish: (() => void)[] = [];
  let started = 0;
  const work = () =>
    new Promise<void>((resolve) => {
      started++;
      finish.push(resolve);
    });
  const accepted = Array.from({ length: MAX_RUNNING + MAX_WAITING }, () => slots.run(work));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started, MAX_RUNNING, 'only the first ones run');
  assert.deepEqual(slots.load(), { running: MAX_RUNNING, waiting: MAX_WAITING });
  await assert.rejects(slots.run(work), (error: unknown) => {
    assert.ok(error instanceof ServiceBusyError);
    assert.equal(error.status, 503);
    assert.equal(error.code, 'busy');
    assert.ok(error.retryAfterSeconds > 0);
    return true;
  });
  assert.equal(started, MAX_RUNNING, 'the refused one never ran');
  // Finishing one hands its turn to the next in line.
  finish.shift()!();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started, MAX_RUNNING + 1);
  while (finish.length) {
    finish.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(accepted);
  assert.equal(started, MAX_RUNNING + MAX_WAITING);
  assert.deepEqual(slots.load(), { running: 0, waiting: 0 });
});

test('hashes verify through the bounded gate, and a wrong password does not', async () => {
  const stored = await hashPassword('a long password');
  assert.match(stored, /^scrypt\$15\$8\$1\$/);
  assert.equal(await verifyPassword('a long password', stored), true);
  assert.equal(await verifyPassword('another password', stored), false);
});
