import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../../db/orm.ts';
import { ecosystems, mailMessages, meetings, sessions, signupConfirmations, users } from '../../db/schema.ts';
import {
  BASE,
  Client,
  createTestApp,
  future,
  latestConfirmationToken,
  type TestApp,
} from '../../../test/helpers/testApp.ts';
import { utcToZonedLocal } from '../../meetings/zonedTime.ts';

let t: TestApp;
let host: Client;
let member: Client;
let outsider: Client;
let ecoId: string;
let outsiderEcoId: string;

const idFrom = (location: string | null) => /\/(meetings|ecosystems)\/([0-9a-f-]{36})/.exec(location ?? '')?.[2] ?? '';

before(async () => {
  t = await createTestApp();
  host = new Client(t.app);
  member = new Client(t.app);
  outsider = new Client(t.app);
  // Sign up through the forms, as a person would: the sign-up form, then the link in the mail.
  let csrf = await host.csrfToken('/signup');
  let response = await host.form('/signup', { name: 'Hana Host', email: 'hana@example.com' }, csrf);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/signup/sent');
  response = await host.form(
    '/signup/confirm',
    {
      token: (await latestConfirmationToken(t.deps.database.db, 'hana@example.com'))!,
      password: 'a long password',
      name: 'Hana Host',
    },
    csrf,
  );
  assert.equal(response.status, 303);
  assert.equal(response.headers.get('location'), '/ecosystems');
  await member.signUp('Mika Member', 'mika@example.com');
  await outsider.signUp('Olli Outsider', 'olli@example.com');
  csrf = await host.csrfToken('/ecosystems');
  response = await host.form('/ecosystems', { name: 'Demo Accelerator' }, csrf);
  assert.equal(response.status, 303);
  ecoId = idFrom(response.headers.get('location'));
  response = await host.form(`/ecosystems/${ecoId}/members`, { email: 'mika@example.com', role: 'member' }, csrf);
  assert.equal(response.status, 303);
  // An invitation: Mika is a member once she accepts it.
  const [invitation] = ((await (await member.api('GET', '/api/invitations')).json()) as { items: { id: string }[] })
    .items;
  assert.equal((await member.api('POST', `/api/invitations/${invitation!.id}/accept`)).status, 200);
  const other = await outsider.form('/ecosystems', { name: 'Elsewhere' }, await outsider.csrfToken('/ecosystems'));
  outsiderEcoId = idFrom(other.headers.get('location'));
});
after(() => t.close());

/** A new hour for each record: one host is never in two places at once (docs/product.md §12.1). */
let hours = 0;
const nextStart = () => new Date(Date.parse(future(5)) + ++hours * 3_600_000);

function bookingForm(overrides: Record<string, string> = {}) {
  return {
    kind: 'booking',
    title: 'Pitch practice',
    description: '',
    startLocal: utcToZonedLocal(nextStart(), 'Europe/Helsinki'),
    timezone: 'Europe/Helsinki',
    durationMinutes: '30',
    hostUserId: '',
    locationType: 'in_person',
    address: 'Lapinlahdenkatu 16',
    url: '',
    attendees: 'first@example.com\nsecond@example.com',
    ...overrides,
  };
}

