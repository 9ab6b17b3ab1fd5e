/**
 * Booking a host in the reader's language (docs/product.md §12.5, §15): a Finnish member's hosts
 * list, a host's week of free times and the confirm step are Finnish — lang="fi", Finnish words,
 * dates and weekdays as Finnish writes them, every time in the member's own zone with the zone
 * named — and a Swedish host's availability form, its field errors and its preview are Swedish.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../../src/db/orm.ts';
import { users } from '../../src/db/schema.ts';
import { Client, createTestApp, future, type TestApp } from '../helpers/testApp.ts';
import { inviteAndAccept, openAllWeek, seedMembers } from '../helpers/membership.ts';
import { availabilityForm, postPairs } from '../helpers/availabilityForm.ts';

let t: TestApp;
let admin: Client;
let host: Client;
let svHost: Client;
let fiMember: Client;
let ecoId: string;
let hostId: string;

const book = () => `/ecosystems/${ecoId}/lets-meet/book/${hostId}`;
const manage = () => `/ecosystems/${ecoId}/lets-meet/manage`;
/** Two weeks ahead, 09:00 UTC: a free time of a host open all week, past any notice. */
const start = future(14, 9);

async function setUser(email: string, change: { locale?: string; timezone?: string | null }): Promise<void> {
  await t.deps.database.db.update(users).set(change).where(eq(users.email, email));
}

/** The availability form of a host in Stockholm, open 09:00–11:00 every day for 30 minutes. */
const svAvailability = (overrides: Record<string, string | string[]> = {}) =>
  availabilityForm({ timezone: 'Europe/Stockholm', durations: '30', address: 'Mannerheimintie 1', ...overrides });

const postAvailability = (client: Client, pairs: [string, string][]) =>
  postPairs(client, `/ecosystems/${ecoId}/my-availability`, pairs, manage());

before(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  host = new Client(t.app);
  svHost = new Client(t.app);
  await admin.signUp('Ada Admin', 'ada@example.com');
  hostId = (await host.signUp('Hana Host', 'hana@example.com')).id;
  await svHost.signUp('Sara Värd', 'sara@example.com');
  ecoId = ((await (await admin.api('POST', '/api/ecosystems', { name: 'Demo Accelerator' })).json()) as { id: string })
    .id;
  await inviteAndAccept(admin, ecoId, host, 'hana@example.com', 'host');
  await inviteAndAccept(admin, ecoId, svHost, 'sara@example.com', 'host');
  await openAllWeek(host, ecoId);
  const placed = await host.api('PUT', `/api/ecosystems/${ecoId}/my-availability`, {
    location: { type: 'in_person', address: 'Lapinlahdenkatu 16' },
  });
  assert.equal(placed.status, 200, await placed.clone().text());
  const [member] = await seedMembers(t, undefined, ecoId, 1);
  fiMember = member!.client;
  await setUser(member!.email, { locale: 'fi', timezone: 'Europe/Helsinki' });
  await setUser('sara@example.com', { locale: 'sv' });
});
after(() => t.close());

test('a Finnish member’s hosts list on Lets Meet is Finnish', async () => {
  const page = await (await fiMember.get(`/ecosystems/${ecoId}/lets-meet`)).text();
  assert.match(page, /<html lang="fi"/);
  assert.match(page, /<h2 id="book-a-host-heading">Varaa isäntä<\/h2>/);
  assert.match(page, /Valitse isäntä, niin näet hänen vapaat aikansa omalla aikavyöhykkeelläsi\./);
  assert.match(page, /<strong>Hana Host<\/strong><br><span class="muted">15, 30, 45, 60, 90 tai 120 minuuttia ·/);
  assert.match(page, /Ei Zoom-kokousta/);
  assert.match(page, /Katso vapaat ajat<span class="visually-hidden"> – Hana Host<\/span>/);
  assert.doesNotMatch(page, /Book a host|See free times|No Zoom meeting| or 120 minutes/);
});

test('a host’s week of free times is Finnish, in the member’s own zone, named', async () => {
  const day = start.slice(0, 10);
  const page = await (await fiMember.get(`${book()}?week=${day}&duration=30`)).text();
  assert.match(page, /<html lang="fi"/);
  assert.match(page, /<h1>Varaa aika: Hana Host<\/h1>/);
  assert.match(page, /<strong>Missä:<\/strong> Paikan päällä: Lapinlahdenkatu 16/);
  assert.match(
    page,
    /Ajat näytetään omalla aikavyöhykkeelläsi <strong>Europe\/Helsinki<\/strong>\./,
    'the zone of the member’s account, said so',
  );
  assert.doesNotMatch(page, /bookingZone\.js/, 'a zone known from the account needs no guess from the browser');
  assert.match(page, /<option value="60" >60 minuuttia<\/option>/);
  assert.match(page, /<h2 id="week-heading">Viikko, joka alkaa maanantaina \d{1,2}\. [a-zäö]+kuuta \d{4}<\/h2>/);
  assert.match(page, /Kaikki alla olevat ajat ovat aikavyöhykkeellä Europe\/Helsinki\./);
  assert.match(page, /<h3 id="day-0">Maanantai \d{1,2}\. [a-zäö]+kuuta \d{4}<\/h3>/);
  assert.match(page, /<h3 id="day-6">Sunnuntai \d{1,2}\. [a-zäö]+kuuta \d{4}<\/h3>/);
  assert.match(page, /rel="next">Seuraava viikko →/);
  assert.match(page, /rel="prev">← Edellinen viikko/);
  assert.match(page, /<nav class="weeknav" aria-label="Viikot">/);
  // Finnish writes hours without a leading zero and with a dot: 12.00, not 12:00.
  const offset = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: 'numeric', hourCycle: 'h23' })
    .format(new Date(start))
    .replace(/\D/g, '');
  const slot = `${book()}/confirm?start=${encodeURIComponent(start)}&amp;duration=30&amp;tz=Europe%2FHelsinki`;
  const link = new RegExp(
    `href="${slot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}">${offset}\\.00<span class="visually-hidden">, [a-zäö]+na \\d{1,2}\\. [a-zäö]+kuuta \\d{4} \\(Europe/Helsinki\\), 30 minuuttia</span>`,
  );
  assert.match(page, link, 'the free time, with its day, zone and length for screen readers');
  assert.doesNotMatch(page, /Next week|Previous week|Every time below|Times are in|Show times|No free times/);
});

