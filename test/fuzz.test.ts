/**
 * The fuzz suite: random and hostile values (huge and empty strings, unicode, markup, SQL
 * fragments, wrong types, missing and extra fields, impossible dates, year 9999) sent to every
 * JSON API operation the OpenAPI document lists, every HTML form, and the Zoom webhook.
 * Invariants: never a 5xx; JSON errors are `{error: {code, message}}`; a 4xx stores nothing; user
 * text comes back escaped in pages and mails, and cannot add lines to an ICS invite.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from '../src/db/orm.ts';
import { signWebhook } from '../src/zoom/webhookSignature.ts';
import { Client, createTestApp, distinctFuture, type TestApp } from './helpers/testApp.ts';

/** Markers: if one appears unescaped in HTML, user text became markup. */
const TAG = 'x-fuzz';
const ATTR = 'data-xfuzz';
/** A line an ICS injection would add. */
const ICS_LINE = 'X-FUZZ-INJECTED';

const NASTY = [
  '',
  ' ',
  '\t\n',
  `<${TAG}>`,
  `"><${TAG} onerror=alert(1)>`,
  `' ${ATTR}='1`,
  `" ${ATTR}="1`,
  `</textarea><${TAG}>`,
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '$1',
  '\\',
  '%',
  '_',
  '%00',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  '\u202Eevil',
  '\uFEFF',
  'Ω≈ç√∫',
  '😀'.repeat(60),
  'ﷺ'.repeat(30),
  `\r\n${ICS_LINE}:1`,
  `x\n${ICS_LINE};X=1:2`,
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '//evil.example',
  '/.//evil.example',
  '../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2031-02-30T10:00:00Z',
  '2031-13-45T99:99:00Z',
  '2031-02-30T10:00',
  '2031-13-45T99:99',
  '1970-01-01T00:00:00Z',
  'Europe/Helsinki',
  'Mars/Olympus',
  'UTC',
  'a@b',
  'x@example.com',
  'X@EXAMPLE.COM ',
  'admin',
  'member',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(3000),
  'y'.repeat(120_000),
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }).map((s) => `<${TAG}>${s}</${TAG}>" ${ATTR}="${s}`) },
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 5, 30, 600, 601, 2 ** 53, -0)) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
);

let t: TestApp;
let host: Client;
let ecoId: string;
const meetingIds: string[] = [];
let requests = 0;
const seen = { statuses: new Map<number, number>() };

/** Counts every request the suite sends. */
class CountingClient extends Client {
  override async request(path: string, init: RequestInit = {}): Promise<Response> {
    requests++;
    const response = await super.request(path, init);
    seen.statuses.set(response.status, (seen.statuses.get(response.status) ?? 0) + 1);
    return response;
  }
}

/** Row counts of every table the app writes on a user's behalf (throttle counts and verified webhook receipts are kept on purpose). */
let countSql: ReturnType<typeof sql.raw>;
async function rowCounts(): Promise<string> {
  const rows = await t.deps.database.db.query(countSql);
  return JSON.stringify(rows[0]);
}

