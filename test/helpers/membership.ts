/** Joining an ecosystem the only way there is (docs/product.md §2): an admin invites, the invitee accepts. */
import assert from 'node:assert/strict';
import type { Client } from './testApp.ts';

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
