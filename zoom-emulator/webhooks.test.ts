/** Conformance: webhooks (docs/zoom-facts.md §7) and the data-compliance endpoint (§8). */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { startZoomEmulator, type ZoomEmulator } from './startZoomEmulator.ts';
import { signBody } from './webhookSender.ts';
import { REDIRECT, basic, connect } from './testClient.ts';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

let emu: ZoomEmulator;
let receiver: Server;
let received: Received[] = [];
/** How the receiver answers: status, or 'slow' (> 3 s), or a function of the body. */
let answer: number | 'slow' | ((body: string) => { status: number; body: string }) = 200;

before(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({ headers: req.headers, body });
      if (answer === 'slow') {
        setTimeout(() => res.end('late'), 3500).unref();
        return;
      }
      if (typeof answer === 'function') {
        const out = answer(body);
        res.writeHead(out.status, { 'content-type': 'application/json' }).end(out.body);
        return;
      }
      res.writeHead(answer).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const port = (receiver.address() as { port: number }).port;
  emu = await startZoomEmulator({
    redirectUris: [REDIRECT],
    webhookSecret: 'test_secret_token',
    webhookUrl: `http://127.0.0.1:${port}/webhook`,
  });
});
beforeEach(() => {
  received = [];
  answer = 200;
  emu.control.reset();
});
after(async () => {
  await emu.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

test('§7.2 test vector: signature of the documented body', () => {
  const body =
    '{"event":"meeting.deleted","event_ts":1700000000123,"payload":{"account_id":"acct_1","object":{"id":85746065432}}}';
  assert.equal(
    signBody('test_secret_token', '1700000000', body),
    'v0=3f07075de644e5ecc13088ca1a3f8e4add9942152bf5a326ad5fc749e01a4203',
  );
});

test('§7.3 test vector: url validation encryptedToken', () => {
  assert.equal(
    createHmac('sha256', 'test_secret_token').update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    '4efea922935c335d972476de138d2208a0d46ab28c79ee592d497a1b216419b8',
  );
});

test('§1.7 + §7.6 revoke sends a signed app_deauthorized with the documented payload and headers (§7.1)', async () => {
  const pair = await connect(emu);
  const user = emu.control.userByEmail('host@demo.ekosistem.app')!;
  await fetch(`${emu.url}/oauth/revoke`, {
    method: 'POST',
    headers: { authorization: basic(emu), 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${pair.access_token}`,
  });
  await emu.control.settleWebhooks();
  assert.equal(received.length, 1);
  const [delivery] = received;
  const ts = String(delivery!.headers['x-zm-request-timestamp']);
  assert.match(ts, /^\d{10}$/, 'seconds');
  assert.equal(delivery!.headers['x-zm-signature'], signBody('test_secret_token', ts, delivery!.body));
  assert.equal(delivery!.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(delivery!.headers['user-agent'], 'Zoom Marketplace/1.0a');
  assert.ok(delivery!.headers['x-zm-trackingid']);
  const body = JSON.parse(delivery!.body);
  assert.equal(body.event, 'app_deauthorized');
  assert.ok(body.event_ts > 1e12, 'event_ts in ms');
  assert.equal(body.payload.user_id, user.id);
  assert.equal(body.payload.account_id, user.accountId);
  assert.equal(body.payload.client_id, emu.clientId);
  assert.ok(!Number.isNaN(Date.parse(body.payload.deauthorization_time)));
  assert.equal(typeof body.payload.signature, 'string');
  assert.equal(emu.control.deliveries()[0]!.state, 'delivered');
});

test('§7.4 a failing receiver is retried at +5, +20 and +60 minutes of emulator time, then given up', async () => {
  answer = 500;
  const user = emu.control.userByEmail('host@demo.ekosistem.app')!;
  await emu.control.deauthorize(user.id);
  assert.equal(received.length, 1);
  await emu.control.advanceClock(4 * 60);
  assert.equal(received.length, 1, 'not before 5 minutes');
  await emu.control.advanceClock(60);
  assert.equal(received.length, 2);
  await emu.control.advanceClock(19 * 60);
  assert.equal(received.length, 2);
  await emu.control.advanceClock(60);
  assert.equal(received.length, 3);
  await emu.control.advanceClock(60 * 60);
  assert.equal(received.length, 4);
  await emu.control.advanceClock(24 * 3600);
  assert.equal(received.length, 4);
  const [delivery] = emu.control.deliveries();
  assert.equal(delivery!.state, 'failed');
  assert.equal(delivery!.attempts.length, 4);
});

test('§7.4 a receiver slower than 3 s counts as a failure and is retried; a later 2xx delivers', async () => {
  answer = 'slow';
  const user = emu.control.userByEmail('host@demo.ekosistem.app')!;
  await emu.control.deauthorize(user.id);
  assert.equal(emu.control.deliveries()[0]!.state, 'pending');
  answer = 200;
  await emu.control.advanceClock(5 * 60);
  assert.equal(emu.control.deliveries()[0]!.state, 'delivered');
});

test('§7.3 the url_validation probe checks the answer', async () => {
  answer = (body) => {
    const plainToken = JSON.parse(body).payload.plainToken;
    return {
      status: 200,
      body: JSON.stringify({
        plainToken,
        encryptedToken: createHmac('sha256', 'test_secret_token').update(plainToken).digest('hex'),
      }),
    };
  };
  const good = (await (await fetch(`${emu.url}/_emulator/webhooks/validate`, { method: 'POST' })).json()) as {
    valid: boolean;
  };
  assert.equal(good.valid, true);
  answer = () => ({ status: 200, body: JSON.stringify({ plainToken: 'x', encryptedToken: 'y' }) });
  const bad = (await (await fetch(`${emu.url}/_emulator/webhooks/validate`, { method: 'POST' })).json()) as {
    valid: boolean;
  };
  assert.equal(bad.valid, false);
  const signed = received[0]!;
  assert.equal(
    signed.headers['x-zm-signature'],
    signBody('test_secret_token', String(signed.headers['x-zm-request-timestamp']), signed.body),
  );
});

test('§8 data compliance: Basic auth, documented body → recorded; bad auth 401; bad body 400', async () => {
  const body = {
    client_id: emu.clientId,
    user_id: 'u1',
    account_id: 'a1',
    deauthorization_event_received: { user_id: 'u1' },
    compliance_completed: true,
  };
  const post = (auth: string, b: unknown) =>
    fetch(`${emu.url}/oauth/data/compliance`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(b),
    });
  assert.equal((await post(basic(emu, 'wrong'), body)).status, 401);
  const invalid = await post(basic(emu), { ...body, compliance_completed: 'yes' });
  assert.equal(invalid.status, 400);
  assert.equal(((await invalid.json()) as { code: number }).code, 300);
  assert.equal((await post(basic(emu), body)).status, 200);
  assert.equal(emu.control.complianceNotices().length, 1);
  assert.deepEqual(emu.control.complianceNotices()[0]!.body, body);
});
