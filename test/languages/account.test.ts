/**
 * Accounts in the reader's language (docs/product.md §15): a sign-up keeps the language it was
 * made in and the zone the page reported, its confirmation mail is in that language and the account
 * starts with both; the account page is in the user's language and changes it at once; `PUT
 * /api/me` takes `locale` (and refuses an unknown one, changing nothing); the reset mail goes in the
 * account's language, whatever the language of the request that asked for it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from '../../src/db/orm.ts';
import { mailMessages, users } from '../../src/db/schema.ts';
import { catalogues } from '../../src/i18n/i18n.ts';
import { Client, confirmationTokenIn, createTestApp, type TestApp } from '../helpers/testApp.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** The newest mail to `email`. */
async function lastMailTo(email: string) {
  const [mail] = await t.deps.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, email))
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  assert.ok(mail, `a mail to ${email}`);
  return mail;
}

async function userRow(email: string) {
  const [row] = await t.deps.database.db.select().from(users).where(eq(users.email, email));
  assert.ok(row, `an account for ${email}`);
  return row;
}

/** A browser form POST with the request's own headers (Accept-Language). */
function postForm(client: Client, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return client.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** The words a reader sees: the page without its tags, style and script, whitespace folded. */
function visibleText(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

function json<T>(response: Response): Promise<T> {
  return response.json() as Promise<T>;
}

test('a sign-up made in Finnish, with the zone the page reported: a Finnish confirmation mail, and an account in Finnish and that zone', async () => {
  const visitor = new Client(t.app);
  const fi = { 'accept-language': 'fi-FI,fi;q=0.9,en;q=0.5' };
  const form = await (await visitor.request('/signup', { headers: fi })).text();
  assert.match(form, /<html lang="fi">/);
  assert.match(form, /<h1>Luo tilisi<\/h1>/);
  assert.match(form, /<input type="hidden" name="timezone" value="" data-browser-zone>/);
  assert.match(form, /<script src="\/assets\/signupZone.js"><\/script>/);
  assert.equal((await visitor.get('/assets/signupZone.js')).status, 200, 'the script that fills the zone is served');

  const sent = await postForm(
    visitor,
    '/signup',
    { _csrf: csrfIn(form), name: 'Aino Virtanen', email: 'aino.fi@example.com', timezone: 'Europe/Helsinki' },
    fi,
  );
  assert.equal(sent.status, 303);
  assert.match(await (await visitor.request('/signup/sent', { headers: fi })).text(), /Tarkista sähköpostisi/);

  const mail = await lastMailTo('aino.fi@example.com');
  assert.equal(mail.subject, 'Vahvista sähköpostiosoitteesi – Ekosistem App');
  assert.match(mail.textBody, /Avaa alla oleva linkki/);
  assert.match(mail.htmlBody, /<html lang="fi">/);
  assert.match(mail.htmlBody, />Vahvista sähköpostiosoitteesi<\/a>/);
  assert.doesNotMatch(mail.textBody + mail.htmlBody, /Confirm your email|Someone|link below/);

  const token = confirmationTokenIn(mail.textBody)!;
  const confirmPage = await (await visitor.request(`/signup/confirm?token=${token}`, { headers: fi })).text();
  assert.match(confirmPage, /Luo tili ja kirjaudu sisään/);
  assert.match(confirmPage, /Luo Ekosistem App -tili osoitteelle <strong>aino\.fi@example\.com<\/strong>: valitse/);
  const created = await postForm(
    visitor,
    '/signup/confirm',
    { _csrf: csrfIn(confirmPage), token, name: 'Aino Virtanen', password: 'a long password' },
    fi,
  );
  assert.equal(created.status, 303);
  const row = await userRow('aino.fi@example.com');
  assert.equal(row.locale, 'fi');
  assert.equal(row.timezone, 'Europe/Helsinki');
  // Signed in now: pages follow the account, not the browser.
  const account = await (await visitor.get('/account')).text();
  assert.match(account, /<html lang="fi">/);
  assert.match(account, /<option selected>Europe\/Helsinki<\/option>/);
});

test('a reported zone that is not a known one is ignored; the JSON sign-up takes locale and timezone; an unknown locale is refused', async () => {
  const visitor = new Client(t.app);
  const form = await (await visitor.request('/signup', { headers: { 'accept-language': 'sv' } })).text();
  await postForm(
    visitor,
    '/signup',
    { _csrf: csrfIn(form), name: 'Bo', email: 'bo.sv@example.com', timezone: 'Mars/Olympus' },
    { 'accept-language': 'sv' },
  );
  const mail = await lastMailTo('bo.sv@example.com');
  assert.equal(mail.subject, 'Bekräfta din e-post för Ekosistem App');
  const confirmed = await visitor.api('POST', '/api/auth/confirm', {
    token: confirmationTokenIn(mail.textBody),
    password: 'a long password',
    name: 'Bo',
  });
  assert.equal(confirmed.status, 201);
  const { user } = await json<{ user: { locale: string; timezone: string | null } }>(confirmed);
  assert.deepEqual({ locale: user.locale, timezone: user.timezone }, { locale: 'sv', timezone: null });

  // The API: the body's language wins over the request's.
  const api = new Client(t.app);
  const answer = await api.api(
    'POST',
    '/api/auth/signup',
    { name: 'Cecilia', email: 'cecilia@example.com', locale: 'fi', timezone: 'Asia/Tokyo' },
    { 'accept-language': 'en' },
  );
  assert.equal(answer.status, 202);
  assert.equal((await json<{ message: string }>(answer)).message, catalogues.fi.auth.accepted);
  const apiMail = await lastMailTo('cecilia@example.com');
  assert.match(apiMail.subject, /^Vahvista sähköpostiosoitteesi/);
  const apiUser = await json<{ user: { locale: string; timezone: string | null } }>(
    await api.api('POST', '/api/auth/confirm', {
      token: confirmationTokenIn(apiMail.textBody),
      password: 'a long password',
      name: 'Cecilia',
    }),
  );
  assert.deepEqual(
    { locale: apiUser.user.locale, timezone: apiUser.user.timezone },
    { locale: 'fi', timezone: 'Asia/Tokyo' },
  );

  const refused = await new Client(t.app).api('POST', '/api/auth/signup', {
    name: 'Dieter',
    email: 'dieter@example.com',
    locale: 'de',
  });
  assert.equal(refused.status, 400);
  assert.equal((await json<{ error: { code: string } }>(refused)).error.code, 'invalid_input');
  assert.equal(
    (await t.deps.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, 'dieter@example.com')))
      .length,
    0,
  );
});