before(async () => {
  // The suite creates hundreds of records with attendees: the mail limits are not its subject.
  t = await createTestApp({
    zoom: true,
    env: {
      MAIL_QUOTA_PER_PERSON_HOUR: '100000',
      MAIL_QUOTA_PER_PERSON_DAY: '100000',
      MAIL_QUOTA_PER_ECOSYSTEM_HOUR: '100000',
    },
  });
  host = new CountingClient(t.app);
  await host.signUp('Hana Host', 'hana@example.com');
  ecoId = ((await (await host.api('POST', '/api/ecosystems', { name: 'Fuzz' })).json()) as { id: string }).id;
  for (const [kind, location] of [
    ['booking', { type: 'in_person', address: 'A 1' }],
    ['event', { type: 'link', url: 'https://example.com/x' }],
  ] as const) {
    const created = await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind,
      title: `Seed ${kind}`,
      startTime: distinctFuture(5),
      durationMinutes: 30,
      timezone: 'UTC',
      location,
      attendeeEmails: ['seed@example.com'],
    });
    meetingIds.push(((await created.json()) as { id: string }).id);
  }
  const tables = await t.deps.database.db.query<{ table_name: string }>(
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('login_failures', 'zoom_webhook_receipts') ORDER BY 1`,
  );
  countSql = sql.raw(
    `SELECT ${tables.map((r) => `(SELECT count(*) FROM "${r.table_name}")::int AS "${r.table_name}"`).join(', ')}`,
  );
});
after(() => t.close());

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Checks the invariants on one answer; `before` is the row counts before a state-changing request. */
async function check(label: string, method: string, response: Response, before: string | undefined, json: boolean) {
  assert.ok(
    response.status < 500,
    `${label}: ${response.status} ${await response
      .clone()
      .text()
      .then((s) => s.slice(0, 300))}`,
  );
  assert.ok(response.status >= 200, `${label}: ${response.status}`);
  const text = await response.text();
  if (json && response.status >= 400) {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    assert.equal(typeof body.error?.code, 'string', `${label}: ${text.slice(0, 200)}`);
    assert.equal(typeof body.error?.message, 'string', `${label}: ${text.slice(0, 200)}`);
  }
  if ((response.headers.get('content-type') ?? '').includes('text/html')) assertEscaped(label, text);
  const location = response.headers.get('location');
  if (location && !location.startsWith('http'))
    assert.match(location, /^\/(?![/\\])/, `${label}: redirect to ${location}`);
  if (before !== undefined && STATE_CHANGING.has(method) && response.status >= 400) {
    assert.equal(await rowCounts(), before, `${label}: a ${response.status} stored something`);
  }
}

function assertEscaped(label: string, html: string) {
  assert.ok(!html.includes(`<${TAG}`), `${label}: unescaped markup`);
  assert.ok(!new RegExp(`\\s${ATTR}=["']`).test(html), `${label}: an attribute broke out`);
}

/** Path parameter values: real ids (of the kind the parameter names), foreign-looking ids, and hostile text. */
const idValue = (param = '') =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: param.startsWith('ecosystem')
        ? fc.constant(ecoId)
        : param.startsWith('meeting')
          ? fc.constantFrom(...meetingIds)
          : fc.constantFrom(...meetingIds, ecoId),
    },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileString.filter((s) => s.length > 0 && s.length < 500) },
  );

/** Percent-encodes a path segment; lone surrogates (not encodable) become U+FFFD first. */
const encodePath = (value: string) => encodeURIComponent(value.toWellFormed());

interface Operation {
  method: string;
  path: string;
  bodyKeys: string[];
}

async function apiOperations(): Promise<Operation[]> {
  const doc = (await (await host.get('/api/openapi.json')).json()) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: {
            content?: Record<string, { schema?: { $ref?: string; properties?: Record<string, unknown> } }>;
          };
        }
      >
    >;
    components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
  };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const resolved = schema?.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
      operations.push({
        method: method.toUpperCase(),
        path: `/api${path}`,
        bodyKeys: Object.keys(resolved?.properties ?? {}),
      });
    }
  }
  return operations;
}

/** A valid-looking body for the operations we know, to mutate one field at a time. */
function template(op: Operation): Record<string, unknown> {
  if (op.path.endsWith('/meetings') && op.method === 'POST') {
    return {
      kind: 'booking',
      title: 'Fuzz',
      startTime: distinctFuture(9), // a new time for each body: the host is never booked twice at once
      durationMinutes: 30,
      timezone: 'UTC',
      location: { type: 'in_person', address: 'A 1' },
      attendeeEmails: ['a@example.com'],
    };
  }
  if (op.path.endsWith('/reschedule')) return { startTime: distinctFuture(10), durationMinutes: 45 };
  if (op.path.endsWith('/registrations')) return { email: 'guest@example.com', name: 'Guest' };
  if (op.path.endsWith('/members')) return { email: 'someone@example.com', role: 'member' };
  if (op.path.endsWith('/ecosystems')) return { name: 'Another' };
  if (op.path.endsWith('/auth/signup')) return { name: 'Newcomer', email: 'new@example.com' };
  if (op.path.endsWith('/auth/password-reset')) return { email: 'hana@example.com' };
  if (op.path.endsWith('/auth/confirm') || op.path.endsWith('/password-reset/confirm'))
    return Object.fromEntries(
      op.bodyKeys.map((k) => [k, k === 'token' ? 'A'.repeat(43) : k === 'name' ? 'Newcomer' : 'a long password']),
    );
  if (op.path.endsWith('/auth/password')) return { currentPassword: 'not it', newPassword: 'a long password' };
  return Object.fromEntries(op.bodyKeys.map((k) => [k, 'x']));
}

