/** Property: random malformed requests at every endpoint never produce a 5xx or a crash. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startZoomEmulator, type ZoomEmulator } from './startZoomEmulator.ts';
import { REDIRECT, connect } from './testClient.ts';

let emu: ZoomEmulator;
let accessToken = '';
before(async () => {
  emu = await startZoomEmulator({
    redirectUris: [REDIRECT],
    perSecondLimits: {
      free: { light: 1e6, medium: 1e6, heavy: 1e6 },
      pro: { light: 1e6, medium: 1e6, heavy: 1e6 },
      business: { light: 1e6, medium: 1e6, heavy: 1e6 },
    },
  });
  accessToken = (await connect(emu)).access_token;
});
after(() => emu.close());

const endpoints: [string, string][] = [
  ['GET', '/oauth/authorize'],
  ['POST', '/oauth/authorize'],
  ['POST', '/oauth/token'],
  ['POST', '/oauth/revoke'],
  ['POST', '/oauth/data/compliance'],
  ['GET', '/v2/users/me'],
  ['POST', '/v2/users/me/meetings'],
  ['GET', '/v2/meetings/123'],
  ['DELETE', '/v2/meetings/123'],
  ['POST', '/_emulator/users'],
  ['POST', '/_emulator/faults'],
  ['POST', '/_emulator/clock'],
  ['POST', '/_emulator/limits'],
  ['POST', '/_emulator/options'],
  ['PUT', '/_emulator/webhooks/url'],
];

const bodyArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom(
    '{',
    '[]',
    'null',
    '{"topic":5,"duration":"x"}',
    'grant_type=authorization_code&code=',
    '%%%',
    '\u0000',
  ),
);
const pathSuffixArb = fc.oneof(
  fc.constant(''),
  fc.webSegment().map((s) => `/${s}`),
  fc.constantFrom('/../', '/%2e%2e', '/99999999999999999999999'),
);
const headersArb = fc.record({
  'content-type': fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    '',
  ),
  authorization: fc.oneof(
    fc.constant(''),
    fc.constant(`Bearer ${'x'}`),
    fc.string({ maxLength: 60 }).map((s) => `Basic ${s}`),
    fc.constant('Bearer'),
  ),
});

test('no malformed request to any endpoint gets a 5xx or crashes the emulator', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...endpoints),
      pathSuffixArb,
      bodyArb,
      headersArb,
      fc.boolean(),
      async ([method, path], suffix, body, headers, realToken) => {
        const requestHeaders: Record<string, string> = {};
        if (headers['content-type']) requestHeaders['content-type'] = headers['content-type'];
        const auth = realToken && path.startsWith('/v2') ? `Bearer ${accessToken}` : headers.authorization;
        if (auth) requestHeaders.authorization = auth;
        const target = `${emu.url}${path}${method === 'GET' || method === 'DELETE' ? suffix : ''}`;
        const response = await fetch(target, {
          method,
          headers: requestHeaders,
          ...(method === 'GET' ? {} : { body: typeof body === 'string' ? body : String(body) }),
          redirect: 'manual',
        });
        await response.arrayBuffer();
        assert.ok(response.status < 500, `${method} ${target} → ${response.status}`);
      },
    ),
    { numRuns: 400 },
  );
  const alive = await fetch(`${emu.url}/_emulator`);
  assert.equal(alive.status, 200);
});
