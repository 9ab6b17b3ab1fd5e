/** docs/product.md §4.3: at most 100 creates per host per UTC day at Zoom; the rest wait for 00:00 UTC. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from '../src/db/orm.ts';
import { meetings } from '../src/db/schema.ts';
import { distinctFuture } from './helpers/testApp.ts';
import { zoomScenario, type Scenario } from './helpers/zoomScenario.ts';

let s: Scenario;
before(async () => {
  s = await zoomScenario();
});
after(() => s.t.close());

test('101 creates in one UTC day → 100 at Zoom, one waiting_for_daily_limit, created after midnight UTC', async () => {
  const { control } = s.t.emulator!;
  const evening = new Date(Date.now() + 86_400_000);
  evening.setUTCHours(21, 0, 0, 0);
  await s.clock.setTime(evening);
  await control.setClock(evening);
  control.clearCalls();
  const ids: string[] = [];
  for (let i = 0; i < 101; i++) {
    const created = await s.createZoomRecord({ title: `Daily ${i}`, startTime: distinctFuture(5), attendeeEmails: [] });
    ids.push(created.id);
  }
  // Zoom's per-second limit (Medium, 20/s on Pro) also answers some of these; they retry a second later.
  await s.settle({ stepMs: 2_000, maxSteps: 30 });
  const creates = control.calls({ operation: 'meetings.create' });
  assert.equal(creates.filter((c) => c.status === 201).length, 100);
  const waiting = await s.t.deps.database.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.locationType, 'zoom'), eq(meetings.zoomStatus, 'waiting_for_daily_limit')));
  assert.equal(waiting.length, 1);
  assert.equal(waiting[0]!.zoomRetryAt!.toISOString().slice(11), '00:00:00.000Z');
  const page = await (await s.host.get(`/meetings/${waiting[0]!.id}`)).text();
  assert.match(page, /daily limit/);

  // Past midnight UTC on both clocks, the waiting one is created.
  const past = new Date(waiting[0]!.zoomRetryAt!.getTime() + 60_000);
  await s.advance(past.getTime() - s.clock.now());
  await s.settle();
  const [done] = await s.t.deps.database.db.select().from(meetings).where(eq(meetings.id, waiting[0]!.id));
  assert.equal(done!.zoomStatus, 'created');
  assert.equal(control.meetings().filter((m) => m.topic.startsWith('Daily ')).length, 101);
  const successes = control.calls({ operation: 'meetings.create' }).filter((c) => c.status === 201);
  assert.ok(
    Date.parse(successes.at(-1)!.at) >= waiting[0]!.zoomRetryAt!.getTime(),
    'the 101st was created after 00:00 UTC',
  );
  assert.ok(successes.slice(0, 100).every((c) => Date.parse(c.at) < waiting[0]!.zoomRetryAt!.getTime()));
});
