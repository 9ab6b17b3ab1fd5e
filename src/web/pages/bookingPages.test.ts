/**
 * Lets Meet's availability and booking pages (docs/product.md §12.5) as people use them: the host
 * opens free times with the form on Manage and sees the preview; a refused form keeps the input,
 * marks the field and stores nothing; a member sees a week of free slots in their own zone, picks
 * one, confirms with a title and a note and lands on the record; a slot taken in the meantime says
 * so and offers the next free ones.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from '../../db/orm.ts';
import { meetings } from '../../db/schema.ts';
import { Client, createTestApp, type TestApp } from '../../../test/helpers/testApp.ts';
import { inviteAndAccept } from '../../../test/helpers/membership.ts';
import { availabilityForm, postPairs } from '../../../test/helpers/availabilityForm.ts';

const DAY = 86_400_000;

let t: TestApp;
let admin: Client;
let host: Client;
let member: Client;
let other: Client;
let ecoId: string;
let hostId: string;

const manage = () => `/ecosystems/${ecoId}/lets-meet/manage`;
const book = () => `/ecosystems/${ecoId}/lets-meet/book/${hostId}`;
/** A day two weeks ahead (YYYY-MM-DD): its whole week is inside the horizon and past any notice. */
const day = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
const at = (time: string) => `${day}T${time}:00.000Z`;

const myAvailability = async () =>
  (await host.api('GET', `/api/ecosystems/${ecoId}/my-availability`)).json() as Promise<Record<string, unknown>>;

before(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  host = new Client(t.app);
  member = new Client(t.app);
  other = new Client(t.app);
  await admin.signUp('Ada Admin', 'ada@example.com');
  hostId = (await host.signUp('Hana Host', 'hana@example.com')).id;
  await member.signUp('Mika Member', 'mika@example.com');
  await other.signUp('Milo Member', 'milo@example.com');
  ecoId = ((await (await admin.api('POST', '/api/ecosystems', { name: 'Demo Accelerator' })).json()) as { id: string })
    .id;
  await inviteAndAccept(admin, ecoId, host, 'hana@example.com', 'host');
  await inviteAndAccept(admin, ecoId, member, 'mika@example.com', 'member');
  await inviteAndAccept(admin, ecoId, other, 'milo@example.com', 'member');
});
after(() => t.close());

test('the host opens free times with the form on Manage and sees the next free slots in their zone', async () => {
  const before = await (await host.get(manage())).text();
  assert.match(before, /Your free times for bookings/);
  assert.match(before, /You take no bookings here now/, 'not bookable before the first save');

  const saved = await postPairs(host, `/ecosystems/${ecoId}/my-availability`, availabilityForm(), manage());
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `${manage()}?notice=availability_saved#availability`);
  const page = await (await host.get(`${manage()}?notice=availability_saved`)).text();
  assert.match(page, /Your availability is saved/);
  const preview = /<ol id="availability-preview">([\s\S]*?)<\/ol>/.exec(page)?.[1] ?? '';
  const items = preview.match(/<li>[^<]*<\/li>/g) ?? [];
  assert.equal(items.length, 10, 'the next 10 free slots');
  assert.ok(
    items.every((i) => /, (09:00–09:30|09:30–10:00|10:00–10:30|10:30–11:00) \(UTC\)<\/li>$/.test(i)),
    items.join('\n'),
  );

  const stored = await myAvailability();
  assert.equal(stored['bookable'], true);
  assert.deepEqual(stored['durations'], [30, 60]);
  assert.deepEqual(stored['location'], { type: 'in_person', address: 'Lapinlahdenkatu 16' });
  assert.equal((stored['weekly'] as unknown[]).length, 7, '“Every day” is one window per day');
  assert.match(page, /<option value="sun" selected>Sunday<\/option>/, 'the saved windows are the form’s rows');
  assert.doesNotMatch(
    await (await member.get(manage())).text(),
    /Your free times for bookings/,
    'members have no availability form',
  );
});

