/**
 * A registration that commits while an event is being cancelled must end with the registrant
 * told — never an invitation to a cancelled event without its cancellation. Each test makes the race deterministic by committing the other
 * side's change between the command's first read and its transaction.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from '../db/orm.ts';
import type { Db, Queries } from '../db/client.ts';
import { attendees, mailMessages, meetings } from '../db/schema.ts';
import { ConflictError } from '../errors.ts';
import { Client, createTestApp, future, type TestApp } from '../../test/helpers/testApp.ts';
import type { MeetingDeps } from './meetingCommands.ts';
import { cancelMeeting } from './meetingChanges.ts';
import { registerForEvent } from './eventRegistrations.ts';
import { ProviderError, type MeetingProvider } from './provider.ts';

/** A provider whose every create is ambiguous: sent, and no answer came (docs/product.md §4.6). */
const answerLost: MeetingProvider = {
  dailyCreateLimit: 100,
  createsPerSecond: 0,
  checkHost: async () => ({ ok: true, accountRef: 'zoom-user-1' }),
  meetingLengthLimits: async () => new Map(),
  createMeeting: async () => {
    throw new ProviderError('transient', 'Zoom did not answer within 30000 ms', { maybeApplied: true });
  },
  deleteMeeting: async () => 'deleted',
};

let t: TestApp;
let host: Client;
let hostUser: { id: string; email: string };
let ecosystemId: string;

before(async () => {
  t = await createTestApp({ provider: answerLost });
  host = new Client(t.app);
  hostUser = { id: (await host.signUp('Host', 'host@example.com')).id, email: 'host@example.com' };
  ecosystemId = ((await (await host.api('POST', '/api/ecosystems', { name: 'Races' })).json()) as { id: string }).id;
});
after(() => t.close());

async function createEvent(title: string): Promise<string> {
  const response = await host.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, {
    kind: 'event',
    title,
    startTime: future(5),
    durationMinutes: 60,
    timezone: 'Europe/Berlin',
    location: { type: 'link', url: 'https://meet.example.org/demo-day' },
    attendeeEmails: ['early@example.com'],
  });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

/** The app's database, with `between` committed just before the command's transaction starts. */
function racingDeps(between: (db: Queries) => Promise<void>): MeetingDeps {
  const db = t.deps.database.db;
  const racing = new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'transaction') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<Db['transaction']>) => {
        await between(db);
        return target.transaction(...args);
      };
    },
  });
  return {
    db: racing,
    queue: t.deps.queue,
    provider: t.deps.provider,
    appBaseUrl: t.deps.config.appBaseUrl,
    zoomRecordsForOthersPerDay: 10,
    zoomRecordsForOthersTotalPerDay: 50,
    mailLimits: t.deps.config.mailQuota,
    now: () => new Date(),
  };
}

async function mailTo(meetingId: string, email: string): Promise<string[]> {
  const rows = await t.deps.database.db
    .select({ subject: mailMessages.subject })
    .from(mailMessages)
    .where(and(eq(mailMessages.meetingId, meetingId), eq(mailMessages.toAddress, email)));
  return rows.map((r) => r.subject.split(':')[0]!).sort();
}

test('a registration that commits while the event is being cancelled gets the cancellation too', async () => {
  const id = await createEvent('Demo day');
  await cancelMeeting(
    racingDeps(async (db) => {
      await db.insert(attendees).values({
        id: randomUUID(),
        meetingId: id,
        ecosystemId,
        email: 'late@example.com',
        name: 'Late',
        kind: 'registrant',
      });
    }),
    hostUser,
    id,
  );
  assert.deepEqual(await mailTo(id, 'late@example.com'), ['Cancelled']);
  assert.deepEqual(await mailTo(id, 'early@example.com'), ['Cancelled', 'You’re invited']);
});

test('a registration racing a cancel that committed first is refused, and nobody is invited to a cancelled event', async () => {
  const id = await createEvent('Pitch night');
  await assert.rejects(
    registerForEvent(
      racingDeps(async (db) => {
        await db.update(meetings).set({ status: 'cancelled', cancelledAt: new Date() }).where(eq(meetings.id, id));
      }),
      hostUser,
      id,
      { email: 'late@example.com', name: 'Late' },
    ),
    (error: unknown) => error instanceof ConflictError && error.code === 'already_cancelled',
  );
  assert.deepEqual(await mailTo(id, 'late@example.com'), []);
  assert.equal(
    (
      await t.deps.database.db
        .select()
        .from(attendees)
        .where(and(eq(attendees.meetingId, id), eq(attendees.email, 'late@example.com')))
    ).length,
    0,
  );
});

test('cancelling a record whose create is waiting out an ambiguous answer settles at once, not after the create’s retry time', async () => {
  const response = await host.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, {
    kind: 'booking',
    title: 'Answer lost',
    startTime: future(5),
    durationMinutes: 30,
    timezone: 'UTC',
    location: { type: 'zoom' },
  });
  assert.equal(response.status, 201);
  const { id } = (await response.json()) as { id: string };
  const [waiting] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, id));
  assert.equal(waiting!.zoomStatus, 'pending');
  assert.ok(
    waiting!.zoomRetryAt && waiting!.zoomRetryAt.getTime() > Date.now(),
    'the create waits 5 minutes before trying again',
  );
  assert.equal((await host.api('POST', `/api/meetings/${id}/cancel`)).status, 200);
  await t.queue.runDueJobs();
  const [cancelled] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, id));
  assert.equal(cancelled!.zoomStatus, 'deleted');
});