test('sign in through the form works; a wrong password re-renders with 401 and a message', async () => {
  const client = new Client(t.app);
  const csrf = await client.csrfToken('/signin');
  const wrong = await client.form(
    '/signin',
    { email: 'hana@example.com', password: 'nope', next: '/ecosystems' },
    csrf,
  );
  assert.equal(wrong.status, 401);
  assert.match(await wrong.text(), /Email or password is wrong/);
  const ok = await client.form(
    '/signin',
    { email: 'hana@example.com', password: 'a long password', next: `/ecosystems/${ecoId}/lets-meet` },
    csrf,
  );
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/ecosystems/${ecoId}/lets-meet`);
  const evil = await client.form(
    '/signin',
    { email: 'hana@example.com', password: 'a long password', next: '//evil.example/' },
    await client.csrfToken('/ecosystems'),
  );
  assert.equal(evil.headers.get('location'), '/ecosystems');
});

test('sign-up form: a new and a taken email both land on the same "Check your email" page, with no session', async () => {
  const pages: string[] = [];
  for (const email of ['fresh-form@example.com', 'hana@example.com']) {
    const visitor = new Client(t.app);
    const csrf = await visitor.csrfToken('/signup');
    const sent = await visitor.form('/signup', { name: 'Someone', email }, csrf);
    assert.equal(sent.status, 303, email);
    assert.equal(sent.headers.get('location'), '/signup/sent', email);
    assert.equal(visitor.cookies.has('ekos_session'), false, email);
    const page = await visitor.get('/signup/sent');
    assert.equal(page.status, 200);
    pages.push(await page.text());
  }
  assert.match(pages[0]!, /Check your email/);
  assert.equal(pages[0], pages[1]);
  const [hana] = await t.deps.database.db.select().from(users).where(eq(users.email, 'hana@example.com'));
  assert.equal(hana!.name, 'Hana Host', 'the taken account is unchanged');
});

test('the mailed link opens a page asking for the name (suggested) and password; opening it (twice, as a mail scanner would) uses nothing; the form creates the account and signs in', async () => {
  const visitor = new Client(t.app);
  const csrf = await visitor.csrfToken('/signup');
  await visitor.form('/signup', { name: 'Paula', email: 'paula@example.com' }, csrf);
  const [mail] = await t.deps.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, 'paula@example.com'));
  const link = /(http\S+\/signup\/confirm\?token=\S+)/.exec(mail!.textBody)![1]!;
  assert.ok(link.startsWith(`${BASE}/signup/confirm?token=`));
  const path = link.slice(BASE.length);
  const sessionsBefore = (await t.deps.database.db.select().from(sessions)).length;

  const scanner = new Client(t.app);
  for (const fetcher of [scanner, visitor]) {
    const page = await fetcher.get(path);
    assert.equal(page.status, 200);
    const text = await page.text();
    assert.match(text, /Create account and sign in/);
    assert.match(text, /name="name" required maxlength="100" autocomplete="name" value="Paula"/);
    assert.match(text, /type="password" name="password" required minlength="10" autocomplete="new-password"/);
    assert.match(text, /paula@example\.com/);
    assert.match(text, /<form class="stack" method="post" action="\/signup\/confirm">/);
    assert.match(text, /name="_csrf"/);
  }
  assert.equal(
    (
      await t.deps.database.db
        .select()
        .from(signupConfirmations)
        .where(eq(signupConfirmations.email, 'paula@example.com'))
    ).length,
    1,
    'the token is unused',
  );
  assert.equal((await t.deps.database.db.select().from(users).where(eq(users.email, 'paula@example.com'))).length, 0);
  assert.equal((await t.deps.database.db.select().from(sessions)).length, sessionsBefore);

  const token = new URL(link).searchParams.get('token')!;
  const forged = await visitor.request('/signup/confirm', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, password: 'paula’s long password', name: 'Paula' }).toString(),
  });
  assert.equal(forged.status, 403, 'the form needs the CSRF token');
  const tooShort = await visitor.form(
    '/signup/confirm',
    { token, password: 'short', name: 'Paula P.' },
    await visitor.csrfToken(path),
  );
  assert.equal(tooShort.status, 400);
  const again400 = await tooShort.text();
  assert.match(again400, /id="password-error">must be at least 10 characters/);
  assert.match(again400, /value="Paula P\."/, 'the name is kept');
  assert.doesNotMatch(again400, /value="short"/, 'the password is never sent back');
  const confirmed = await visitor.form(
    '/signup/confirm',
    { token, password: 'paula’s long password', name: 'Paula' },
    await visitor.csrfToken(path),
  );
  assert.equal(confirmed.status, 303);
  assert.equal(confirmed.headers.get('location'), '/ecosystems');
  assert.ok(visitor.cookies.has('ekos_session'));
  assert.match(await (await visitor.get('/ecosystems')).text(), /Paula/);

  const again = await new Client(t.app).get(path);
  assert.equal(again.status, 400);
  assert.match(await again.text(), /This link does not work/);
  const reused = await scanner.form(
    '/signup/confirm',
    { token, password: 'the scanner’s password', name: 'Scanner' },
    await scanner.csrfToken('/signin'),
  );
  assert.equal(reused.status, 400);
  assert.match(await reused.text(), /invalid, has expired or was already used/);
  assert.equal(scanner.cookies.has('ekos_session'), false);
  assert.equal(
    t.logLines.some((line) => line.includes(token)),
    false,
    'the token is never logged (request lines omit the query)',
  );
});

test('sign-in failure tells a new user to confirm their email first', async () => {
  const visitor = new Client(t.app);
  const csrf = await visitor.csrfToken('/signup');
  await visitor.form('/signup', { name: 'Quinn', email: 'quinn@example.com' }, csrf);
  const early = await visitor.form(
    '/signin',
    { email: 'quinn@example.com', password: 'quinn’s long password', next: '/ecosystems' },
    csrf,
  );
  assert.equal(early.status, 401);
  assert.match(await early.text(), /If you just signed up, confirm your email first/);
});

test('CSRF: a form without or with a wrong token is refused with 403 and writes nothing', async () => {
  const before = (await t.deps.database.db.select().from(ecosystems)).length;
  const missing = await host.request('/ecosystems', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'name=Forged',
  });
  assert.equal(missing.status, 403);
  const wrong = await host.form('/ecosystems', { name: 'Forged' }, 'x'.repeat(32));
  assert.equal(wrong.status, 403);
  assert.match(await wrong.text(), /form has expired/);
  // Another user's token does not work either.
  const foreign = await host.form('/ecosystems', { name: 'Forged' }, await outsider.csrfToken('/ecosystems'));
  assert.equal(foreign.status, 403);
  assert.equal((await t.deps.database.db.select().from(ecosystems)).length, before);
});

test('each kind is created through its form with an in-person location and two attendees who get invites', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new?kind=booking`);
  for (const kind of ['booking', 'mentorship', 'event']) {
    const response = await host.form(
      `/ecosystems/${ecoId}/lets-meet/new`,
      bookingForm({ kind, title: `A ${kind}` }),
      csrf,
    );
    assert.equal(response.status, 303, kind);
    const id = idFrom(response.headers.get('location'));
    const [row] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, id));
    assert.equal(row!.kind, kind);
    assert.equal(row!.timezone, 'Europe/Helsinki');
    const page = await host.get(`/meetings/${id}`);
    const html = await page.text();
    assert.match(html, new RegExp(`A ${kind}`));
    assert.match(html, /first@example\.com/);
  }
  await t.queue.runDueJobs();
  const mails = await t.deps.database.db.select().from(mailMessages);
  assert.ok(mails.filter((m) => m.toAddress === 'first@example.com').length >= 3);
});