test('a refused availability form marks each field, keeps what was typed, and stores nothing', async () => {
  const stored = await myAvailability();
  const response = await postPairs(
    host,
    `/ecosystems/${ecoId}/my-availability`,
    availabilityForm({
      weeklyDay: ['mon', 'tue', ''],
      weeklyStart: ['11:00', '09:00', ''],
      weeklyEnd: ['09:00', '', ''],
      durations: 'thirty',
      horizonDays: '999',
      blockedStart: ['2030-01-01T10:00'],
      blockedEnd: [''],
    }),
    manage(),
  );
  assert.equal(response.status, 400);
  const page = await response.text();
  assert.match(page, /Your availability is not saved yet: check the marked fields/);
  assert.match(page, /id="weekly-0-error">a window must end after it starts</);
  assert.match(page, /id="weekly-1-error">choose a day and both times, or clear the row</);
  assert.match(page, /id="durations-error">list whole minutes, such as 30, 60</);
  assert.match(page, /id="horizonDays-error">must be at most 365 days</);
  assert.match(page, /id="blocked-0-error">give both the start and the end, or clear the row</);
  assert.match(page, /name="durations" value="thirty" required aria-invalid="true" aria-describedby="durations-error"/);
  assert.match(page, /name="weeklyStart" value="11:00" aria-invalid="true"/, 'the rows are kept as typed');
  assert.deepEqual(await myAvailability(), stored, 'nothing stored');

  const refused = await postPairs(member, `/ecosystems/${ecoId}/my-availability`, availabilityForm(), manage());
  assert.equal(refused.status, 403, 'members publish no availability');
});

test('a member finds the host on Lets Meet and sees a week of free slots in their own time zone', async () => {
  const letsMeet = await (await member.get(`/ecosystems/${ecoId}/lets-meet`)).text();
  assert.match(letsMeet, /<h2 id="book-a-host-heading">Book a host<\/h2>/);
  assert.match(letsMeet, /<strong>Hana Host<\/strong><br><span class="muted">30 or 60 minutes ·/);
  assert.match(letsMeet, /No Zoom meeting/);
  assert.match(letsMeet, new RegExp(`href="${book()}"`));
  const newForm = await member.get(`/ecosystems/${ecoId}/lets-meet/new?kind=booking`);
  assert.equal(newForm.status, 303, 'a member’s “new booking” leads to the free slots');
  assert.equal(newForm.headers.get('location'), `/ecosystems/${ecoId}/lets-meet#book-a-host`);

  const fresh = await (await other.get(`${book()}?week=${day}`)).text();
  assert.match(
    fresh,
    /Times are in <strong>UTC<\/strong>, Hana Host’s time zone/,
    'without a zone: the host’s, said so',
  );
  assert.match(fresh, /data-zone-source="host"/);
  assert.match(fresh, /<script src="\/assets\/bookingZone.js"><\/script>/);

  const week = await member.get(`${book()}?week=${day}&tz=Asia/Tokyo&duration=30`);
  assert.equal(week.status, 200);
  const html = await week.text();
  assert.match(html, /Times are in your time zone, <strong>Asia\/Tokyo<\/strong>/);
  assert.match(html, /Where:<\/strong> In person: Lapinlahdenkatu 16/);
  // 09:00 UTC is 18:00 in Tokyo (no daylight saving there).
  const confirm = `${book()}/confirm?start=${encodeURIComponent(at('09:00'))}&amp;duration=30&amp;tz=Asia%2FTokyo`;
  assert.ok(html.includes(`href="${confirm}">18:00<span class="visually-hidden">`), 'the slot in the viewer’s zone');
  assert.match(html, />18:30<span/);
  assert.match(html, />19:30<span/);
  assert.doesNotMatch(html, />20:00<span/, 'the window ends at 11:00 UTC');
  assert.match(html, /rel="next">Next week →/);
  assert.match(html, /rel="prev">← Previous week/);
  assert.match(html, /<option value="60" >60 minutes<\/option>/, 'the host offers two lengths');

  const remembered = await (await member.get(book())).text();
  assert.match(remembered, /Times are in your time zone, <strong>Asia\/Tokyo<\/strong>/, 'the zone is remembered');
});