function bodyFor(op: Operation): fc.Arbitrary<{ raw: string | undefined; contentType: string }> {
  const keys = op.bodyKeys.length ? op.bodyKeys : ['x'];
  const mutated = fc
    .tuple(
      fc.constantFrom(...keys),
      hostileValue,
      fc.boolean(),
      fc.option(fc.tuple(hostileString, hostileValue), { nil: undefined }),
    )
    .map(([key, value, drop, extra]) => {
      const body: Record<string, unknown> = { ...template(op) };
      if (drop) delete body[key];
      else body[key] = value;
      if (key === 'location' && !drop && typeof value === 'string') body['location'] = { type: 'link', url: value };
      if (extra) body[extra[0]] = extra[1];
      return JSON.stringify(body);
    });
  // Valid except that every free-text field carries hostile text: these get stored, then rendered.
  const TEXT_FIELDS = ['title', 'description', 'name', 'address'];
  const textual = fc
    .array(
      hostileString.filter((v) => v.trim().length > 0 && v.length <= 200 && !v.includes('\u0000')),
      { minLength: 4, maxLength: 4 },
    )
    .map((texts) => {
      const body: Record<string, unknown> = { ...template(op) };
      TEXT_FIELDS.forEach((field, i) => {
        if (field in body) body[field] = texts[i];
      });
      if (body['location'] && (body['location'] as { type: string }).type === 'in_person')
        body['location'] = { type: 'in_person', address: texts[3] };
      if ('description' in body || op.path.endsWith('/meetings')) body['description'] = texts[1];
      return JSON.stringify(body);
    });
  const randomObject = fc
    .record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] })
    .map((o) => JSON.stringify(o));
  const wrongType = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('{"title":', 'null', '[]', '"x"', '{"__proto__":{"admin":true}}', '\u0000', ''),
  );
  return fc.oneof(
    { weight: 5, arbitrary: mutated.map((raw) => ({ raw, contentType: 'application/json' })) },
    { weight: 3, arbitrary: textual.map((raw) => ({ raw, contentType: 'application/json' })) },
    { weight: 2, arbitrary: randomObject.map((raw) => ({ raw, contentType: 'application/json' })) },
    { weight: 1, arbitrary: wrongType.map((raw) => ({ raw, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('text/plain', 'application/xml', '')
        .map((contentType) => ({ raw: '{"a":1}', contentType })),
    },
  );
}

const RUNS_PER_OPERATION: Record<string, number> = {
  'POST /api/ecosystems/{ecosystemId}/meetings': 500,
  'POST /api/meetings/{meetingId}/reschedule': 150,
  'POST /api/meetings/{meetingId}/registrations': 120,
  // Each may check or hash a password (scrypt, 32 MiB): kept few.
  'POST /api/auth/signup': 25,
  'POST /api/auth/confirm': 25,
  'POST /api/auth/login': 25,
  'POST /api/auth/password': 25,
  'POST /api/auth/password-reset': 25,
  'POST /api/auth/password-reset/confirm': 25,
};

test('every JSON API operation: hostile bodies and path values never cause a 5xx, errors keep their shape, 4xx stores nothing', async () => {
  const operations = await apiOperations();
  assert.ok(operations.length >= 10, `${operations.length} operations in the OpenAPI document`);
  for (const op of operations) {
    const key = `${op.method} ${op.path}`;
    const anonymous = op.path.startsWith('/api/auth/');
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const pathArb = fc
      .tuple(...params.map((p) => idValue(p)))
      .map((values) => values.reduce<string>((p, v, i) => p.replace(`{${params[i]}}`, encodePath(v)), op.path));
    const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
    await fc.assert(
      fc.asyncProperty(
        params.length ? pathArb : fc.constant(op.path),
        hasBody ? bodyFor(op) : fc.constant({ raw: undefined, contentType: '' }),
        async (path, body) => {
          const client = anonymous ? new CountingClient(t.app) : host;
          const before = STATE_CHANGING.has(op.method) ? await rowCounts() : undefined;
          const response = await client.request(path, {
            method: op.method,
            headers: {
              origin: 'http://localhost:3000',
              ...(body.contentType ? { 'content-type': body.contentType } : {}),
            },
            ...(body.raw === undefined ? {} : { body: body.raw }),
          });
          const created = response.status === 201 && op.path.endsWith('/meetings') ? response.clone() : undefined;
          await check(`${key} ${path} ${body.raw?.slice(0, 200)}`, op.method, response, before, true);
          if (created) meetingIds.push(((await created.json()) as { id: string }).id);
        },
      ),
      {
        numRuns: RUNS_PER_OPERATION[key] ?? 40,
        seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
        endOnFailure: true,
      },
    );
  }
});

interface FormRoute {
  path: () => fc.Arbitrary<string>;
  fields: Record<string, string>;
  runs: number;
  anonymous?: boolean;
}

test('every HTML form: hostile fields never cause a 5xx, pages escape what they echo, 4xx stores nothing', async () => {
  const local = (d: number) => new Date(distinctFuture(d)).toISOString().slice(0, 16);
  const forms: FormRoute[] = [
    {
      path: () => fc.constant('/signin'),
      fields: { email: 'a@example.com', password: 'x', next: '/ecosystems' },
      runs: 25,
      anonymous: true,
    },
    {
      path: () => fc.constant('/signup'),
      fields: { name: 'N', email: 'n@example.com' },
      runs: 25,
      anonymous: true,
    },
    {
      path: () => fc.constant('/signup/confirm'),
      fields: { token: 'A'.repeat(43), password: 'long enough pw', name: 'N' },
      runs: 25,
      anonymous: true,
    },
    { path: () => fc.constant('/password-reset'), fields: { email: 'hana@example.com' }, runs: 25, anonymous: true },
    {
      path: () => fc.constant('/password-reset/confirm'),
      fields: { token: 'A'.repeat(43), password: 'long enough pw' },
      runs: 25,
      anonymous: true,
    },
    {
      path: () => fc.constant('/account/password'),
      fields: { currentPassword: 'not the password', newPassword: 'another long password' },
      runs: 25,
    },
    // Signed out (it would end the suite's own session): the sign-in redirect, whatever the body.
    { path: () => fc.constant('/account/signout-everywhere'), fields: {}, runs: 10, anonymous: true },
    { path: () => fc.constant('/ecosystems'), fields: { name: 'E' }, runs: 60 },
    {
      path: () => idValue().map((id) => `/ecosystems/${encodePath(id)}/members`),
      fields: { email: 'm@example.com', role: 'member' },
      runs: 60,
    },
    {
      path: () =>
        fc.oneof(
          fc.constant(`/ecosystems/${ecoId}/lets-meet/new`),
          idValue().map((id) => `/ecosystems/${encodePath(id)}/lets-meet/new`),
        ),
      fields: {
        kind: 'booking',
        title: 'T',
        description: '',
        startLocal: local(6),
        timezone: 'Europe/Helsinki',
        durationMinutes: '30',
        hostUserId: '',
        locationType: 'in_person',
        address: 'A 1',
        url: '',
        attendees: 'a@example.com',
      },
      runs: 300,
    },
    {
      path: () => idValue().map((id) => `/meetings/${encodePath(id)}/reschedule`),
      fields: { startLocal: local(8), durationMinutes: '40' },
      runs: 100,
    },
    {
      path: () => idValue().map((id) => `/meetings/${encodePath(id)}/registrations`),
      fields: { email: 'r@example.com', name: 'R' },
      runs: 100,
    },
    { path: () => idValue().map((id) => `/meetings/${encodePath(id)}/cancel`), fields: {}, runs: 40 },
    { path: () => fc.constant('/integrations/zoom/disconnect'), fields: { returnTo: '/ecosystems' }, runs: 40 },
  ];
  const csrf = await host.csrfToken('/ecosystems');
  for (const form of forms) {
    const keys = Object.keys(form.fields).length ? Object.keys(form.fields) : ['x'];
    const fieldsArb = fc
      .tuple(
        fc.subarray(keys, { minLength: 1 }),
        fc.array(hostileString, { minLength: keys.length, maxLength: keys.length }),
        fc.boolean(),
        fc.option(hostileString, { nil: undefined }),
      )
      .map(([changed, values, drop, extra]) => {
        const fields: Record<string, string> = { ...form.fields };
        changed.forEach((k, i) => {
          if (drop && i === 0) delete fields[k];
          else fields[k] = values[i]!;
        });
        if (extra !== undefined) fields[extra || 'extra'] = extra;
        return fields;
      });
    await fc.assert(
      fc.asyncProperty(form.path(), fieldsArb, async (path, fields) => {
        const client = form.anonymous ? new CountingClient(t.app) : host;
        const token = form.anonymous ? await client.csrfToken('/signin') : csrf;
        const before = await rowCounts();
        const response = await client.form(path, fields, token);
        await check(`form ${path} ${JSON.stringify(fields).slice(0, 200)}`, 'POST', response, before, false);
      }),
      { numRuns: form.runs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    );
  }
});

test('the Zoom webhook: unsigned, wrongly signed and signed hostile bodies never cause a 5xx', async () => {
  const secret = t.emulator!.webhookSecret;
  const bodyArb = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .record({
        event: fc.oneof(
          fc.constantFrom('app_deauthorized', 'endpoint.url_validation', 'meeting.started'),
          hostileString,
        ),
        event_ts: hostileValue,
        payload: fc.dictionary(
          fc.constantFrom('user_id', 'account_id', 'plainToken', 'deauthorization_time', 'client_id'),
          hostileValue,
        ),
      })
      .map((o) => JSON.stringify(o)),
    hostileString,
  );
  await fc.assert(
    fc.asyncProperty(bodyArb, fc.constantFrom('signed', 'unsigned', 'wrong'), async (raw, signing) => {
      const ts = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (signing !== 'unsigned') {
        headers['x-zm-request-timestamp'] = ts;
        headers['x-zm-signature'] = signWebhook(signing === 'signed' ? secret : 'not-the-secret', ts, raw);
      }
      const before = await rowCounts();
      const response = await host.request('/integrations/zoom/webhook', { method: 'POST', headers, body: raw });
      await check(`webhook ${signing} ${raw.slice(0, 200)}`, 'POST', response, before, true);
    }),
    { numRuns: 150, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
  );
});

test('after the storm: every page and mail shows user text escaped, every invite has one event and no injected line, and ≥2,000 requests were sent', async () => {
  const summary = [...seen.statuses]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  process.stdout.write(`# fuzz: ${requests} requests, ${meetingIds.length} records created, statuses ${summary}\n`);
  await t.queue.runDueJobs();
  const pages = [
    `/ecosystems`,
    `/ecosystems/${ecoId}/lets-meet`,
    `/ecosystems/${ecoId}/lets-meet/manage`,
    ...meetingIds.slice(0, 200).map((id) => `/meetings/${id}`),
  ];
  for (const page of pages) {
    const response = await host.get(page);
    assert.equal(response.status, 200, page);
    assertEscaped(page, await response.text());
  }
  const mails = await t.deps.database.db.query<{ subject: string; html_body: string; ics: string | null }>(
    sql`SELECT subject, html_body, ics FROM mail_messages`,
  );
  assert.ok(mails.length >= 10, `${mails.length} mails`);
  for (const mail of mails) {
    assertEscaped(`mail ${mail.subject}`, mail.html_body);
    if (!mail.ics) continue;
    const lines = mail.ics.split('\r\n');
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1, mail.ics);
    assert.ok(!lines.some((l) => l.startsWith(ICS_LINE)), `an ICS line was injected:\n${mail.ics}`);
  }
  assert.ok(requests >= 2000, `${requests} requests`);
  assert.ok(![...seen.statuses.keys()].some((s) => s >= 500));
});
