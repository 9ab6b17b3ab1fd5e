/**
 * The smaller findings of the same review (docs/product.md §2, §8), each as what an attacker or an operator
 * would meet: signed-in answers a cache could keep, an emulator-mode process reachable from the
 * network, a PORT the app's own links ignore, control and bidi-override characters in names and
 * subjects, and every member reading every other member's email. Bounded password hashing and
 * delivered mail without live tokens are guarded in test/loginThrottle.test.ts,
 * src/auth/passwordHashing.test.ts and test/secretScan.test.ts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from '../src/db/orm.ts';
import { parseConfig } from '../src/config.ts';
import { mailMessages, users } from '../src/db/schema.ts';
import { startAppProcess } from './helpers/appProcess.ts';
import { freePort } from './helpers/freePort.ts';
import { HttpClient } from './helpers/httpClient.ts';
import { Client, createTestApp, distinctFuture, type TestApp } from './helpers/testApp.ts';
import { inviteAndAccept } from './helpers/membership.ts';

let t: TestApp;
let admin: Client;
let member: Client;
let ecoId: string;
before(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  member = new Client(t.app);
  await admin.signUp('Ada Admin', 'ada@example.com');
  await member.signUp('Mika Member', 'mika@example.com');
  ecoId = ((await (await admin.api('POST', '/api/ecosystems', { name: 'Small' })).json()) as { id: string }).id;
  await inviteAndAccept(admin, ecoId, member, 'mika@example.com', 'member');
});
after(() => t.close());

test('signed-in answers carry Cache-Control: no-store (pages, the API, errors); static scripts may be cached', async () => {
  const created = await admin.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'event',
    title: 'Stored nowhere',
    startTime: distinctFuture(3),
    durationMinutes: 30,
    timezone: 'UTC',
    location: { type: 'link', url: 'https://meet.example.org/secret-room' },
  });
  const { id } = (await created.json()) as { id: string };
  for (const response of [
    created,
    await admin.api('GET', `/api/meetings/${id}`),
    await admin.get(`/meetings/${id}`),
    await admin.get('/ecosystems'),
    await admin.get('/account'),
    await admin.api('GET', '/api/me'),
    await admin.get('/meetings/00000000-0000-4000-8000-000000000000'),
  ]) {
    assert.equal(response.headers.get('cache-control'), 'no-store', `${response.url} ${response.status}`);
  }
  assert.notEqual((await admin.get('/assets/zoomCard.js')).headers.get('cache-control'), 'no-store');
});

test('names, titles and other free text lose control and bidi-override characters: nothing reaches a subject or a line of its own', async () => {
  const response = await admin.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
    kind: 'booking',
    title: 'Invoice\r\nBcc: everyone@example.com \u202Egnp.exe',
    description: 'Line one\r\nLine two\u0007\u2066',
    startTime: distinctFuture(3),
    durationMinutes: 30,
    timezone: 'UTC',
    location: { type: 'in_person', address: 'Street\n1\u202D' },
    attendeeEmails: ['guest@example.com'],
  });
  assert.equal(response.status, 201, await response.clone().text());
  const record = (await response.json()) as { title: string; description: string; location: { address: string } };
  assert.equal(record.title, 'Invoice Bcc: everyone@example.com gnp.exe');
  assert.equal(record.description, 'Line one\nLine two', 'lines stay where text has lines');
  assert.equal(record.location.address, 'Street 1');
  const [mail] = await t.deps.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, 'guest@example.com'));
  assert.equal(mail!.subject, 'You’re invited: Invoice Bcc: everyone@example.com gnp.exe');
  // A name chosen at confirmation, an ecosystem's name: the same.
  const renamed = new Client(t.app);
  await renamed.signUp('Eve\u202E\r\nAdmin', 'eve@example.com');
  const [eve] = await t.deps.database.db.select().from(users).where(eq(users.email, 'eve@example.com'));
  assert.equal(eve!.name, 'Eve Admin');
  const eco = (await (await renamed.api('POST', '/api/ecosystems', { name: 'Good\u202Edoog' })).json()) as {
    name: string;
  };
  assert.equal(eco.name, 'Gooddoog');
});

test('members see each other’s names and roles; other members’ email addresses only admins see', async () => {
  const asMember = (await (await member.api('GET', `/api/ecosystems/${ecoId}/members`)).json()) as {
    items: { name: string; email?: string }[];
  };
  assert.deepEqual(
    asMember.items.map((m) => [m.name, m.email]),
    [
      ['Ada Admin', undefined],
      ['Mika Member', 'mika@example.com'],
    ],
  );
  const asAdmin = (await (await admin.api('GET', `/api/ecosystems/${ecoId}/members`)).json()) as {
    items: { email?: string }[];
  };
  assert.deepEqual(
    asAdmin.items.map((m) => m.email),
    ['ada@example.com', 'mika@example.com'],
  );
  assert.doesNotMatch(await (await member.get(`/ecosystems/${ecoId}/lets-meet/manage`)).text(), /ada@example\.com/);
  // An event every member sees does not hand out its host's email.
  const event = (await (
    await admin.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'event',
      title: 'All hands',
      startTime: distinctFuture(4),
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'link', url: 'https://meet.example.org/all' },
    })
  ).json()) as { id: string };
  const seen = (await (await member.api('GET', `/api/meetings/${event.id}`)).json()) as { host: { email?: string } };
  assert.equal(seen.host.email, undefined);
  assert.doesNotMatch(await (await member.get(`/meetings/${event.id}`)).text(), /ada@example\.com/);
});

test('HOST defaults to loopback in emulator mode and APP_BASE_URL to http://localhost:{PORT}; both can be set', () => {
  assert.equal(parseConfig({}).host, '127.0.0.1');
  assert.equal(parseConfig({}).appBaseUrl, 'http://localhost:3000');
  assert.equal(parseConfig({ PORT: '4000' }).appBaseUrl, 'http://localhost:4000');
  assert.equal(parseConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
  const real = {
    ZOOM_CLIENT_ID: 'id',
    ZOOM_CLIENT_SECRET: 'secret',
    ZOOM_WEBHOOK_SECRET_TOKEN: 'hook',
  };
  assert.equal(parseConfig(real).host, '0.0.0.0', 'with a real Zoom app: every interface, as before');
  assert.equal(
    parseConfig({ ...real, APP_BASE_URL: 'https://app.example.com/' }).appBaseUrl,
    'https://app.example.com',
  );
  assert.throws(() => parseConfig({ HOST: 'not an address!' }), /HOST/);
});

test('an emulator-mode process with only PORT set serves this machine only, and its links, banner and Zoom redirect use that port', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ekos-host-'));
  const port = await freePort();
  const app = await startAppProcess({
    PORT: String(port),
    DATA_DIR: dataDir,
    ZOOM_EMULATOR_PORT: String(await freePort()),
  });
  try {
    const listening = JSON.parse(app.output.find((line) => line.includes('"msg":"listening"'))!) as { host: string };
    assert.equal(listening.host, '127.0.0.1');
    // Listening on every interface would answer on the IPv6 loopback and on the machine's own
    // addresses too; on 127.0.0.1 only, neither answers — so nothing reaches the demo users and
    // /dev/mailbox from another machine.
    const others = [
      '::1',
      ...Object.values(networkInterfaces())
        .flat()
        .filter((address) => address && !address.internal)
        .map((address) => address!.address),
    ];
    for (const host of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host, port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      assert.equal(reached, false, `nothing answers on ${host} port ${port}`);
    }
    const base = `http://localhost:${port}`;
    assert.ok(app.output.join('\n').includes(`Ekosistem App is running at ${base}`), 'the start banner');
    const visitor = new HttpClient(`http://127.0.0.1:${port}`);
    const signedIn = await visitor.request('/api/auth/login', {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'host@demo.ekosistem.app', password: 'lets-meet-demo' }),
    });
    assert.equal(signedIn.status, 200);
    const connectZoom = await visitor.request('/integrations/zoom/connect');
    const authorize = new URL(connectZoom.headers.get('location')!);
    assert.equal(authorize.searchParams.get('redirect_uri'), `${base}/integrations/zoom/callback`);
    const page = await fetch(authorize);
    assert.equal(page.status, 200, 'the emulator accepts the redirect URI (Connect Zoom works)');
  } finally {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