test('invalid form input re-renders with 400 naming the field and writes nothing', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const past = utcToZonedLocal(new Date(Date.now() - 86_400_000), 'UTC');
  const cases: [Record<string, string>, RegExp][] = [
    [{ startLocal: past, timezone: 'UTC' }, /startTime: must be in the future/],
    [{ durationMinutes: '3' }, /durationMinutes/],
    [{ durationMinutes: 'abc' }, /durationMinutes/],
    [{ timezone: 'Mars/Base' }, /timezone/],
    [{ locationType: 'link', url: 'not a url' }, /location/],
    [{ title: 'x'.repeat(201) }, /title/],
    [{ attendees: 'ok@example.com, broken' }, /attendeeEmails/],
    [{ startLocal: '' }, /startTime/],
  ];
  const before = (await t.deps.database.db.select().from(meetings)).length;
  for (const [override, message] of cases) {
    const response = await host.form(`/ecosystems/${ecoId}/lets-meet/new`, bookingForm(override), csrf);
    assert.equal(response.status, 400, JSON.stringify(override));
    const html = await response.text();
    assert.match(html, message, JSON.stringify(override));
    assert.match(html, /Pitch practice|x{10}/, 'the values are kept');
  }
  assert.equal((await t.deps.database.db.select().from(meetings)).length, before);
});

