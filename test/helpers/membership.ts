/** Joining an ecosystem the only way there is (docs/product.md §2): an admin invites, the invitee accepts. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/auth/passwordHashing.ts';
import { createSession, SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { Client, type TestApp } from './testApp.ts';

export type Role = 'admin' | 'host' | 'member';

/** `admin` invites `email` as `role`; `invitee` (signed in with that email) accepts. */
export async function inviteAndAccept(
  admin: Client,
  ecosystemId: string,
  invitee: Client,
  email: string,
  role: Role,
): Promise<void> {
  const invited = await admin.api('POST', `/api/ecosystems/${ecosystemId}/members`, { email, role });
  assert.equal(invited.status, 201, `invite ${email}: ${await invited.clone().text()}`);
  const { id } = (await invited.json()) as { id: string };
  const accepted = await invitee.api('POST', `/api/invitations/${id}/accept`);
  assert.equal(accepted.status, 200, `accept ${email}: ${await accepted.clone().text()}`);
}

/** Turns on "Let members schedule Zoom meetings with me" for `host` in the ecosystem. */
export async function allowZoomForOthers(host: Client, ecosystemId: string, on = true): Promise<void> {
  const saved = await host.api('PUT', `/api/ecosystems/${ecosystemId}/my-settings`, { zoomForOthers: on });
  assert.equal(saved.status, 200, await saved.clone().text());
}

/**
 * Makes `host` bookable in the ecosystem at any time (docs/product.md §12.2): every day 00:00–24:00 UTC,
 * slots every 5 minutes of the common durations, no notice — for tests about something other than
 * availability, whose members book hosts at times of their choosing.
 */
export async function openAllWeek(
  host: Client,
  ecosystemId: string,
  durations = [15, 30, 45, 60, 90, 120],
): Promise<void> {
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const saved = await host.api('PUT', `/api/ecosystems/${ecosystemId}/my-availability`, {
    bookable: true,
    timezone: 'UTC',
    weekly: days.map((day) => ({ day, start: '00:00', end: '24:00' })),
    durations,
    slotStepMinutes: 5,
    minimumNoticeMinutes: 0,
    horizonDays: 365,
  });
  assert.equal(saved.status, 200, await saved.clone().text());
}

/**
 * `count` members (`member{n}@example.com`, n from 1) put straight into the database — for files
 * whose subject is not sign-up — each signed in with a session of their own; every second one is
 * served by `second` when there is one (a second app instance over the same database).
 */
export async function seedMembers(
  first: TestApp,
  second: TestApp | undefined,
  ecosystemId: string,
  count: number,
): Promise<{ client: Client; email: string }[]> {
  const hash = await hashPassword('a long member password');
  const ids = Array.from({ length: count }, () => randomUUID());
  await first.deps.database.withSession(async (session) => {
    await session.query(
      `INSERT INTO users (id, email, name, password_hash)
       SELECT id, 'member' || n || '@example.com', 'Member ' || n, $2 FROM unnest($1::uuid[]) WITH ORDINALITY AS m(id, n)`,
      [ids, hash],
    );
    await session.query(
      `INSERT INTO memberships (ecosystem_id, user_id, role) SELECT $1, id, 'member' FROM unnest($2::uuid[]) AS m(id)`,
      [ecosystemId, ids],
    );
  });
  const members: { client: Client; email: string }[] = [];
  for (const [i, id] of ids.entries()) {
    const { token } = await createSession(first.deps.database.db, id);
    const client = new Client((i % 2 === 1 && second ? second : first).app);
    client.cookies.set(SESSION_COOKIE, token);
    members.push({ client, email: `member${i + 1}@example.com` });
  }
  return members;
}
