/** docs/product.md §3.6 / §4.3: disconnect → cancel leaves the meeting orphaned; a reconnect of the same Zoom user deletes it. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectZoom } from './helpers/testApp.ts';
import { zoomScenario, type MeetingJson, type Scenario } from './helpers/zoomScenario.ts';

let s: Scenario;
before(async () => {
  s = await zoomScenario();
});
after(() => s.t.close());

const get = async (id: string) => (await (await s.host.api('GET', `/api/meetings/${id}`)).json()) as MeetingJson;

test('disconnect, cancel (→ orphaned, id shown), reconnect as another Zoom user (stays orphaned), reconnect as the same user (deleted)', async () => {
  const { control } = s.t.emulator!;
  const created = await s.createZoomRecord({ title: 'Left behind' });
  assert.equal(created.zoom.status, 'created');
  const meetingId = created.zoom.meetingId!;

  const disconnect = (await (await s.host.api('POST', '/integrations/zoom/disconnect')).json()) as {
    outcome: string;
    upcomingZoomMeetings: number;
  };
  assert.equal(disconnect.outcome, 'revoked');
  assert.equal(disconnect.upcomingZoomMeetings, 1);

  await s.host.api('POST', `/api/meetings/${created.id}/cancel`);
  await s.settle();
  const orphaned = await get(created.id);
  assert.equal(orphaned.zoom.status, 'orphaned');
  assert.deepEqual(orphaned.zoom.leftoverMeetingIds, [meetingId]);
  assert.match(orphaned.zoom.detail!, new RegExp(meetingId));
  const page = await (await s.host.get(`/meetings/${created.id}`)).text();
  assert.match(page, new RegExp(`Zoom meeting ${meetingId} could not be removed`));
  assert.equal(control.meetings().filter((m) => m.topic === 'Left behind').length, 1, 'still on Zoom');

  // A different Zoom user cannot delete it.
  await connectZoom(s.host, s.t.emulator!, 'basic@example.com');
  await s.settle();
  assert.equal((await get(created.id)).zoom.status, 'orphaned');
  assert.equal(control.meetings().filter((m) => m.topic === 'Left behind').length, 1);
  await s.host.api('POST', '/integrations/zoom/disconnect');

  // The same Zoom user reconnects: the orphaned meeting is deleted.
  await connectZoom(s.host, s.t.emulator!, 'host@demo.ekosistem.app');
  await s.settle();
  assert.equal((await get(created.id)).zoom.status, 'deleted');
  assert.equal(control.meetings().filter((m) => m.topic === 'Left behind').length, 0);
});

test('creates that wait for a reconnect resume after it', async () => {
  const { control } = s.t.emulator!;
  const zoomUser = control.userByEmail('host@demo.ekosistem.app')!;
  control.expireAccessToken(zoomUser.id);
  control.addFault({ operation: 'oauth.token.refresh_token', kind: 'invalid_grant' });
  const created = await s.createZoomRecord({ title: 'Waits for reconnect' });
  assert.equal(created.zoom.status, 'waiting_for_reconnect');
  const page = await (await s.host.get(`/meetings/${created.id}`)).text();
  assert.match(page, /Needs Zoom reconnect[\s\S]*What you can do:[\s\S]*Reconnect Zoom on Lets Meet → Manage/);
  await connectZoom(s.host, s.t.emulator!, 'host@demo.ekosistem.app');
  await s.settle();
  const after = await get(created.id);
  assert.equal(after.zoom.status, 'created');
  assert.equal(control.meetings().filter((m) => m.topic === 'Waits for reconnect').length, 1);
});
