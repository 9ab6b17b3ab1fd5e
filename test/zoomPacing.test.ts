/**
 * Meeting creates are paced per Zoom account (ZOOM_CREATES_PER_SECOND), so a burst
 * of bookings meets Zoom's per-second limit without 429s: each create takes the account's next
 * slot; one whose slot is too far ahead waits as `pending` and is created when its turn comes.
 * Against the emulator enforcing 2 creates per second per account, over HTTP, with the app pacing
 * at 1 per second: the emulator runs in this process beside PGlite, whose synchronous work can
 * hold a request for a few hundred milliseconds, so the test leaves that much room (the bench,
 * with the emulator in its own process, paces at the limit itself).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../src/db/orm.ts';
import { meetings } from '../src/db/schema.ts';
import { future } from './helpers/testApp.ts';
import { zoomScenario, type MeetingJson, type Scenario } from './helpers/zoomScenario.ts';

let s: Scenario;
before(async () => {
  s = await zoomScenario({ env: { ZOOM_CREATES_PER_SECOND: '1' } });
  const level = { light: 100, medium: 2, heavy: 100 };
  s.t.emulator!.control.setOptions({ perSecondLimits: { free: level, pro: level, business: level } });
});
after(() => s.t.close());

test('a burst of 8 Zoom bookings for one host, paced at 1 create/s: no 429 from Zoom, creates spaced out, the ones beyond the wait queued and created in turn', async () => {
  const { control } = s.t.emulator!;
  const before = control.calls({ operation: 'meetings.create' }).length;
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => s.createZoomRecord({ title: `Paced ${i}`, startTime: future(2 + i) })),
  );
  const created = answers.filter((a) => a.zoom.status === 'created');
  const waiting = answers.filter((a) => a.zoom.status === 'pending');
  assert.equal(created.length + waiting.length, 8);
  // Slots 0, 1.01, 2.02 and 3.03 s are within the 4-second wait; the rest are queued.
  assert.equal(created.length, 4, 'created at once');
  for (const record of waiting) {
    assert.match(record.zoom.detail ?? '', /next in line/);
    const [row] = await s.t.deps.database.db.select().from(meetings).where(eq(meetings.id, record.id));
    assert.ok(row!.zoomRetryAt, 'a queued record says when it is tried next');
  }

  // Their turn: the job runs when the retry time comes (the test clock moves there).
  await s.settle({ stepMs: 1_000, maxSteps: 20 });
  const after = await Promise.all(
    answers.map(async (a) => (await (await s.host.api('GET', `/api/meetings/${a.id}`)).json()) as MeetingJson),
  );
  assert.ok(
    after.every((a) => a.zoom.status === 'created' && a.zoom.joinUrl),
    'every record got its meeting',
  );

  const calls = control.calls({ operation: 'meetings.create' }).slice(before);
  assert.equal(calls.filter((c) => c.status === 429).length, 0, 'Zoom never refused a create for the per-second limit');
  assert.equal(calls.filter((c) => c.status === 201).length, 8);
  // Spread over their slots (0–7 s): an unpaced burst would arrive within a second. Measured as
  // the whole span, not pair by pair: the emulator runs in this process, so on a loaded machine
  // one arrival can be held up by hundreds of milliseconds and land close to the next (as on a busy CI machine).
  const times = calls.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
  assert.ok(times.at(-1)! - times[0]! >= 5_000, `the 8 creates spread over ${times.at(-1)! - times[0]!} ms`);
});
