/**
 * Ecosystems in the reader's language (docs/product.md §15): a Finnish user's My ecosystems, Lets
 * Meet and Manage pages are Finnish with their times in the reader's zone; the ecosystem's own
 * language (`settings.locale`) is kept by admins through the API and the Manage form; and an
 * invitation goes in the invitee's language — their account's, else the ecosystem's.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from '../../src/db/orm.ts';
import { ecosystems, mailMessages, users } from '../../src/db/schema.ts';
import { Client, createTestApp, future, type TestApp } from '../helpers/testApp.ts';
import { inviteAndAccept } from '../helpers/membership.ts';

let t: TestApp;
let fiUser: Client;
let admin: Client;
let member: Client;
/** An ecosystem made by the English-speaking `admin`, where `member` is a member. */
let ecoId: string;

async function setUser(email: string, change: { locale?: string; timezone?: string | null }): Promise<void> {
  await t.deps.database.db.update(users).set(change).where(eq(users.email, email));
}

async function settingsOf(id: string): Promise<{ locale: string; reminderMinutesBefore: number[] }> {
  const [row] = await t.deps.database.db
    .select({ locale: ecosystems.locale, reminderMinutesBefore: ecosystems.reminderMinutesBefore })
    .from(ecosystems)
    .where(eq(ecosystems.id, id));
  assert.ok(row, 'the ecosystem exists');
  return row;
}

/** The newest mail to `to` about the ecosystem, once the queue has run. */
async function lastMailTo(to: string, ecosystemId: string) {
  await t.queue.runDueJobs();
  const [mail] = await t.deps.database.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, to), eq(mailMessages.ecosystemId, ecosystemId)))
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  assert.ok(mail, `a mail to ${to}`);
  return mail;
}

const manage = (id: string) => `/ecosystems/${id}/lets-meet/manage`;

before(async () => {
  t = await createTestApp();
  fiUser = new Client(t.app);
  admin = new Client(t.app);
  member = new Client(t.app);
  await fiUser.signUp('Fanni Finn', 'fanni@example.com');
  await admin.signUp('Ada Admin', 'ada@example.com');
  await member.signUp('Mika Member', 'mika@example.com');
  await setUser('fanni@example.com', { locale: 'fi', timezone: 'America/New_York' });
  await setUser('ada@example.com', { locale: 'en' });
  const created = await admin.api('POST', '/api/ecosystems', { name: 'Demo Accelerator' });
  assert.equal(created.status, 201);
  ecoId = ((await created.json()) as { id: string }).id;
  await inviteAndAccept(admin, ecoId, member, 'mika@example.com', 'member');
});
after(() => t.close());

test('a Finnish user’s ecosystem pages are Finnish, lang="fi", times in their own zone; their new ecosystem is Finnish', async () => {
  const list = await (await fiUser.get('/ecosystems')).text();
  assert.match(list, /<html lang="fi"/);
  assert.match(list, /<h1>Omat ekosysteemit<\/h1>/);
  assert.match(list, /Et ole vielä missään ekosysteemissä/);
  assert.match(list, /Luo ekosysteemi/);
  assert.doesNotMatch(list, /Create an ecosystem|You are not in any ecosystem/);

  const created = await fiUser.form(
    '/ecosystems',
    { name: 'Tampereen kiihdyttämö' },
    await fiUser.csrfToken('/ecosystems'),
  );
  assert.equal(created.status, 303);
  const id = /\/ecosystems\/([0-9a-f-]{36})\/lets-meet/.exec(created.headers.get('location') ?? '')?.[1];
  assert.ok(id, 'goes to the new ecosystem');
  assert.equal((await settingsOf(id)).locale, 'fi', 'a new ecosystem gets its creator’s language');
  const settings = await fiUser.api('GET', `/api/ecosystems/${id}/settings`);
  assert.equal(((await settings.json()) as { locale: string }).locale, 'fi');
  const byApi = await fiUser.api('POST', '/api/ecosystems', { name: 'Turun kiihdyttämö' });
  assert.equal(byApi.status, 201);
  assert.equal((await settingsOf(((await byApi.json()) as { id: string }).id)).locale, 'fi', 'through the API too');

  const start = new Date(future(6, 9));
  const record = await fiUser.api('POST', `/api/ecosystems/${id}/meetings`, {
    kind: 'mentorship',
    title: 'Sparraus',
    startTime: start.toISOString(),
    durationMinutes: 30,
    timezone: 'Europe/Helsinki',
    location: { type: 'link', url: 'https://example.com/room' },
  });
  assert.equal(record.status, 201, await record.clone().text());

  const letsMeet = await (await fiUser.get(`/ecosystems/${id}/lets-meet`)).text();
  assert.match(letsMeet, /<html lang="fi"/);
  assert.match(letsMeet, /Tulevat/);
  assert.match(letsMeet, /Mentorointitapaaminen/);
  assert.match(letsMeet, /Verkkolinkki/);
  assert.match(letsMeet, /data-label="Isäntä"/);
  assert.match(letsMeet, /klo [^<]*\(America\/New_York\)/, 'the time in the reader’s own zone, named, in Finnish');
  assert.doesNotMatch(letsMeet, /Upcoming|Mentorship session|Online link|data-label="Host"/);

  const page = await (await fiUser.get(manage(id))).text();
  assert.match(page, /<html lang="fi"/);
  assert.match(page, /<h1>Lets Meet → Hallinta<\/h1>/);
  assert.match(page, /Ekosysteemin asetukset/);
  assert.match(page, /Sähköpostien kieli niille, joilla ei ole tiliä/);
  assert.match(page, /<h2>Jäsenet<\/h2>/);
  assert.match(page, /Kutsu uusi jäsen/);
  assert.match(page, /Lähetä kutsu/);
  assert.match(page, /\(sinä\)/);
  assert.match(page, /<option value="admin" selected>Ylläpitäjä<\/option>/);
  assert.doesNotMatch(page, /Invite someone|Send invitation|Pending invitations|Leave this ecosystem|\(you\)/);
});

