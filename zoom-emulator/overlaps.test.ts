/**
 * §10.7: a host may schedule overlapping meetings (every create succeeds) but cannot run them; the
 * emulator reports each overlapping pair per Zoom user at GET /_emulator/overlaps.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Overlap } from './overlaps.ts';
import { startZoomEmulator, type ZoomEmulator } from './startZoomEmulator.ts';
import { REDIRECT, api, connect } from './testClient.ts';

let emu: ZoomEmulator;
before(async () => {
  emu = await startZoomEmulator({ redirectUris: [REDIRECT] });
});
beforeEach(() => emu.control.reset());
after(() => emu.close());

/** Creates a meeting over HTTP; answers its id after checking Zoom's 201. */
async function schedule(token: string, topic: string, start: string, duration: number): Promise<number> {
  const created = await api(emu, 'POST', '/v2/users/me/meetings', token, {
    topic,
    type: 2,
    start_time: start,
    duration,
    timezone: 'Europe/Helsinki',
  });
  assert.equal(created.status, 201, `${topic}: ${JSON.stringify(created.body)}`);
  return created.body.id as number;
}

async function overlaps(): Promise<Overlap[]> {
  const response = await fetch(`${emu.url}/_emulator/overlaps`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { items: Overlap[] }).items;
}

test('§10.7 two overlapping meetings on one host are both created (201) and reported as one pair', async () => {
  const { access_token } = await connect(emu);
  const first = await schedule(access_token, 'Pitch review', '2031-03-01T09:00:00Z', 60);
  const second = await schedule(access_token, 'Mentoring', '2031-03-01T09:30:00Z', 30);
  const host = emu.control.userByEmail('host@demo.ekosistem.app')!;
  const expected: Overlap[] = [
    {
      userId: host.id,
      email: 'host@demo.ekosistem.app',
      meetings: [
        { id: first, topic: 'Pitch review', start_time: '2031-03-01T09:00:00Z', duration: 60 },
        { id: second, topic: 'Mentoring', start_time: '2031-03-01T09:30:00Z', duration: 30 },
      ],
    },
  ];
  assert.deepEqual(await overlaps(), expected);
  assert.deepEqual(emu.control.overlaps(), expected, 'in process, the same report');
});

test('§10.7 back-to-back meetings ([9:00, 9:30) and [9:30, 10:00)) do not overlap', async () => {
  const { access_token } = await connect(emu);
  await schedule(access_token, 'First', '2031-03-01T09:00:00Z', 30);
  await schedule(access_token, 'Second', '2031-03-01T09:30:00Z', 30);
  assert.deepEqual(await overlaps(), []);
});

test('§10.7 a deleted meeting no longer counts', async () => {
  const { access_token } = await connect(emu);
  const first = await schedule(access_token, 'First', '2031-03-01T09:00:00Z', 60);
  await schedule(access_token, 'Second', '2031-03-01T09:15:00Z', 30);
  assert.equal((await overlaps()).length, 1);
  assert.equal((await api(emu, 'DELETE', `/v2/meetings/${first}`, access_token)).status, 204);
  assert.deepEqual(await overlaps(), []);
});

test('§10.7 meetings of different users at the same time do not overlap each other', async () => {
  const host = await connect(emu, 'host@demo.ekosistem.app');
  const basic = await connect(emu, 'basic@example.com');
  await schedule(host.access_token, 'Host’s', '2031-03-01T09:00:00Z', 30);
  await schedule(basic.access_token, 'Basic’s', '2031-03-01T09:00:00Z', 30);
  assert.deepEqual(await overlaps(), []);
});

test('§10.7 three meetings at once on one host: one item per overlapping pair', async () => {
  const { access_token } = await connect(emu);
  for (const topic of ['A', 'B', 'C']) await schedule(access_token, topic, '2031-03-01T09:00:00Z', 30);
  const pairs = (await overlaps()).map((o) => o.meetings.map((m) => m.topic).join('+'));
  assert.deepEqual(pairs, ['A+B', 'A+C', 'B+C']);
});