test('a Finnish member’s confirm step is Finnish, the time in their zone and the host’s, both named', async () => {
  const path = `${book()}/confirm?start=${encodeURIComponent(start)}&duration=30`;
  const page = await (await fiMember.get(path)).text();
  assert.match(page, /<html lang="fi"/);
  assert.match(page, /<h1>Vahvista varaus isännän Hana Host kanssa<\/h1>/);
  assert.match(
    page,
    /<strong>Milloin:<\/strong> [a-zäö]+na \d{1,2}\. [a-zäö]+kuuta \d{4} klo \d{1,2}\.00–\d{1,2}\.30 \(Europe\/Helsinki\)/,
  );
  assert.match(page, /Isännälle Hana Host: [a-zäö]+na \d{1,2}\. [a-zäö]+kuuta \d{4} klo 9\.00–9\.30 \(UTC\)/);
  assert.match(page, /<label>Otsikko <input name="title" required maxlength="200" value="Tapaaminen: Hana Host"/);
  assert.match(page, /Viesti isännälle Hana Host/);
  assert.match(page, /<button type="submit">Vahvista varaus<\/button><a href="[^"]+">Valitse toinen aika<\/a>/);
  assert.doesNotMatch(page, /Confirm your booking|Meeting with|When:|Choose another time/);

  const untitled = await fiMember.form(
    `${book()}/confirm`,
    { start, duration: '30', tz: 'Europe/Helsinki', title: '', note: '' },
    await fiMember.csrfToken(path),
  );
  assert.equal(untitled.status, 400);
  const refused = await untitled.text();
  assert.match(refused, /<html lang="fi"/);
  assert.match(refused, /Tarkista merkityt kentät\./);
  assert.match(refused, /name="title" required maxlength="200" value="" aria-invalid="true"/);
});

test('a Swedish host’s availability form, its errors and its preview are Swedish', async () => {
  const before = await (await svHost.get(manage())).text();
  assert.match(before, /<html lang="sv"/);
  assert.match(before, /<h2 id="availability-heading">Dina lediga tider för bokningar<\/h2>/);
  assert.match(before, /Ta emot bokningar i Demo Accelerator/);
  assert.match(before, /<legend>Veckotider<\/legend>/);
  assert.match(before, /<legend>Extra lediga tider<\/legend>/);
  assert.match(before, /<legend>Blockerade tider<\/legend>/);
  assert.match(before, /<legend>Var bokningarna äger rum<\/legend>/);
  assert.match(before, /<option value="mon" >Måndag<\/option>/);
  assert.match(before, /<option value="sun" >Söndag<\/option>/);
  assert.match(before, /<option value="weekdays" >Måndag till fredag<\/option>/);
  assert.match(before, /Minsta framförhållning/);
  assert.match(before, /<span class="visually-hidden"> \(tidsfönster 1\)<\/span>/);
  assert.match(before, /<button type="submit">Spara lediga tider<\/button>/);
  assert.match(before, /Du tar inte emot bokningar här nu/);
  assert.doesNotMatch(before, /Weekly hours|Blocked times|Monday|Save availability|You take no bookings/);

  const refused = await postAvailability(
    svHost,
    svAvailability({ weeklyDay: ['mon', '', ''], weeklyEnd: ['', '', ''], durations: 'trettio' }),
  );
  assert.equal(refused.status, 400);
  const errors = await refused.text();
  assert.match(errors, /id="weekly-0-error">välj en dag och båda tiderna, eller töm raden</);
  assert.match(errors, /id="durations-error">ange hela minuter, till exempel 30, 60</);
  assert.match(errors, /<h3 id="preview-heading">Dina närmaste lediga tider \(som sparat\)<\/h3>/);

  const saved = await postAvailability(svHost, svAvailability());
  assert.equal(saved.status, 303, await saved.clone().text());
  const page = await (await svHost.get(manage())).text();
  assert.match(page, /<option value="sun" selected>Söndag<\/option>/, '“Varje dag” is saved as one window per day');
  const preview = /<ol id="availability-preview">([\s\S]*?)<\/ol>/.exec(page)?.[1] ?? '';
  const items = preview.match(/<li>[^<]*<\/li>/g) ?? [];
  assert.equal(items.length, 10, 'the next 10 free times');
  const swedish =
    /^<li>(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) \d{1,2} [a-z]+ \d{4} kl\. (09|10)\.(00|30)–(09|10|11)\.(00|30) \(Europe\/Stockholm\)<\/li>$/;
  assert.ok(
    items.every((item) => swedish.test(item)),
    items.join('\n'),
  );
});
