/** docs/product.md §2: a member of ecosystem A gets 404 — never 403, never data — for everything of B. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../src/db/orm.ts';
import { meetings, memberships, sessions, users } from '../src/db/schema.ts';
import { Client, createTestApp, future, type TestApp } from './helpers/testApp.ts';

let t: TestApp;
let a: Client;
let b: Client;
let ecoB: string;
let meetingB: string;
let eventB: string;

before(async () => {
  t = await createTestApp();
  a = new Client(t.app);
  b = new Client(t.app);
  await a.signUp('Alice', 'alice@example.com');
  await b.signUp('Bob', 'bob@example.com');
  await a.api('POST', '/api/ecosystems', { name: 'A' });
  ecoB = ((await (await b.api('POST', '/api/ecosystems', { name: 'B' })).json()) as { id: string }).id;
  const base = {
    title: 'B only',
    startTime: future(2),
    durationMinutes: 30,
    timezone: 'UTC',
    location: { type: 'in_person', address: 'B HQ' },
  };
  meetingB = (
    (await (await b.api('POST', `/api/ecosystems/${ecoB}/meetings`, { ...base, kind: 'booking' })).json()) as {
      id: string;
    }
  ).id;
  eventB = (
    (await (await b.api('POST', `/api/ecosystems/${ecoB}/meetings`, { ...base, kind: 'event' })).json()) as {
      id: string;
    }
  ).id;
});
after(() => t.close());

test('every API route of ecosystem B answers 404 to a member of A, and nothing changes', async () => {
  const calls: [string, string, unknown?][] = [
    ['GET', `/api/ecosystems/${ecoB}/meetings`],
    [
      'POST',
      `/api/ecosystems/${ecoB}/meetings`,
      {
        kind: 'booking',
        title: 'x',
        startTime: future(2),
        durationMinutes: 30,
        timezone: 'UTC',
        location: { type: 'in_person', address: 'x' },
      },
    ],
    ['POST', `/api/ecosystems/${ecoB}/members`, { email: 'alice@example.com', role: 'admin' }],
    ['GET', `/api/meetings/${meetingB}`],
    ['POST', `/api/meetings/${meetingB}/cancel`],
    ['POST', `/api/meetings/${meetingB}/reschedule`, { startTime: future(5), durationMinutes: 30 }],
    ['POST', `/api/meetings/${eventB}/registrations`, { email: 'alice@example.com', name: 'Alice' }],
    ['GET', `/api/meetings/00000000-0000-4000-8000-000000000000`],
    ['GET', `/api/meetings/not-a-uuid`],
  ];
  for (const [method, path, body] of calls) {
    const response = await a.api(method, path, body);
    assert.equal(response.status, 404, `${method} ${path}`);
    const text = await response.text();
    assert.doesNotMatch(text, /B only|B HQ/, `${method} ${path} leaks data`);
  }
  const [row] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, meetingB));
  assert.equal(row!.status, 'scheduled');
  assert.equal(
    (await t.deps.database.db.select().from(memberships).where(eq(memberships.ecosystemId, ecoB))).length,
    1,
  );
  const me = (await (await a.api('GET', '/api/me')).json()) as { ecosystems: { name: string }[] };
  assert.deepEqual(
    me.ecosystems.map((e) => e.name),
    ['A'],
  );
});

test('signed-out callers get 401 from the API', async () => {
  const anonymous = new Client(t.app);
  assert.equal((await anonymous.api('GET', `/api/meetings/${meetingB}`)).status, 401);
  assert.equal((await anonymous.api('GET', '/api/me')).status, 401);
});

test('the records list and a create read the session in their own statement: no, a forged or an expired session is 401, a malformed or foreign ecosystem 404, and nothing is written', async () => {
  const db = t.deps.database.db;
  const count = async () => (await db.select().from(meetings)).length;
  const carol = new Client(t.app);
  await carol.signUp('Carol', 'carol@example.com');
  const ecoC = ((await (await carol.api('POST', '/api/ecosystems', { name: 'C' })).json()) as { id: string }).id;
  const create = {
    kind: 'booking',
    title: 'Carol’s',
    startTime: future(2),
    durationMinutes: 30,
    timezone: 'UTC',
    location: { type: 'in_person', address: 'x' },
  };

  // Signed in: an ecosystem with nothing in it lists as empty, then with Carol's record; malformed
  // and foreign ids are 404.
  assert.deepEqual(await (await carol.api('GET', `/api/ecosystems/${ecoC}/meetings`)).json(), { items: [] });
  assert.equal((await carol.api('POST', `/api/ecosystems/${ecoC}/meetings`, create)).status, 201);
  const listed = (await (await carol.api('GET', `/api/ecosystems/${ecoC}/meetings`)).json()) as {
    items: { title: string }[];
  };
  assert.deepEqual(
    listed.items.map((m) => m.title),
    ['Carol’s'],
  );
  const before = await count();
  for (const eco of ['not-a-uuid', ecoB]) {
    assert.equal((await carol.api('GET', `/api/ecosystems/${eco}/meetings`)).status, 404, `list ${eco}`);
    assert.equal((await carol.api('POST', `/api/ecosystems/${eco}/meetings`, create)).status, 404, `create ${eco}`);
  }

  // No cookie, a forged token, and then Carol's own session expired: 401 for the list and the create.
  const anonymous = new Client(t.app);
  const forged = new Client(t.app);
  forged.cookies.set('ekos_session', 'A'.repeat(43));
  const [carolUser] = await db.select().from(users).where(eq(users.email, 'carol@example.com'));
  for (const [who, client] of [
    ['anonymous', anonymous],
    ['forged', forged],
    ['expired', carol],
  ] as const) {
    if (who === 'expired')
      await db
        .update(sessions)
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where(eq(sessions.userId, carolUser!.id));
    for (const eco of [ecoC, 'not-a-uuid']) {
      assert.equal((await client.api('GET', `/api/ecosystems/${eco}/meetings`)).status, 401, `${who} list ${eco}`);
      assert.equal(
        (await client.api('POST', `/api/ecosystems/${eco}/meetings`, create)).status,
        401,
        `${who} create ${eco}`,
      );
    }
  }
  assert.equal(await count(), before, 'no record was written');
});
