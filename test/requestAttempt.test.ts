/**
 * The create's own transaction claims the Zoom create and queues a backstop job for when that
 * claim would be stale (docs/product.md §4.1, §4.6). The request's attempt removes the backstop when it
 * records the outcome, so a booking leaves no job that runs only to find nothing to do; a request
 * that dies after the commit is finished by the backstop.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from '../src/db/orm.ts';
import { meetings, providerMeetings } from '../src/db/schema.ts';
import { createMeeting } from '../src/meetings/meetingCommands.ts';
import { requireMembership } from '../src/ecosystems/ecosystems.ts';
import { provisionMeetingJob } from '../src/meetings/providerJobs.ts';
import { STALE_CLAIM_MS } from '../src/meetings/provisionClaim.ts';
import { meetingDeps } from '../src/web/api/meetingsApi.ts';
import { future } from './helpers/testApp.ts';
import { zoomScenario, type Scenario } from './helpers/zoomScenario.ts';

let s: Scenario;
before(async () => {
  s = await zoomScenario();
});
after(() => s.t.close());

/** Provision jobs waiting to run, due or not (read from pg-boss's table: its stats are a cache). */
async function queuedProvisions(): Promise<number> {
  const rows = await s.t.deps.database.db.query<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = ${provisionMeetingJob.name} and state in ('created', 'retry')`,
  );
  return rows[0]!.n;
}

test('a booking whose meeting went live in the request leaves no provision job behind (its backstop was removed in the same transaction)', async () => {
  const before = await queuedProvisions();
  const created = await s.createZoomRecord({ title: 'Live at once', startTime: future(5) });
  assert.equal(created.zoom.status, 'created');
  assert.ok(created.zoom.joinUrl);
  assert.equal(await queuedProvisions(), before, 'no job queued for a create that is done');
  assert.equal(await s.t.queue.runDueJobs({ only: [provisionMeetingJob.name] }), 0);
});

test('a request that dies between its commit and the Zoom call: the backstop finds the stale claim once it is due, and the meeting is created', async () => {
  const { control } = s.t.emulator!;
  const title = 'Request died after commit';
  // The create's transaction, and then nothing: the process is gone.
  const created = await createMeeting(
    meetingDeps(s.t.deps),
    {
      membership: await requireMembership(s.t.deps.database.db, s.hostId, s.ecosystemId),
      user: { id: s.hostId, name: 'Hana Host', email: 'hana@example.com' },
    },
    {
      kind: 'booking',
      title,
      startTime: future(6),
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'zoom' },
      attendeeEmails: ['ann@example.com'],
    },
  );
  assert.ok(created.attempt, 'the create claimed its Zoom create');
  assert.equal(await queuedProvisions(), 1, 'its backstop is queued');
  const [claim] = await s.t.deps.database.db
    .select()
    .from(providerMeetings)
    .where(eq(providerMeetings.meetingId, created.id));
  assert.equal(claim!.state, 'creating');

  // Not due before the claim is stale: nothing runs, nothing is sent to Zoom.
  assert.equal(await s.t.queue.runDueJobs({ only: [provisionMeetingJob.name] }), 0);
  assert.equal(control.meetings().filter((m) => m.topic === title).length, 0);

  await s.advance(STALE_CLAIM_MS + 2_000);
  await s.settle({ stepMs: 60_000, maxSteps: 5 });
  const [record] = await s.t.deps.database.db.select().from(meetings).where(eq(meetings.id, created.id));
  assert.equal(record!.zoomStatus, 'created');
  assert.equal(control.meetings().filter((m) => m.topic === title).length, 1, 'one meeting at Zoom');
  const rows = await s.t.deps.database.db
    .select()
    .from(providerMeetings)
    .where(eq(providerMeetings.meetingId, created.id));
  assert.deepEqual(
    rows.map((r) => r.state).sort(),
    ['ambiguous', 'live'],
    'the dead attempt is recorded as ambiguous (docs/product.md §4.6), the new one is live',
  );
  const mail = (await s.mailTo('ann@example.com')).filter((m) => m.meetingId === created.id);
  assert.equal(mail.length, 1, 'the attendee got the invitation once');
});