test('the style sheet reaches the browser unescaped (quotes and `>` intact)', async () => {
  const page = await (await host.get('/ecosystems')).text();
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  assert.match(style, /"Segoe UI"/);
  assert.match(style, /\.card>h2:first-child/);
  assert.doesNotMatch(style, /&quot;|&gt;|&#39;/);
});

test('a refused form shows each error next to its field, marks the field and keeps the input', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const past = utcToZonedLocal(new Date(Date.now() - 86_400_000), 'UTC');
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ startLocal: past, timezone: 'UTC' }, 'startLocal', /must be in the future/],
    [{ startLocal: '' }, 'startLocal', /choose a date and time/],
    [{ durationMinutes: '3' }, 'durationMinutes', /at least 5 minutes/],
    [{ timezone: 'Mars/Base' }, 'timezone', /IANA timezone/],
    [{ locationType: 'in_person', address: ' ' }, 'address', /.+/],
    [{ locationType: 'link', url: 'not a url' }, 'url', /http\(s\) URL/],
    [{ attendees: 'ok@example.com, broken' }, 'attendees', /“broken” must be an email address/],
    [{ locationType: 'zoom' }, 'locationType', /Connect Zoom/],
  ];
  for (const [override, fieldName, message] of cases) {
    const response = await host.form(`/ecosystems/${ecoId}/lets-meet/new`, bookingForm(override), csrf);
    assert.equal(response.status, 400, JSON.stringify(override));
    const html = await response.text();
    const error = new RegExp(`<p class="field-error" id="${fieldName}-error">([^<]*)</p>`).exec(html);
    assert.ok(error, `${fieldName}: an error next to the field`);
    assert.match(error[1]!.replace(/&quot;/g, '"'), message);
    if (fieldName !== 'locationType')
      assert.match(
        html,
        new RegExp(`name="${fieldName}"[^>]*aria-invalid="true" aria-describedby="${fieldName}-error"`),
        fieldName,
      );
    assert.match(html, /value="Pitch practice"/, 'the title is kept');
  }

  // The record page's forms keep what was typed too.
  const created = await host.form(`/ecosystems/${ecoId}/lets-meet/new`, bookingForm(), csrf);
  const id = idFrom(created.headers.get('location'));
  const refused = await host.form(
    `/meetings/${id}/reschedule`,
    { startLocal: '2031-07-01T10:00', durationMinutes: '700' },
    csrf,
  );
  assert.equal(refused.status, 400);
  const page = await refused.text();
  assert.match(page, /id="durationMinutes-error">must be at most 600 minutes/);
  assert.match(page, /value="2031-07-01T10:00"/);
  assert.match(page, /value="700"/);

  // Sign-up: name and email are kept, each error beside its field.
  const visitor = new Client(t.app);
  const signupCsrf = await visitor.csrfToken('/signup');
  const signup = await visitor.form('/signup', { name: 'Vera', email: 'not-an-email' }, signupCsrf);
  assert.equal(signup.status, 400);
  const signupPage = await signup.text();
  assert.match(signupPage, /id="email-error">must be an email address/);
  assert.match(signupPage, /value="Vera"/);
  assert.match(signupPage, /value="not-an-email"/);

  // Manage's invite form: the address is kept and its error is beside it.
  const invite = await host.form(`/ecosystems/${ecoId}/members`, { email: 'mika@example.com', role: 'member' }, csrf);
  assert.equal(invite.status, 409);
  const managePage = await invite.text();
  assert.match(managePage, /id="email-error">mika@example\.com is already a member/);
  assert.match(managePage, /name="email" required value="mika@example\.com"/);
});

test('a Zoom location without a Zoom connection is explained in the form', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const response = await host.form(`/ecosystems/${ecoId}/lets-meet/new`, bookingForm({ locationType: 'zoom' }), csrf);
  assert.equal(response.status, 400);
  assert.match(await response.text(), /Connect Zoom on Lets Meet → Manage/);
});

