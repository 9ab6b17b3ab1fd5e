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
