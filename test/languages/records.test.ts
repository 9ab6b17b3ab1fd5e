/**
 * The record pages in the reader's language and time zone (docs/product.md §15): a Finnish host's
 * new-record form and record page (a booking and an event), a Swedish visitor's personal-link page,
 * and a reader whose own zone is New York seeing the record's time in New York time, named.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatWhen } from '../../src/i18n/formatting.ts';
import { Client, createTestApp, distinctFuture, type TestApp } from '../helpers/testApp.ts';
import { inviteAndAccept } from '../helpers/membership.ts';
import { respondTokenIn } from '../helpers/respondLinks.ts';

let t: TestApp;
let host: Client;
let reader: Client;
let ecoId = '';

const json = async <T>(response: Response, status: number): Promise<T> => {
  assert.equal(response.status, status, await response.clone().text());
  return (await response.json()) as T;
};

/** A page's HTML, after checking it answered 200. */
const page = async (response: Response): Promise<string> => {
  const body = await response.text();
  assert.equal(response.status, 200, body.slice(0, 2000));
  return body;
};

/** The text of the record page's "When" line. */
const whenLine = (body: string) => /<p><strong>[^<]+<\/strong> ([^<]+) <span class="muted">\(/.exec(body)?.[1];

/** A record Hana hosts, in Helsinki time, with `attendeeEmails` on it. */
async function newRecord(body: Record<string, unknown>) {
  return json<{ id: string; startTime: string; durationMinutes: number }>(
    await host.api('POST', `/api/ecosystems/${ecoId}/meetings`, {
      kind: 'booking',
      title: 'Pitch practice',
      startTime: distinctFuture(6),
      durationMinutes: 30,
      timezone: 'Europe/Helsinki',
      location: { type: 'in_person', address: 'Lapinlahdenkatu 16' },
      ...body,
    }),
    201,
  );
}

const respondToken = (meetingId: string, email: string) => respondTokenIn(t.deps.database.db, meetingId, email);

before(async () => {
  t = await createTestApp();
  host = new Client(t.app);
  await host.signUp('Hanna Isäntä', 'hanna@example.com');
  await json(await host.api('PUT', '/api/me', { locale: 'fi' }), 200);
  ecoId = (await json<{ id: string }>(await host.api('POST', '/api/ecosystems', { name: 'Kiihdyttämö' }), 201)).id;
  reader = new Client(t.app);
  await reader.signUp('Nora Reader', 'nora@example.com');
  await inviteAndAccept(host, ecoId, reader, 'nora@example.com', 'member');
});
after(() => t.close());

test('a Finnish host’s new-record forms are in Finnish, their kinds and choices too', async () => {
  const booking = await page(await host.get(`/ecosystems/${ecoId}/lets-meet/new?kind=booking`));
  assert.match(booking, /<html lang="fi"/);
  assert.match(booking, /<h1>Uusi varaus<\/h1>/);
  for (const text of [
    'Otsikko',
    'Päivä ja aika',
    'Aikavyöhyke',
    'Kesto (minuuttia, 5–600)',
    'Paikan päällä',
    'Tallenna',
  ])
    assert.ok(booking.includes(text), text);
  for (const english of ['New booking', 'Date and time', 'Location type', 'In person', '>Save<'])
    assert.ok(!booking.includes(english), english);
  const event = await page(await host.get(`/ecosystems/${ecoId}/lets-meet/new?kind=event`));
  assert.match(event, /<h1>Uusi verkkotapahtuma<\/h1>/);
  assert.match(event, /Paikat ja ilmoittautuminen/);
  assert.match(event, /Järjestäjä/);
  // A refused form says why in Finnish, next to the field.
  const refused = await host.form(
    `/ecosystems/${ecoId}/lets-meet/new`,
    { kind: 'booking', title: 'Ilman aikaa', startLocal: '', timezone: 'Europe/Helsinki', durationMinutes: '30' },
    await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`),
  );
  assert.equal(refused.status, 400);
  assert.match(await refused.text(), /<p class="field-error" id="startLocal-error">valitse päivä ja aika<\/p>/);
});

test('a Finnish host’s record page: Finnish texts, the time written the Finnish way with its zone named', async () => {
  const record = await newRecord({ attendeeEmails: ['aino@example.com'] });
  const body = await page(await host.get(`/meetings/${record.id}`));
  assert.match(body, /<html lang="fi"/);
  const expected = formatWhen('fi', new Date(record.startTime), 30, 'Europe/Helsinki');
  assert.match(expected, /klo \d{1,2}\.\d{2}–\d{1,2}\.\d{2} \(Europe\/Helsinki\)$/);
  assert.equal(whenLine(body), expected);
  for (const text of ['Aika:', 'Isäntä:', 'Paikka:', 'Osallistujat', 'Siirrä', 'Peru tämä varaus', '>Varaus<'])
    assert.ok(body.includes(text), text);
  for (const english of ['When:', 'Attendees', 'Reschedule', 'Cancel this booking'])
    assert.ok(!body.includes(english), english);
});

test('a Finnish host’s event page counts seats and the waitlist in Finnish', async () => {
  const record = await newRecord({ kind: 'event', title: 'Työpaja', capacity: 5, durationMinutes: 60 });
  const body = await page(await host.get(`/meetings/${record.id}`));
  assert.match(body, /<html lang="fi"/);
  assert.match(body, /<span class="pill">Verkkotapahtuma<\/span>/);
  assert.match(body, /<h2>Ilmoittautuneet<\/h2>/);
  assert.match(body, /5\/5 paikkaa vapaana · 0 jonotuslistalla\./);
  assert.match(body, /Ilmoita joku/);
  assert.match(body, /Peru tämä tapahtuma/);
  assert.equal(whenLine(body), formatWhen('fi', new Date(record.startTime), 60, 'Europe/Helsinki'));
});

test('a Swedish visitor’s personal link page is in Swedish, and so is its answer', async () => {
  const record = await newRecord({ kind: 'mentorship', title: 'Mentorstimme', attendeeEmails: ['sven@example.com'] });
  const token = await respondToken(record.id, 'sven@example.com');
  const visitor = new Client(t.app);
  const swedish = { 'accept-language': 'sv-FI,sv;q=0.9,en;q=0.5' };
  const body = await page(await visitor.request(`/respond/${token}`, { headers: swedish }));
  assert.match(body, /<html lang="sv"/);
  assert.match(body, /<h1>Kan du inte komma\?<\/h1>/);
  assert.match(body, /en mentorsträff med Hanna Isäntä/);
  assert.match(body, /Länken skickades till sven@example\.com\./);
  assert.ok(body.includes(formatWhen('sv', new Date(record.startTime), 30, 'Europe/Helsinki')));
  assert.match(body, /kl\. \d{2}\.\d{2}–\d{2}\.\d{2} \(Europe\/Helsinki\)/);
  assert.match(body, /Jag kan inte komma<\/button>/);
  assert.ok(!body.includes('Can’t make it'));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  const done = await visitor.request(`/respond/${token}`, {
    method: 'POST',
    headers: { ...swedish, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, action: 'decline', reason: 'Sjuk' }).toString(),
  });
  const answer = await page(done);
  assert.match(answer, /<h1>Klart<\/h1>/);
  assert.match(answer, /Du har tackat nej\./);
  // Used: the link is gone, said in Swedish.
  const gone = await visitor.request(`/respond/${token}`, { headers: swedish });
  assert.equal(gone.status, 404);
  assert.match(await gone.text(), /Den här länken gäller inte längre/);
});

test('a reader whose own zone is New York sees the record’s time in New York time, named, with UTC', async () => {
  await json(await reader.api('PUT', '/api/me', { timezone: 'America/New_York' }), 200);
  const record = await newRecord({ title: 'Across the Atlantic', attendeeEmails: ['nora@example.com'] });
  const body = await page(await reader.get(`/meetings/${record.id}`));
  assert.match(body, /<html lang="en"/);
  const start = new Date(record.startTime);
  assert.equal(whenLine(body), formatWhen('en', start, 30, 'America/New_York'));
  assert.match(whenLine(body) ?? '', /\(America\/New_York\)$/);
  assert.ok(body.includes(`(${start.toISOString().replace('T', ' ').slice(0, 16)} UTC)`));
  // The host, with no zone of their own, reads the record's.
  assert.equal(
    whenLine(await page(await host.get(`/meetings/${record.id}`))),
    formatWhen('fi', start, 30, 'Europe/Helsinki'),
  );
});
