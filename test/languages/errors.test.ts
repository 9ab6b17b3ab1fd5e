/**
 * Every error message in the reader's language (docs/product.md §15), its code English:
 * - every error code the source can answer with has its message in the errors catalogue (a scan
 *   of src/, so a new code without a message fails here), and each catalogue text is found again
 *   from its English (which is how an error thrown with plain English is translated);
 * - JSON errors come back Finnish for `Accept-Language: fi` and Swedish for a Swedish user — a
 *   404, a 400 naming a field, a 409 `host_busy`, a 403 — with the same codes, and an English
 *   reader's messages are the English they always were; an error page is in the reader's language.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { eq } from '../../src/db/orm.ts';
import { users } from '../../src/db/schema.ts';
import { catalogues } from '../../src/i18n/i18n.ts';
import { AppError, type ErrorKey, errorMessage } from '../../src/errors.ts';
import { errorTextIn, keyOfEnglish } from '../../src/web/errorText.ts';
import { Client, createTestApp, future, type TestApp } from '../helpers/testApp.ts';
import { inviteAndAccept, openAllWeek } from '../helpers/membership.ts';

const ROOT = join(import.meta.dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// Every code has its message

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The arguments of the call whose `(` is at `open`, as source text (nested brackets kept whole). */
function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | undefined;
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) {
      depth--;
      if (depth === 0) {
        args.push(source.slice(start, i));
        return args.map((a) => a.trim()).filter(Boolean);
      }
    } else if (ch === ',' && depth === 1) {
      args.push(source.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

const literals = (text: string | undefined) => [...(text ?? '').matchAll(/'([a-z][a-z_]*)'/g)].map((m) => m[1]!);

/** Codes in a code's place: an error's first argument, a 429's third, a refusal's second, `code: '…'`. */
const CODE_FIRST = /\bnew (AppError|ForbiddenError|ConflictError|UnprocessableError|SlotRefusedError)\s*\(/g;
const CODE_THIRD = /\bnew TooManyRequestsError\s*\(/g;
const CODE_SECOND = /\brefusal\s*\(/g;
const SIMPLE = [
  // Not a type's list of codes (`code: 'a' | 'b'`, an internal error's kinds).
  /\bcode:\s*'([a-z][a-z_]*)'(?!\s*\|)/g,
  // A default in a parameter list (`code = 'too_many_attempts'`); not an internal Error's field.
  /[(,]\s*code\s*=\s*'([a-z][a-z_]*)'/g,
  /\bsuper\(\s*'([a-z][a-z_]*)'/g,
  /\.code\s*\?\?\s*'([a-z][a-z_]*)'/g,
  /\bsuper\([^()]*,\s*'([a-z][a-z_]*)'\s*\)/g,
];
/** `code: '…'` that names no error: zod's kind of issue, and a record's warning (not an error). */
const NOT_ERROR_CODES = new Set(['custom', 'meeting_length_limit']);

function codesThrown(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    const add = (code: string) => {
      if (!NOT_ERROR_CODES.has(code) && !found.has(code)) found.set(code, where);
    };
    for (const pattern of SIMPLE) for (const m of source.matchAll(pattern)) add(m[1]!);
    for (const [pattern, index] of [
      [CODE_FIRST, 0],
      [CODE_SECOND, 1],
      [CODE_THIRD, 2],
    ] as const) {
      for (const m of source.matchAll(pattern)) {
        const args = callArguments(source, m.index + m[0].length - 1);
        for (const code of literals(args[index])) add(code);
      }
    }
  }
  return found;
}

describe('every error code has its message', () => {
  const codes = codesThrown();
  const english = catalogues.en.errors.codes as Record<string, string>;

  test('the scan finds the codes of every way errors are made', () => {
    for (const code of [
      'not_found',
      'invalid_input',
      'unauthenticated',
      'csrf_failed',
      'payload_too_large',
      'invalid_json',
      'bad_request',
      'internal_error',
      'host_busy',
      'slot_not_available',
      'host_booking_limit',
      'mail_quota',
      'busy',
      'too_many_attempts',
      'not_admin',
      'zoom_not_allowed_by_host',
      'zoom_needs_reconnect',
      'link_not_found',
      'duration_not_offered',
    ])
      assert.ok(codes.has(code), `the scan misses ${code}`);
  });

  test('each code the source answers with has a message in every language', () => {
    const missing = [...codes].filter(([code]) => !(code in english)).map(([code, file]) => `${code} (${file})`);
    assert.deepEqual(missing, [], 'add these to errors.codes in src/i18n/catalogues/{en,fi,sv}/errors.ts');
    for (const locale of ['fi', 'sv'] as const) {
      const texts = catalogues[locale].errors.codes as Record<string, string>;
      for (const code of codes.keys()) assert.ok(texts[code]?.trim(), `${locale}: ${code}`);
    }
  });

  test("a code's own message stands alone: it names no value (it stands in when nothing else is known)", () => {
    for (const [code, text] of Object.entries(english)) assert.doesNotMatch(text, /\{\{/, code);
  });

  test('each English error text is found again from its English, with its values', () => {
    const flat = (node: object, prefix = ''): [string, string][] =>
      Object.entries(node).flatMap(([k, v]): [string, string][] =>
        typeof v === 'string' ? [[`${prefix}${k}`, v]] : flat(v as object, `${prefix}${k}.`),
      );
    for (const [path, text] of flat(catalogues.en.errors)) {
      const key = path.replace(/_(one|other)$/, '');
      const count = path.endsWith('_one') ? 1 : 7;
      const english = text.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
        name === 'count' ? String(count) : `«${name}»`,
      );
      const found = keyOfEnglish(english);
      assert.ok(found, `${path}: not found from its English`);
      // Its own key, or one whose English is the very same text with the same values.
      if (found.key !== key) assert.equal(errorMessage(found), english, `${path}: found ${found.key}`);
      else assert.deepEqual(found.params ?? {}, paramsOf(text, count), path);
    }
  });
});

/** Where each error class takes its message. */
const MESSAGE_AT: Record<string, number> = {
  AppError: 1,
  ForbiddenError: 1,
  ConflictError: 1,
  UnprocessableError: 1,
  SlotRefusedError: 1,
  ValidationError: 0,
  UnauthenticatedError: 0,
  TooManyRequestsError: 0,
  ServiceBusyError: 0,
  MailQuotaError: 0,
};
/** Zoom's servers read these (webhook answers), and start-up reads config: not people's messages. */
const NOT_FOR_PEOPLE = new Set(['src/web/zoom/webhookRoute.ts', 'src/config.ts']);
/** What an interpolation may stand for in an English message: a number, minutes, a status, an action. */
const SAMPLES = ['7', '7 minutes', 'declined', 'expired', 'scheduled', 'cancelled', 'decline', 'unregister'];

/** The English messages the source writes out itself (a string or template literal), by file. */
function englishMessagesThrown(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const literal = (arg: string | undefined) => /^(['`])([\s\S]*)\1$/.exec(arg ?? '')?.[2];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const where = relative(ROOT, file);
    if (NOT_FOR_PEOPLE.has(where)) continue;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\bnew (\w+Error)\s*\(/g)) {
      const at = MESSAGE_AT[m[1]!];
      if (at === undefined) continue;
      const args = callArguments(source, m.index + m[0].length - 1);
      const message = args[at] ?? '';
      // A catalogue key and values: nothing to find.
      if (message.startsWith('{')) continue;
      // A conditional message: each of its literals.
      for (const part of message.split(/\s[?:]\s/)) {
        const text = literal(part.trim());
        if (text) out.push({ file: where, text });
      }
    }
    // A refusal or readiness written as an object, an input check's own message: `message: '…'`.
    for (const m of source.matchAll(/\bmessage:\s*(['`])((?:\\.|(?!\1)[\s\S])*?)\1/g))
      out.push({ file: where, text: m[2]! });
  }
  return out;
}

test('every English message the source writes out is in the catalogue (so it is translated, with its values)', () => {
  const thrown = englishMessagesThrown();
  assert.ok(thrown.length > 10, 'the scan finds the messages');
  const missing = thrown.filter(({ text }) => {
    // Made of values only (`${field}: ${issue.message}`: an input check's, worded from its issues).
    if (!/[a-z]{2}/i.test(text.replace(/\$\{[^}]*\}/g, ''))) return false;
    if (!text.includes('${')) return !keyOfEnglish(text.replace(/\\(.)/g, '$1'));
    return !SAMPLES.some((sample) => keyOfEnglish(text.replace(/\$\{[^}]*\}/g, sample)));
  });
  assert.deepEqual(
    missing.map(({ file, text }) => `${file}: ${text}`),
    [],
    'add these texts to src/i18n/catalogues/{en,fi,sv}/errors.ts (or throw with their catalogue key)',
  );
});

function paramsOf(text: string, count: number): Record<string, string | number> {
  return Object.fromEntries(
    [...text.matchAll(/\{\{(\w+)\}\}/g)].map(([, name]) => [name!, name === 'count' ? count : `«${name}»`]),
  );
}

test('an error made with plain English is translated: its values are kept, its code decides when nothing matches', () => {
  const registered = new AppError('already_registered', 'ann@example.com is already registered.', 409);
  assert.equal(errorTextIn('fi', registered), 'ann@example.com on jo ilmoittautunut.');
  assert.equal(errorTextIn('sv', registered), 'ann@example.com är redan anmäld.');
  assert.equal(errorTextIn('en', registered), 'ann@example.com is already registered.');
  const unknown = new AppError('not_allowed', 'Some new English refusal.', 403);
  assert.equal(errorTextIn('fi', unknown), catalogues.fi.errors.codes.not_allowed);
  const key: ErrorKey = 'codes.host_busy';
  assert.equal(errorTextIn('sv', new AppError('host_busy', { key }, 409)), catalogues.sv.errors.codes.host_busy);
});

// ---------------------------------------------------------------------------------------------
// Over HTTP

interface ErrorJson {
  error: { code: string; message: string; field?: string };
}

let t: TestApp;
let admin: Client;
let host: Client;
let svMember: Client;
let enMember: Client;
let visitor: Client;
let ecosystemId: string;
let hostId: string;

before(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  host = new Client(t.app);
  svMember = new Client(t.app);
  enMember = new Client(t.app);
  visitor = new Client(t.app);
  await admin.signUp('Admin', 'admin@example.com');
  hostId = (await host.signUp('Host', 'host@example.com')).id;
  await svMember.signUp('Sara', 'sara@example.com');
  await enMember.signUp('Emma', 'emma@example.com');
  const eco = await admin.api('POST', '/api/ecosystems', { name: 'Accelerator' });
  ecosystemId = ((await eco.json()) as { id: string }).id;
  await inviteAndAccept(admin, ecosystemId, host, 'host@example.com', 'host');
  await inviteAndAccept(admin, ecosystemId, svMember, 'sara@example.com', 'member');
  await inviteAndAccept(admin, ecosystemId, enMember, 'emma@example.com', 'member');
  await openAllWeek(host, ecosystemId);
  await t.deps.database.db.update(users).set({ locale: 'sv' }).where(eq(users.email, 'sara@example.com'));
  await t.deps.database.db.update(users).set({ locale: 'en' }).where(eq(users.email, 'emma@example.com'));
});
after(() => t.close());

async function errorOf(response: Response, status: number): Promise<ErrorJson['error']> {
  const body = (await response.json()) as ErrorJson;
  assert.equal(response.status, status, JSON.stringify(body));
  return body.error;
}

let hours = 0;
const nextStart = () => new Date(Date.parse(future(4)) + ++hours * 3_600_000).toISOString();
const booking = (startTime: string, durationMinutes = 30) => ({
  kind: 'booking',
  title: 'Intro call',
  startTime,
  durationMinutes,
  timezone: 'Europe/Helsinki',
  hostUserId: hostId,
  location: { type: 'in_person', address: 'Lapinlahdenkatu 16, Helsinki' },
});

describe('a visitor whose browser asks for Finnish', () => {
  const fi = { 'accept-language': 'fi-FI,fi;q=0.9,en;q=0.5' };

  test('a 404 and a 401 answer in Finnish, their codes English', async () => {
    const missing = await errorOf(await visitor.api('GET', '/api/no-such-thing', undefined, fi), 404);
    assert.deepEqual(missing, { code: 'not_found', message: 'Sivua ei löytynyt.' });
    const signedOut = await errorOf(await visitor.api('GET', '/api/me', undefined, fi), 401);
    assert.deepEqual(signedOut, { code: 'unauthenticated', message: 'Kirjaudu ensin sisään.' });
  });

  test('a 400 names the field, its message in Finnish', async () => {
    const error = await errorOf(
      await visitor.api('POST', '/api/auth/signup', { name: 'Aino', email: 'not an email' }, fi),
      400,
    );
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.field, 'email');
    assert.match(error.message, /^email: on oltava sähköpostiosoite/);
  });

  test('an error page is Finnish too', async () => {
    const response = await visitor.request('/no-such-page', { headers: { ...fi, accept: 'text/html' } });
    assert.equal(response.status, 404);
    const page = await response.text();
    assert.match(page, /Sivua ei löytynyt\./);
    assert.match(page, /<html lang="fi"/);
  });
});

describe('a Swedish user', () => {
  test('a 404 is Swedish, whatever the browser asks for', async () => {
    const error = await errorOf(
      await svMember.api('GET', `/api/meetings/${randomUUID()}`, undefined, { 'accept-language': 'en' }),
      404,
    );
    assert.deepEqual(error, { code: 'not_found', message: 'Mötet finns inte.' });
  });

  test('a 400 names the field, its message in Swedish', async () => {
    const error = await errorOf(
      await svMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, booking(nextStart(), 3)),
      400,
    );
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.field, 'durationMinutes');
    assert.equal(error.message, 'durationMinutes: måste vara minst 5 minuter');
  });

  test('a 409 host_busy is Swedish', async () => {
    const start = nextStart();
    const first = await enMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, booking(start));
    assert.equal(first.status, 201, await first.clone().text());
    const error = await errorOf(
      await svMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, booking(start)),
      409,
    );
    assert.equal(error.code, 'host_busy');
    assert.equal(error.message, 'Värden är upptagen då. Välj en annan tid.');
    assert.equal(error.field, 'startTime');
  });

  test('a 403 is Swedish', async () => {
    const error = await errorOf(
      await svMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, { ...booking(nextStart()), kind: 'event' }),
      403,
    );
    assert.deepEqual(error, {
      code: 'not_host',
      message: 'Bara värdar och administratörer kan skapa mentorsträffar och evenemang.',
    });
  });
});

describe('an English reader gets the English messages as they always were', () => {
  test('404, 400, 409 and 403', async () => {
    assert.deepEqual(await errorOf(await enMember.api('GET', `/api/meetings/${randomUUID()}`), 404), {
      code: 'not_found',
      message: 'No such meeting.',
    });
    const invalid = await errorOf(
      await enMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, booking(nextStart(), 3)),
      400,
    );
    assert.equal(invalid.message, 'durationMinutes: must be at least 5 minutes');
    const start = nextStart();
    assert.equal((await enMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, booking(start))).status, 201);
    const busy = await errorOf(
      await enMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, booking(start)),
      409,
    );
    assert.equal(busy.message, 'The host is busy at that time. Choose another time.');
    const refused = await errorOf(
      await enMember.api('POST', `/api/ecosystems/${ecosystemId}/meetings`, { ...booking(nextStart()), kind: 'event' }),
      403,
    );
    assert.equal(refused.message, 'Only hosts and admins can create mentorship sessions and events.');
    const signedOut = await errorOf(await visitor.api('GET', '/api/me'), 401);
    assert.equal(signedOut.message, 'Sign in first.');
  });
});
