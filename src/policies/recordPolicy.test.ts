/**
 * The two forms of "who sees a record" must agree: `recordAccess(...).see` (one loaded record)
 * and `visibleRecordsWhere` (the SQL that filters lists). Generated records and viewers, checked
 * against the real database.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { and, eq } from '../db/orm.ts';
import { attendees, ecosystems, meetings, users, type MeetingKind, type Role } from '../db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/testDatabase.ts';
import { recordAccess, visibleRecordsWhere, type Viewer } from './recordPolicy.ts';

let testDb: TestDatabase;
const people = Array.from({ length: 4 }, (_, i) => ({ id: randomUUID(), email: `p${i}@example.com` }));
const ecosystemId = randomUUID();

before(async () => {
  testDb = await createTestDatabase();
  const { db } = testDb.database;
  await db.insert(users).values(people.map((p) => ({ id: p.id, email: p.email, name: p.email, passwordHash: 'x' })));
  await db.insert(ecosystems).values({ id: ecosystemId, name: 'Policy', createdBy: people[0]!.id });
});
after(() => testDb.close());

const person = fc.integer({ min: 0, max: people.length - 1 });
const record = fc.record({
  kind: fc.constantFrom<MeetingKind>('booking', 'mentorship', 'event'),
  host: person,
  creator: person,
  listed: fc.subarray([0, 1, 2, 3]),
});

test('visibleRecordsWhere selects exactly the records recordAccess lets the viewer see', async () => {
  const { db } = testDb.database;
  await fc.assert(
    fc.asyncProperty(
      fc.array(record, { minLength: 1, maxLength: 6 }),
      person,
      fc.constantFrom<Role>('admin', 'host', 'member'),
      async (records, who, role) => {
        await db.delete(meetings).where(eq(meetings.ecosystemId, ecosystemId));
        const ids: string[] = [];
        for (const [index, r] of records.entries()) {
          const id = randomUUID();
          ids.push(id);
          await db.insert(meetings).values({
            id,
            ecosystemId,
            kind: r.kind,
            title: 'x',
            startAt: new Date(Date.now() + index * 3_600_000), // a host is never in two places at once
            durationMinutes: 30,
            timezone: 'UTC',
            hostUserId: people[r.host]!.id,
            createdBy: people[r.creator]!.id,
            locationType: 'in_person',
          });
          if (r.listed.length) {
            await db.insert(attendees).values(
              r.listed.map((i) => ({
                id: randomUUID(),
                meetingId: id,
                ecosystemId,
                email: people[i]!.email,
                kind: 'attendee' as const,
              })),
            );
          }
        }
        const viewer: Viewer = { userId: people[who]!.id, email: people[who]!.email, role };
        const bySql = new Set(
          (
            await db
              .select({ id: meetings.id })
              .from(meetings)
              .where(and(eq(meetings.ecosystemId, ecosystemId), visibleRecordsWhere(viewer)))
          ).map((r) => r.id),
        );
        records.forEach((r, i) => {
          const see = recordAccess(viewer, {
            kind: r.kind,
            hostUserId: people[r.host]!.id,
            createdBy: people[r.creator]!.id,
            attendeeEmails: r.listed.map((j) => people[j]!.email),
          }).see;
          assert.equal(bySql.has(ids[i]!), see, JSON.stringify({ record: r, who, role }));
        });
      },
    ),
    { numRuns: 60 },
  );
});