test('the ecosystem’s language round-trips through the API; a bad value or a member changes nothing', async () => {
  const url = `/api/ecosystems/${ecoId}/settings`;
  const initial = await admin.api('GET', url);
  assert.equal(initial.status, 200);
  assert.deepEqual(await initial.json(), { locale: 'en', reminderMinutesBefore: [1440, 60] });

  const changed = await admin.api('PUT', url, { locale: 'sv' });
  assert.equal(changed.status, 200);
  assert.deepEqual(await changed.json(), { locale: 'sv', reminderMinutesBefore: [1440, 60] });
  assert.equal(((await (await admin.api('GET', url)).json()) as { locale: string }).locale, 'sv');

  for (const body of [
    { locale: 'de' },
    { locale: 'sv', reminderMinutesBefore: [0] },
    { locale: 'de', reminderMinutesBefore: [30] },
    { locale: null },
  ]) {
    const refused = await admin.api('PUT', url, body);
    assert.equal(refused.status, 400, JSON.stringify(body));
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'invalid_input');
  }
  assert.deepEqual(await settingsOf(ecoId), { locale: 'sv', reminderMinutesBefore: [1440, 60] }, 'nothing changed');

  const read = await member.api('GET', url);
  assert.equal(read.status, 403);
  assert.equal(((await read.json()) as { error: { code: string } }).error.code, 'not_admin');
  const write = await member.api('PUT', url, { locale: 'fi' });
  assert.equal(write.status, 403);
  assert.equal(((await write.json()) as { error: { code: string } }).error.code, 'not_admin');
  assert.equal((await settingsOf(ecoId)).locale, 'sv', 'a member changes nothing');

  const openapi = (await (await admin.get('/api/openapi.json')).json()) as {
    components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> };
  };
  assert.deepEqual(openapi.components.schemas.EcosystemSettings?.properties.locale?.enum, ['en', 'fi', 'sv']);
});

test('an admin sets the ecosystem’s language on Manage; a bad value or a member changes nothing', async () => {
  const page = await (await admin.get(manage(ecoId))).text();
  assert.match(page, /id="ecosystem-settings"/);
  assert.match(page, /Language of email to people without an account/);
  assert.match(page, /<option value="sv" lang="sv" selected>Svenska<\/option>/);

  const saved = await admin.form(
    `/ecosystems/${ecoId}/settings`,
    { locale: 'fi' },
    await admin.csrfToken(manage(ecoId)),
  );
  assert.equal(saved.status, 303);
  assert.equal(saved.headers.get('location'), `${manage(ecoId)}?notice=settings_saved`);
  assert.equal((await settingsOf(ecoId)).locale, 'fi');
  assert.match(await (await admin.get(manage(ecoId))).text(), /<option value="fi" lang="fi" selected>Suomi<\/option>/);

  const refused = await admin.form(
    `/ecosystems/${ecoId}/settings`,
    { locale: 'xx' },
    await admin.csrfToken(manage(ecoId)),
  );
  assert.equal(refused.status, 400);
  assert.equal((await settingsOf(ecoId)).locale, 'fi', 'a bad value changes nothing');

  const memberPage = await (await member.get(manage(ecoId))).text();
  assert.doesNotMatch(memberPage, /id="ecosystem-settings"/, 'members get no settings form');
  const byMember = await member.form(
    `/ecosystems/${ecoId}/settings`,
    { locale: 'en' },
    await member.csrfToken(manage(ecoId)),
  );
  assert.equal(byMember.status, 403);
  assert.equal((await settingsOf(ecoId)).locale, 'fi', 'a member changes nothing');
});

test('an invitation goes in the invitee’s own language, else in the ecosystem’s', async () => {
  const set = await admin.api('PUT', `/api/ecosystems/${ecoId}/settings`, { locale: 'sv' });
  assert.equal(set.status, 200);

  const invited = await admin.api('POST', `/api/ecosystems/${ecoId}/members`, {
    email: 'sven@example.com',
    role: 'member',
  });
  assert.equal(invited.status, 201);
  const sv = await lastMailTo('sven@example.com', ecoId);
  assert.equal(sv.subject, 'Ada Admin har bjudit in dig till Demo Accelerator i Ekosistem App');
  assert.match(sv.textBody, /Ada Admin har bjudit in dig att gå med i Demo Accelerator som medlem\./);
  assert.match(sv.textBody, /Visa inbjudan: http/);
  assert.match(sv.htmlBody, /Tills du tackar ja är du inte medlem/);
  assert.match(sv.htmlBody, />Visa inbjudan<\/a>/);
  assert.doesNotMatch(sv.textBody, /invited you|See the invitation/);

  const toFinn = await admin.api('POST', `/api/ecosystems/${ecoId}/members`, {
    email: 'fanni@example.com',
    role: 'host',
  });
  assert.equal(toFinn.status, 201);
  const fi = await lastMailTo('fanni@example.com', ecoId);
  assert.equal(fi.subject, 'Ada Admin kutsui sinut ekosysteemiin Demo Accelerator Ekosistem Appissa');
  assert.match(fi.textBody, /isännäksi\./);
  assert.match(fi.htmlBody, />Katso kutsu<\/a>/);

  const mine = await (await fiUser.get('/ecosystems')).text();
  assert.match(mine, /Demo Accelerator<\/strong> kutsui sinut rooliin <span class="pill">Isäntä<\/span>/);
  assert.match(mine, />Hyväksy<\/button>/);
});
