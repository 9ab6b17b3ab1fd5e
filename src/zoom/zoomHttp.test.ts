import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendToZoom } from './zoomHttp.ts';
import { isZoomError } from './zoomErrors.ts';

/** A real HTTP server whose answer each test chooses by path. */
let server: Server;
let base = '';
let connections = 0;
const answers = new Map<string, (response: ServerResponse, body: string) => void>();

before(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => answers.get(request.url ?? '')?.(response, body));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

answers.set('/json', (response, body) => {
  response.writeHead(201, { 'content-type': 'application/json', 'Retry-After': '7', 'x-double': ['a', 'b'] });
  response.end(JSON.stringify({ echoed: JSON.parse(body) as unknown, text: 'ünïcödé' }));
});
answers.set('/drop', (response) => response.socket?.destroy());
answers.set('/cut', (response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
  response.write('{"id":');
  setImmediate(() => response.socket?.destroy());
});
answers.set('/silent', () => {});
answers.set('/redirect', (response) => {
  response.writeHead(302, { location: `${base}/json` });
  response.end();
});
answers.set('/xml', (response) => {
  response.writeHead(404, { 'content-type': 'text/html' });
  response.end('<html>Not Found</html>');
});

test('an answer arrives whole: status, parsed JSON (UTF-8), headers by any case; the connection is kept for the next call', async () => {
  const first = await sendToZoom(`${base}/json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ topic: 'Çay ☕' }),
  });
  assert.equal(first.status, 201);
  assert.deepEqual(first.body, { echoed: { topic: 'Çay ☕' }, text: 'ünïcödé' });
  assert.equal(first.headers.get('Retry-After'), '7');
  assert.equal(first.headers.get('retry-after'), '7');
  assert.equal(first.headers.get('x-double'), 'a, b');
  assert.equal(first.headers.get('x-missing'), null);
  const before = connections;
  await sendToZoom(`${base}/json`, { method: 'POST', headers: {}, body: '{}' });
  assert.equal(connections, before, 'the second call reused the connection');
});

test('a dropped connection is transient; a write may have been applied, a read was not', async () => {
  for (const [method, maybeApplied] of [
    ['POST', true],
    ['DELETE', true],
    ['GET', false],
  ] as const) {
    await assert.rejects(
      sendToZoom(`${base}/drop`, { method, headers: {}, ...(method === 'POST' ? { body: '{}' } : {}) }),
      (error: unknown) => {
        assert.ok(isZoomError(error, 'zoom_transient'), String(error));
        assert.equal(error.maybeApplied, maybeApplied, method);
        assert.equal(error.message, 'Could not reach Zoom');
        return true;
      },
    );
  }
});

test('an answer cut off part-way is transient, with its status, and may have been applied', async () => {
  await assert.rejects(sendToZoom(`${base}/cut`, { method: 'POST', headers: {}, body: '{}' }), (error: unknown) => {
    assert.ok(isZoomError(error, 'zoom_transient'), String(error));
    assert.equal(error.message, 'Zoom’s answer was cut off');
    assert.equal(error.status, 200);
    assert.equal(error.maybeApplied, true);
    return true;
  });
});

test('no answer within the time limit: transient, named as such, and the call is abandoned', async () => {
  await assert.rejects(
    sendToZoom(`${base}/silent`, { method: 'POST', headers: {}, body: '{}' }, { timeoutMs: 150 }),
    (error: unknown) => {
      assert.ok(isZoomError(error, 'zoom_transient'), String(error));
      assert.equal(error.message, 'Zoom did not answer within 150 ms');
      assert.equal(error.maybeApplied, true);
      return true;
    },
  );
});

test('a redirect is not followed, and a body that is not JSON reads as none', async () => {
  const redirected = await sendToZoom(`${base}/redirect`, { method: 'POST', headers: {}, body: '{}' });
  assert.equal(redirected.status, 302);
  assert.equal(redirected.body, undefined);
  const xml = await sendToZoom(`${base}/xml`, { method: 'GET', headers: {} });
  assert.equal(xml.status, 404);
  assert.equal(xml.body, undefined);
});

test('nothing listening: transient, "could not reach"', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  await assert.rejects(
    sendToZoom(`http://127.0.0.1:${port}/v2/users/me`, { method: 'GET', headers: {} }),
    (error: unknown) => {
      assert.ok(isZoomError(error, 'zoom_transient'), String(error));
      assert.equal(error.message, 'Could not reach Zoom');
      return true;
    },
  );
});