test('a member confirms a slot with a title and a note and lands on the booking', async () => {
  const path = `${book()}/confirm?start=${encodeURIComponent(at('09:30'))}&duration=30&tz=Asia%2FTokyo`;
  const page = await (await member.get(path)).text();
  assert.match(page, /Confirm your booking with Hana Host/);
  assert.match(page, /<strong>When:<\/strong> [^<]*, 18:30–19:00 \(Asia\/Tokyo\)/);
  assert.match(page, /For Hana Host: [^<]*, 09:30–10:00 \(UTC\)/);
  assert.match(page, /name="title" required maxlength="200" value="Meeting with Hana Host"/);

  const response = await member.form(
    `${book()}/confirm`,
    { start: at('09:30'), duration: '30', tz: 'Asia/Tokyo', title: 'Pitch practice', note: 'About our seed round' },
    await member.csrfToken(path),
  );
  assert.equal(response.status, 303, await response.clone().text());
  const location = response.headers.get('location') ?? '';
  assert.match(location, /^\/meetings\/[0-9a-f-]{36}\?notice=booked$/);
  const record = await (await member.get(location)).text();
  assert.match(record, /Booked\./);
  assert.match(record, /<h1>Pitch practice<\/h1>/);
  assert.match(record, /About our seed round/);
  assert.match(record, /18:30–19:00 \(Asia\/Tokyo\)/);
  assert.match(record, /Lapinlahdenkatu 16/);
  const [row] = await t.deps.database.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.ecosystemId, ecoId), eq(meetings.title, 'Pitch practice')));
  assert.equal(row?.kind, 'booking');
  assert.equal(row?.hostUserId, hostId);
  assert.equal(row?.timezone, 'Asia/Tokyo');
  assert.equal(row?.startAt.toISOString(), at('09:30'));
});

test('a slot taken while the member was confirming says so and offers the next free ones', async () => {
  const path = `${book()}/confirm?start=${encodeURIComponent(at('10:00'))}&duration=30&tz=UTC`;
  const csrf = await member.csrfToken(path);
  const first = await other.form(
    `${book()}/confirm`,
    { start: at('10:00'), duration: '30', tz: 'UTC', title: 'Milo first', note: '' },
    await other.csrfToken(path),
  );
  assert.equal(first.status, 303, 'someone else books it first');

  const response = await member.form(
    `${book()}/confirm`,
    { start: at('10:00'), duration: '30', tz: 'UTC', title: 'Too late', note: 'A note kept' },
    csrf,
  );
  assert.equal(response.status, 409);
  const html = await response.text();
  assert.match(html, /The host is busy at that time/);
  assert.match(html, /<h2 id="next-free-heading">The next free times<\/h2>/);
  const offered = [
    ...html.matchAll(
      /href="[^"]*\/confirm\?start=([^&]+)&amp;duration=30&amp;tz=UTC&amp;title=Too\+late&amp;note=A\+note\+kept"/g,
    ),
  ].map((m) => decodeURIComponent(m[1]!));
  assert.ok(offered.length > 0 && offered.length <= 3, `next free times offered: ${offered}`);
  assert.ok(!offered.includes(at('10:00')), 'not the taken one');
  assert.ok(offered.includes(at('10:30')), 'the next free one');
  const mine = await t.deps.database.db.select().from(meetings).where(eq(meetings.title, 'Too late'));
  assert.equal(mine.length, 0, 'nothing stored');

  const again = await (await member.get(path)).text();
  assert.match(again, /That time is no longer free/, 'opening the taken slot says so too');
});

test('a booking needs a title; a host who has not said where bookings take place cannot be booked, and the pages say why', async () => {
  const path = `${book()}/confirm?start=${encodeURIComponent(at('10:30'))}&duration=30&tz=UTC`;
  const untitled = await member.form(
    `${book()}/confirm`,
    { start: at('10:30'), duration: '30', tz: 'UTC', title: '', note: 'kept' },
    await member.csrfToken(path),
  );
  assert.equal(untitled.status, 400);
  const form = await untitled.text();
  assert.match(
    form,
    /name="title" required maxlength="200" value="" aria-invalid="true" aria-describedby="title-error"/,
  );
  assert.match(form, />kept<\/textarea>/);

  const noPlace = await postPairs(
    host,
    `/ecosystems/${ecoId}/my-availability`,
    availabilityForm({ locationType: '', address: '' }),
    manage(),
  );
  assert.equal(noPlace.status, 303);
  const week = await (await member.get(`${book()}?week=${day}&tz=UTC`)).text();
  assert.match(week, /id="place-unavailable">Hana Host has not said yet where bookings take place/);
  const refused = await member.form(
    `${book()}/confirm`,
    { start: at('10:30'), duration: '30', tz: 'UTC', title: 'Anywhere?', note: '' },
    await member.csrfToken(path),
  );
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /Hana Host has not said yet where bookings take place/);
  assert.equal((await t.deps.database.db.select().from(meetings).where(eq(meetings.title, 'Anywhere?'))).length, 0);
  await postPairs(host, `/ecosystems/${ecoId}/my-availability`, availabilityForm(), manage());
});