test('a Finnish user’s account page is Finnish: lang="fi", the language choice names each language in itself, and none of our English is left', async () => {
  const fanni = new Client(t.app);
  await fanni.signUp('Fanni Finn', 'fanni@example.com');
  assert.equal((await fanni.api('PUT', '/api/me', { locale: 'fi', timezone: 'Europe/Helsinki' })).status, 200);
  const page = await (await fanni.get('/account')).text();
  assert.match(page, /<html lang="fi">/);
  assert.match(page, /<h1>Oma tili<\/h1>/);
  for (const finnish of [
    'Kieli',
    'Aikavyöhykkeesi',
    'Vaihda salasana',
    'Nykyinen salasana',
    'Kirjaudu ulos kaikkialta',
  ])
    assert.ok(page.includes(finnish), finnish);
  assert.match(page, /<select name="locale">/);
  assert.match(page, /<option value="en" lang="en">English<\/option>/);
  assert.match(page, /<option value="fi" lang="fi" selected>Suomi<\/option>/);
  assert.match(page, /<option value="sv" lang="sv">Svenska<\/option>/);

  const text = visibleText(page);
  const english = [
    ...Object.values(catalogues.en.account.page),
    ...Object.entries(catalogues.en.common.layout)
      .filter(([key]) => key !== 'siteName')
      .map(([, value]) => value),
  ];
  for (const words of english) assert.ok(!text.includes(words), `English left on the page: “${words}”`);
  for (const words of ['Your account', 'Change password', 'Sign out everywhere', 'Save', 'Language'])
    assert.ok(!text.includes(words), words);
});

test('choosing a language on the account page: the next page is in it; an unknown one is refused and changes nothing', async () => {
  const sven = new Client(t.app);
  await sven.signUp('Sven', 'sven@example.com');
  let page = await (await sven.get('/account')).text();
  assert.match(page, /<html lang="en">/);
  const saved = await sven.form('/account/profile', { locale: 'sv', timezone: 'Europe/Stockholm' }, csrfIn(page));
  assert.equal(saved.status, 303);
  page = await (await sven.get(saved.headers.get('location')!)).text();
  assert.match(page, /<html lang="sv">/);
  assert.match(page, /<h1>Mitt konto<\/h1>/);
  assert.ok(page.includes(catalogues.sv.common.notices.profile_saved), 'the notice is in the new language');
  assert.deepEqual(
    { locale: (await userRow('sven@example.com')).locale, timezone: (await userRow('sven@example.com')).timezone },
    { locale: 'sv', timezone: 'Europe/Stockholm' },
  );

  const refused = await sven.form('/account/profile', { locale: 'de', timezone: 'Asia/Tokyo' }, csrfIn(page));
  assert.equal(refused.status, 400);
  const refusedPage = await refused.text();
  assert.match(refusedPage, /<html lang="sv">/);
  assert.match(refusedPage, /<select name="locale" aria-invalid="true" aria-describedby="locale-error">/);
  const row = await userRow('sven@example.com');
  assert.deepEqual({ locale: row.locale, timezone: row.timezone }, { locale: 'sv', timezone: 'Europe/Stockholm' });
});