test('HTML escapes user text', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const response = await host.form(
    `/ecosystems/${ecoId}/lets-meet/new`,
    bookingForm({ title: '<script>alert(1)</script>' }),
    csrf,
  );
  const page = await (await host.get(response.headers.get('location')!)).text();
  assert.doesNotMatch(page, /<script>alert\(1\)<\/script>/);
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('an attendee who is neither host nor creator cannot cancel (403); the creator can, via the form', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const created = await host.form(
    `/ecosystems/${ecoId}/lets-meet/new`,
    bookingForm({ attendees: 'mika@example.com' }),
    csrf,
  );
  const id = idFrom(created.headers.get('location'));
  const memberCsrf = await member.csrfToken(`/meetings/${id}`);
  const denied = await member.form(`/meetings/${id}/cancel`, {}, memberCsrf);
  assert.equal(denied.status, 403);
  const [still] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, id));
  assert.equal(still!.status, 'scheduled');
  const ok = await host.form(`/meetings/${id}/cancel`, {}, csrf);
  assert.equal(ok.status, 303);
  assert.match(await (await host.get(ok.headers.get('location')!)).text(), /Cancelled/);
});

test('reschedule through the form moves the record in its own timezone', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const created = await host.form(`/ecosystems/${ecoId}/lets-meet/new`, bookingForm(), csrf);
  const id = idFrom(created.headers.get('location'));
  const response = await host.form(
    `/meetings/${id}/reschedule`,
    { startLocal: '2031-07-01T10:00', durationMinutes: '45' },
    csrf,
  );
  assert.equal(response.status, 303);
  const [row] = await t.deps.database.db.select().from(meetings).where(eq(meetings.id, id));
  assert.equal(row!.startAt.toISOString(), '2031-07-01T07:00:00.000Z');
  assert.equal(row!.durationMinutes, 45);
});

test('a member of another ecosystem gets 404 for every page and form of this one', async () => {
  const csrf = await host.csrfToken(`/ecosystems/${ecoId}/lets-meet/new`);
  const created = await host.form(`/ecosystems/${ecoId}/lets-meet/new`, bookingForm({ kind: 'event' }), csrf);
  const id = idFrom(created.headers.get('location'));
  const outsiderCsrf = await outsider.csrfToken('/ecosystems');
  for (const path of [
    `/ecosystems/${ecoId}`,
    `/ecosystems/${ecoId}/lets-meet`,
    `/ecosystems/${ecoId}/lets-meet/manage`,
    `/ecosystems/${ecoId}/lets-meet/manage/zoom-card`,
    `/ecosystems/${ecoId}/lets-meet/new?kind=booking`,
    `/meetings/${id}`,
  ]) {
    const response = await outsider.get(path);
    assert.equal(response.status, 404, path);
    assert.doesNotMatch(await response.text(), /Pitch practice|Demo Accelerator/);
  }
  for (const [path, fields] of [
    [`/ecosystems/${ecoId}/lets-meet/new`, bookingForm()],
    [`/ecosystems/${ecoId}/members`, { email: 'olli@example.com', role: 'admin' }],
    [`/meetings/${id}/cancel`, {}],
    [`/meetings/${id}/reschedule`, { startLocal: '2031-07-01T10:00', durationMinutes: '45' }],
    [`/meetings/${id}/registrations`, { email: 'olli@example.com', name: 'Olli' }],
  ] as const) {
    const response = await outsider.form(path, fields as Record<string, string>, outsiderCsrf);
    assert.equal(response.status, 404, path);
  }
  assert.ok(outsiderEcoId);
});

test('signed-out visitors are sent to sign in, and come back afterwards', async () => {
  const anonymous = new Client(t.app);
  const response = await anonymous.get(`/ecosystems/${ecoId}/lets-meet`);
  assert.equal(response.status, 303);
  assert.equal(
    response.headers.get('location'),
    `/signin?next=${encodeURIComponent(`/ecosystems/${ecoId}/lets-meet`)}`,
  );
});

test('the Manage page shows the Zoom card and the members; admins get the invite form', async () => {
  const page = await (await host.get(`/ecosystems/${ecoId}/lets-meet/manage`)).text();
  assert.match(page, /id="zoom-card"/);
  assert.match(page, /Mika Member/);
  assert.match(page, /Invite someone/);
  const memberPage = await (await member.get(`/ecosystems/${ecoId}/lets-meet/manage`)).text();
  assert.doesNotMatch(memberPage, /Invite someone/);
});