test('PUT /api/me takes locale: a round trip through GET /api/me; an unknown language is 400 invalid_input and changes nothing', async () => {
  const client = new Client(t.app);
  await client.signUp('Round Trip', 'roundtrip@example.com');
  type Me = { user: { name: string; locale: string; timezone: string | null } };
  const before = await json<Me>(await client.api('GET', '/api/me'));
  assert.deepEqual({ locale: before.user.locale, timezone: before.user.timezone }, { locale: 'en', timezone: null });

  const put = await client.api('PUT', '/api/me', { locale: 'sv', timezone: 'Europe/Helsinki' });
  assert.equal(put.status, 200);
  assert.equal((await json<Me>(put)).user.locale, 'sv');
  const after = await json<Me>(await client.api('GET', '/api/me'));
  assert.deepEqual(
    { name: after.user.name, locale: after.user.locale, timezone: after.user.timezone },
    { name: 'Round Trip', locale: 'sv', timezone: 'Europe/Helsinki' },
  );
  assert.match(await (await client.get('/ecosystems')).text(), /<html lang="sv">/, 'pages follow at once');

  for (const bad of [
    { locale: 'de' },
    { locale: 'sv-SE' },
    { locale: null },
    { locale: 'fi', timezone: 'Mars/Olympus' },
  ]) {
    const refused = await client.api('PUT', '/api/me', { name: 'Changed', ...bad });
    assert.equal(refused.status, 400, JSON.stringify(bad));
    assert.equal((await json<{ error: { code: string } }>(refused)).error.code, 'invalid_input');
  }
  const unchanged = await json<Me>(await client.api('GET', '/api/me'));
  assert.deepEqual(unchanged.user, after.user, 'a refused change changes nothing');

  const doc = await json<{ components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }>(
    await client.get('/api/openapi.json'),
  );
  assert.deepEqual(Object.keys(doc.components.schemas.ProfileChange!.properties!), ['name', 'locale', 'timezone']);
  assert.deepEqual(Object.keys(doc.components.schemas.User!.properties!), [
    'id',
    'name',
    'email',
    'locale',
    'timezone',
  ]);
});

test('the reset mail goes in the account’s language (Swedish), whatever the language of the request; so does the notice of a sign-up with a taken email', async () => {
  const stina = new Client(t.app);
  await stina.signUp('Stina', 'stina@example.com');
  assert.equal((await stina.api('PUT', '/api/me', { locale: 'sv' })).status, 200);

  const stranger = new Client(t.app);
  const en = { 'accept-language': 'en' };
  const form = await (await stranger.request('/password-reset', { headers: en })).text();
  assert.match(form, /<html lang="en">/);
  const asked = await postForm(stranger, '/password-reset', { _csrf: csrfIn(form), email: 'stina@example.com' }, en);
  assert.equal(asked.status, 303);
  const mail = await lastMailTo('stina@example.com');
  assert.equal(mail.subject, 'Välj ett nytt lösenord för Ekosistem App');
  assert.match(mail.textBody, /Öppna länken nedan och välj ett nytt lösenord/);
  assert.match(mail.textBody, /Välj ett nytt lösenord: http:\/\/localhost:3000\/password-reset\?token=/);
  assert.match(mail.htmlBody, /<html lang="sv">/);
  assert.doesNotMatch(mail.textBody + mail.htmlBody, /Choose a new password|Someone|link below/);

  const viaApi = await stranger.api(
    'POST',
    '/api/auth/password-reset',
    { email: 'stina@example.com' },
    {
      'accept-language': 'fi',
    },
  );
  assert.equal(viaApi.status, 202);
  assert.equal(
    (await json<{ message: string }>(viaApi)).message,
    catalogues.fi.account.resetAccepted,
    'the answer is in the request’s language',
  );

  await stranger.api('POST', '/api/auth/signup', { name: 'Mallory', email: 'stina@example.com' }, en);
  const notice = await lastMailTo('stina@example.com');
  assert.equal(notice.subject, 'Någon försökte skapa ett konto med din e-post');
});
