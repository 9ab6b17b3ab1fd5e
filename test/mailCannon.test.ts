/**
 * No mail cannon (docs/product.md §2), written as the attacks: one signed-in person drives every route that
 * mails others — invitations (new, re-sent with another role, revoked and re-sent), records with
 * attendees (in person and on someone else's Zoom), reschedules, registrations of others,
 * cancellations — through the API and the forms, until the app refuses; one client address asks
 * for sign-up and reset mails, to fresh addresses and to `+tag` spellings of one mailbox. The
 * mails the app queues stay within the documented limits. Through the HTTP surface, on PGlite and
 * on PostgreSQL; the app's clock is fixed inside one hour, so the count never spans two windows.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { count, gt, sql } from '../src/db/orm.ts';
import { TestClock } from 'pg-boss';
import { invitations, mailMessages, meetings } from '../src/db/schema.ts';
import { Client, connectZoom, createTestApp, distinctFuture, future, type TestApp } from './helpers/testApp.ts';
import { allowZoomForOthers, inviteAndAccept, openAllWeek } from './helpers/membership.ts';

const PER_PERSON_HOUR = 30;
const PER_ECOSYSTEM_HOUR = 12;
const PER_PERSON_DAY = 8;
const PER_CLIENT_HOUR = 20;

const HOUR = 3600_000;
/** Half past the current hour: every count in this file falls in one hour (and one UTC day). */
const clock = new TestClock(new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR / 2));

let t: TestApp;
let seq = 0;
const fresh = (what = 'guest') => `${what}${++seq}@example.com`;
const errorCode = async (response: Response) =>
  ((await response.clone().json()) as { error: { code: string } }).error.code;

/** Mail rows queued after `since` (their ids), by subject. */
async function mailsSince(since: Date): Promise<{ subject: string; to: string; meetingId: string | null }[]> {
  return (
    await t.deps.database.db
      .select({ subject: mailMessages.subject, to: mailMessages.toAddress, meetingId: mailMessages.meetingId })
      .from(mailMessages)
      .where(gt(mailMessages.createdAt, since))
  ).map((m) => ({ ...m }));
}
const dbNow = async () =>
  (await t.deps.database.db.query<{ now: string | Date }>(sql`select clock_timestamp() as now`))[0]!.now;
const asDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

before(async () => {
  t = await createTestApp({
    zoom: true,
    clock,
    env: {
      MAIL_QUOTA_PER_PERSON_HOUR: String(PER_PERSON_HOUR),
      MAIL_QUOTA_PER_ECOSYSTEM_HOUR: '1000',
      MAIL_QUOTA_PER_PERSON_DAY: '1000',
    },
  });
  t.emulator!.control.setLimits({ perSecond: { pro: { light: 1000, medium: 1000, heavy: 1000 } } });
});
after(() => t.close());

/** Every route that mails someone other than the one acting, and how this file drives it. */
const DRIVEN = [
  'POST /api/auth/signup',
  'POST /signup',
  'POST /api/auth/password-reset',
  'POST /password-reset',
  'POST /api/ecosystems/:ecosystemId/members',
  'POST /ecosystems/:id/members',
  'DELETE /api/ecosystems/:ecosystemId/invitations/:invitationId',
  'POST /ecosystems/:id/invitations/:invitationId/revoke',
  'POST /api/ecosystems/:ecosystemId/meetings',
  'POST /ecosystems/:id/lets-meet/new',
  'POST /ecosystems/:id/lets-meet/book/:hostId/confirm',
  'POST /api/meetings/:meetingId/reschedule',
  'POST /meetings/:id/reschedule',
  'POST /api/meetings/:meetingId/registrations',
  'POST /meetings/:id/registrations',
  'POST /api/meetings/:meetingId/cancel',
  'POST /meetings/:id/cancel',
];
/** State-changing routes that mail nobody else, and why. */
const SENDS_NO_MAIL: Record<string, string> = {
  'POST /api/auth/confirm': 'creates the account of the mailbox that confirmed',
  'POST /signup/confirm': 'the same, as a form',
  'POST /api/auth/login': 'signs in',
  'POST /signin': 'signs in',
  'POST /api/auth/logout': 'signs out',
  'POST /signout': 'signs out',
  'POST /api/auth/logout-everywhere': 'ends your sessions',
  'POST /account/signout-everywhere': 'ends your sessions',
  'POST /api/auth/password': 'changes your password',
  'PUT /api/me': 'your own name and time zone',
  'POST /account/profile': 'your own time zone',
  'POST /account/password': 'changes your password',
  'POST /api/auth/password-reset/confirm': 'sets the password of the mailbox that opened the link',
  'POST /password-reset/confirm': 'the same, as a form',
  'POST /api/ecosystems': 'a new ecosystem of your own',
  'POST /ecosystems': 'a new ecosystem of your own',
  'PUT /api/ecosystems/:ecosystemId/members/:userId': 'a role change of a member (no mail)',
  'POST /ecosystems/:id/members/:userId/role': 'a role change of a member (no mail)',
  'DELETE /api/ecosystems/:ecosystemId/members/:userId': 'removes a member (no mail)',
  'POST /ecosystems/:id/members/:userId/remove': 'removes a member (no mail)',
  'PUT /api/ecosystems/:ecosystemId/my-settings': 'your own setting',
  'POST /ecosystems/:id/my-settings': 'your own setting',
  'POST /ecosystems/:id/my-availability': 'your own availability',
  'PUT /api/ecosystems/:ecosystemId/settings':
    'the ecosystem’s reminder times and language (reminders count against no one)',
  'POST /ecosystems/:id/settings': 'the ecosystem’s language, as a form (no mail)',
  'PUT /api/ecosystems/:ecosystemId/my-availability': 'your own availability',
  'POST /api/invitations/:invitationId/accept': 'answers your own invitation',
  'POST /api/invitations/:invitationId/decline': 'answers your own invitation',
  'POST /invitations/:id/accept': 'answers your own invitation',
  'POST /invitations/:id/decline': 'answers your own invitation',
  'POST /integrations/zoom/disconnect': 'your own Zoom connection',
  'POST /integrations/zoom/webhook': 'Zoom → us, signed: the host’s own notice (a system notice)',
};

/** Routes whose mail is bounded by an action counted before, or that are never refused, and why. */
const BOUNDED_ELSEWHERE: Record<string, string> = {
  'POST /api/meetings/:meetingId/approve':
    'the host approves: the invitations were counted against the person who asked, with the request',
  'POST /meetings/:id/approve': 'the same, as a form',
  'POST /api/meetings/:meetingId/decline':
    'never refused, like a cancel: tells the one person who asked, counted against the host',
  'POST /meetings/:id/decline': 'the same, as a form',
  'POST /api/respond/:token': 'a personal link acts once and tells at most the host and the creator',
  'POST /respond/:token': 'the same, as a form',
  'DELETE /api/meetings/:meetingId/registrations/:registrationId':
    'a registration leaves once: its one cancellation counts against whoever removes someone else (never refused, like a cancel); a seat freed mails the one promoted about their own registration',
  'POST /meetings/:id/registrations/:registrationId/remove': 'the same, as a form',
};

test('every state-changing route is driven by this file or sends no mail to anyone else', () => {
  const routes = [
    ...new Set(t.app.routes.filter((r) => !['GET', 'ALL'].includes(r.method)).map((r) => `${r.method} ${r.path}`)),
  ];
  const unclassified = routes.filter((r) => !DRIVEN.includes(r) && !(r in SENDS_NO_MAIL) && !(r in BOUNDED_ELSEWHERE));
  assert.deepEqual(unclassified, [], 'routes that may mail, not driven here');
});

test(`one person driving every mail-sending route gets at most ${PER_PERSON_HOUR} mails out in an hour; then each such route answers 429 mail_quota and stores nothing`, async () => {
  const owner = new Client(t.app);
  const mallory = new Client(t.app);
  const hana = new Client(t.app);
  await owner.signUp('Owner', 'owner@example.com');
  await mallory.signUp('Mallory', 'mallory@example.com');
  const { id: hanaId } = await hana.signUp('Hana Host', 'hana@example.com');
  const eco = ((await (await owner.api('POST', '/api/ecosystems', { name: 'Cannon' })).json()) as { id: string }).id;
  await inviteAndAccept(owner, eco, mallory, 'mallory@example.com', 'admin');
  await inviteAndAccept(owner, eco, hana, 'hana@example.com', 'host');
  t.emulator!.control.createUser({ email: 'hana@example.com' });
  assert.equal((await connectZoom(hana, t.emulator!, 'hana@example.com')).status, 200);
  await allowZoomForOthers(hana, eco);
  await openAllWeek(hana, eco);
  const event = (await (
    await mallory.api('POST', `/api/ecosystems/${eco}/meetings`, {
      kind: 'event',
      title: 'Demo day',
      startTime: future(10),
      durationMinutes: 60,
      timezone: 'UTC',
      location: { type: 'link', url: 'https://meet.example.org/demo' },
    })
  ).json()) as { id: string };
  await t.queue.runDueJobs();
  const since = asDate(await dbNow());

  const csrf = await mallory.csrfToken('/ecosystems');
  const records: string[] = [];
  const booking = (extra: Record<string, unknown> = {}) => ({
    kind: 'booking',
    title: 'Buy now!',
    startTime: distinctFuture(5), // a new time each: the host is never booked twice at once
    durationMinutes: 30,
    timezone: 'UTC',
    hostUserId: hanaId,
    location: { type: 'in_person', address: 'Anywhere' },
    attendeeEmails: [fresh(), fresh(), fresh()],
    ...extra,
  });
  const remember = async (response: Response) => {
    if (response.status === 201) records.push(((await response.clone().json()) as { id: string }).id);
    const location = response.headers.get('location') ?? '';
    const made = /^\/meetings\/([0-9a-f-]{36})\?notice=created/.exec(location);
    if (made) records.push(made[1]!);
    return response;
  };
  const record = () => records.shift();
  let reinvited = fresh('again');
  // Each route, with what it should answer while mail may still go out.
  const routes: { name: string; refusable: boolean; run: () => Promise<Response | undefined> }[] = [
    {
      name: 'invite (API)',
      refusable: true,
      run: () => mallory.api('POST', `/api/ecosystems/${eco}/members`, { email: fresh('invitee'), role: 'member' }),
    },
    {
      name: 'invite (form)',
      refusable: true,
      run: () => mallory.form(`/ecosystems/${eco}/members`, { email: fresh('invitee'), role: 'member' }, csrf),
    },
    {
      name: 're-invite with another role, revoke and invite again (mailed at most once a day)',
      refusable: false,
      async run() {
        const first = await mallory.api('POST', `/api/ecosystems/${eco}/members`, { email: reinvited, role: 'member' });
        if (first.status === 429) {
          reinvited = fresh('again');
          return first;
        }
        await mallory.api('POST', `/api/ecosystems/${eco}/members`, { email: reinvited, role: 'host' });
        const { id } = (await first.json()) as { id: string };
        await mallory.api('DELETE', `/api/ecosystems/${eco}/invitations/${id}`);
        const again = await mallory.api('POST', `/api/ecosystems/${eco}/members`, { email: reinvited, role: 'admin' });
        const [pending] = (
          (await (await mallory.api('GET', `/api/ecosystems/${eco}/invitations`)).json()) as {
            items: { id: string; email: string }[];
          }
        ).items.filter((i) => i.email === reinvited);
        await mallory.form(`/ecosystems/${eco}/invitations/${pending!.id}/revoke`, {}, csrf);
        return again;
      },
    },
    {
      name: 'create with attendees (API)',
      refusable: true,
      run: async () => remember(await mallory.api('POST', `/api/ecosystems/${eco}/meetings`, booking())),
    },
    {
      name: 'create on someone else’s Zoom (API)',
      refusable: true,
      run: async () =>
        remember(
          await mallory.api(
            'POST',
            `/api/ecosystems/${eco}/meetings`,
            booking({ location: { type: 'zoom' }, attendeeEmails: [fresh()] }),
          ),
        ),
    },
    {
      name: 'create with attendees (form)',
      refusable: true,
      run: async () =>
        remember(
          await mallory.form(
            `/ecosystems/${eco}/lets-meet/new`,
            {
              kind: 'booking',
              title: 'Buy now!',
              description: '',
              startLocal: distinctFuture(5).slice(0, 16),
              timezone: 'UTC',
              durationMinutes: '30',
              hostUserId: hanaId,
              locationType: 'in_person',
              address: 'Anywhere',
              url: '',
              attendees: `${fresh()}, ${fresh()}, ${fresh()}`,
            },
            csrf,
          ),
        ),
    },
    {
      // The host is mailed about each meeting put on their Zoom (docs/product.md §2).
      name: 'book a free slot on the host’s Zoom (form)',
      refusable: true,
      run: () =>
        mallory.form(
          `/ecosystems/${eco}/lets-meet/book/${hanaId}/confirm`,
          {
            start: new Date(Date.parse(future(40, 0)) + ++seq * HOUR).toISOString(),
            duration: '30',
            tz: 'UTC',
            title: 'Buy now!',
            note: '',
          },
          csrf,
        ),
    },
    {
      name: 'reschedule (API)',
      refusable: true,
      run: async () => {
        const id = records[0];
        return id
          ? mallory.api('POST', `/api/meetings/${id}/reschedule`, { startTime: distinctFuture(6), durationMinutes: 30 })
          : undefined;
      },
    },
    {
      name: 'reschedule (form)',
      refusable: true,
      run: async () => {
        const id = records[records.length - 1];
        return id
          ? mallory.form(
              `/meetings/${id}/reschedule`,
              { startLocal: distinctFuture(7).slice(0, 16), durationMinutes: '30' },
              csrf,
            )
          : undefined;
      },
    },
    {
      name: 'register someone else (API)',
      refusable: true,
      run: () => mallory.api('POST', `/api/meetings/${event.id}/registrations`, { email: fresh(), name: 'Guest' }),
    },
    {
      name: 'register someone else (form)',
      refusable: true,
      run: () => mallory.form(`/meetings/${event.id}/registrations`, { email: fresh(), name: 'Guest' }, csrf),
    },
    {
      name: 'cancel (API)',
      refusable: false,
      run: async () => {
        const id = record();
        return id ? mallory.api('POST', `/api/meetings/${id}/cancel`) : undefined;
      },
    },
    {
      name: 'cancel (form)',
      refusable: false,
      run: async () => {
        const id = record();
        return id ? mallory.form(`/meetings/${id}/cancel`, {}, csrf) : undefined;
      },
    },
  ];

  const refusedBy = new Map<string, number>();
  const rowCounts = async () =>
    JSON.stringify([
      (await t.deps.database.db.select({ n: count() }).from(meetings))[0]!.n,
      (await t.deps.database.db.select({ n: count() }).from(invitations))[0]!.n,
    ]);
  let allRefused = false;
  for (let round = 0; round < 20 && !allRefused; round++) {
    allRefused = true;
    for (const route of routes) {
      const before = await rowCounts();
      const response = await route.run();
      if (!response) continue;
      assert.ok(response.status < 500, `${route.name}: ${response.status}`);
      if (response.status === 429) {
        assert.ok(route.refusable, `${route.name} is never refused`);
        const text = await response.clone().text();
        if (response.headers.get('content-type')?.includes('json')) {
          assert.equal(await errorCode(response), 'mail_quota', `${route.name}: ${text.slice(0, 200)}`);
          assert.ok(Number(response.headers.get('retry-after')) > 0);
        } else {
          assert.match(text, /more email than one person may send/, route.name);
        }
        assert.equal(await rowCounts(), before, `${route.name}: a refusal stored something`);
        refusedBy.set(route.name, (refusedBy.get(route.name) ?? 0) + 1);
      } else {
        assert.ok(response.status < 400, `${route.name}: ${response.status} ${(await response.text()).slice(0, 200)}`);
        if (route.refusable) allRefused = false;
      }
    }
  }
  // The mail jobs that finish these actions (a Zoom meeting's invitations) add nothing uncounted.
  await t.queue.runDueJobs();
  const mails = await mailsSince(since);
  // Mail Mallory gets about her own bookings (their confirmations) counts against no one.
  const toOthers = mails.filter((m) => m.to !== 'mallory@example.com');
  const cancellations = toOthers.filter((m) => m.subject.startsWith('Cancelled:'));
  const others = toOthers.filter((m) => !m.subject.startsWith('Cancelled:'));
  process.stdout.write(
    `# one person: ${others.length} mails from inviting, creating, rescheduling and registering; ${cancellations.length} cancellation notices; refused: ${[...refusedBy].map(([k, v]) => `${k}×${v}`).join(', ')}\n`,
  );
  assert.ok(allRefused, 'every refusable route ended refused');
  assert.ok(others.length <= PER_PERSON_HOUR, `${others.length} mails, limit ${PER_PERSON_HOUR}`);
  // Cancellations count too (never refused): with them, the person's hour is spent.
  assert.ok(
    others.length + cancellations.length > PER_PERSON_HOUR - 5,
    `the limit was reached (${others.length} + ${cancellations.length})`,
  );
  for (const route of routes.filter((r) => r.refusable)) assert.ok(refusedBy.get(route.name), `${route.name} refused`);
  // Cancelling is never refused, and tells only the people already on the record, once.
  const told = new Set(cancellations.map((m) => `${m.meetingId} ${m.to}`));
  assert.equal(told.size, cancellations.length, 'one cancellation notice per person per record');
  const invitationMails = others.filter((m) => / invited you to /.test(m.subject));
  assert.equal(
    invitationMails.filter((m) => m.to.startsWith('again')).length,
    new Set(invitationMails.filter((m) => m.to.startsWith('again')).map((m) => m.to)).size,
    'an invitation is mailed at most once a day, however often it is re-sent, revoked or its role changed',
  );
});

test(`one ecosystem gets at most ${PER_ECOSYSTEM_HOUR} mails out an hour, whichever of its admins sends; one person at most ${PER_PERSON_DAY} a day`, async () => {
  const strict = await createTestApp({
    testDb: t.testDb,
    clock,
    env: {
      MAIL_QUOTA_PER_ECOSYSTEM_HOUR: String(PER_ECOSYSTEM_HOUR),
      MAIL_QUOTA_PER_PERSON_DAY: String(PER_PERSON_DAY),
    },
  });
  try {
    const [a, b] = [new Client(strict.app), new Client(strict.app)];
    await a.signUp('Admin A', 'admin-a@example.com');
    await b.signUp('Admin B', 'admin-b@example.com');
    const eco = ((await (await a.api('POST', '/api/ecosystems', { name: 'Shared' })).json()) as { id: string }).id;
    await inviteAndAccept(a, eco, b, 'admin-b@example.com', 'admin');
    const since = asDate(await dbNow());
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      for (const admin of [a, b])
        statuses.push(
          (await admin.api('POST', `/api/ecosystems/${eco}/members`, { email: fresh('shared'), role: 'member' }))
            .status,
        );
    const sent = (await mailsSince(since)).length;
    assert.equal(sent, PER_ECOSYSTEM_HOUR - 1, 'A’s earlier invitation of B counted too');
    assert.equal(statuses.filter((s) => s === 201).length, PER_ECOSYSTEM_HOUR - 1);

    // One person across ecosystems: the day's limit.
    const own = async (name: string) =>
      ((await (await a.api('POST', '/api/ecosystems', { name })).json()) as { id: string }).id;
    const other = await own('Another');
    const third = await own('A third');
    let dayStatuses = '';
    for (const ecosystem of [other, third, other, third])
      dayStatuses += `${(await a.api('POST', `/api/ecosystems/${ecosystem}/members`, { email: fresh('day'), role: 'member' })).status} `;
    const refused = await a.api('POST', `/api/ecosystems/${third}/members`, { email: fresh('day'), role: 'member' });
    assert.equal(refused.status, 429, dayStatuses);
    assert.equal(await errorCode(refused), 'mail_quota');
    assert.match(((await refused.json()) as { error: { message: string } }).error.message, /in a day/);
  } finally {
    await strict.close();
  }
});

test(`one client address gets at most ${PER_CLIENT_HOUR} sign-up and reset mails out an hour, then 429 mail_quota; +tags do not make one mailbox many`, async () => {
  const viaProxy = await createTestApp({
    testDb: t.testDb,
    clock,
    env: { TRUST_PROXY: '1', MAIL_QUOTA_PER_CLIENT_HOUR: String(PER_CLIENT_HOUR) },
  });
  try {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const since = asDate(await dbNow());
    const statuses: number[] = [];
    for (let i = 0; i < PER_CLIENT_HOUR + 6; i++) {
      const client = new Client(viaProxy.app);
      const response =
        i % 2
          ? await client.api('POST', '/api/auth/signup', { name: 'Spam', email: fresh('signup') }, from('203.0.113.9'))
          : await client.api('POST', '/api/auth/password-reset', { email: 'owner@example.com' }, from('203.0.113.9'));
      statuses.push(response.status);
      if (response.status === 429) {
        assert.equal(await errorCode(response), 'mail_quota');
        assert.ok(Number(response.headers.get('retry-after')) > 0);
      }
    }
    assert.deepEqual(statuses.slice(0, PER_CLIENT_HOUR), Array(PER_CLIENT_HOUR).fill(202));
    assert.deepEqual(statuses.slice(PER_CLIENT_HOUR), Array(6).fill(429));
    const sent = await mailsSince(since);
    // The resets asked for one mailbox: at most 3 an hour reach it, silently.
    assert.equal(sent.filter((m) => m.to === 'owner@example.com').length, 3);
    assert.ok(sent.length <= PER_CLIENT_HOUR, `${sent.length} mails`);
    // The form says the same; another address is not held back.
    const visitor = new Client(viaProxy.app);
    const csrf = await visitor.csrfToken('/signup');
    const form = await visitor.request('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...from('203.0.113.9') },
      body: new URLSearchParams({ _csrf: csrf, name: 'Spam', email: fresh('signup') }).toString(),
    });
    assert.equal(form.status, 429);
    assert.equal(
      (
        await new Client(viaProxy.app).api(
          'POST',
          '/api/auth/signup',
          { name: 'Fine', email: fresh() },
          from('198.51.100.1'),
        )
      ).status,
      202,
    );

    // One mailbox under many spellings, from many addresses: 3 sign-up mails an hour.
    const tagged = Array.from({ length: 6 }, (_, i) => `Victim+${i}@Example.com`);
    for (const [i, email] of tagged.entries())
      assert.equal(
        (await new Client(viaProxy.app).api('POST', '/api/auth/signup', { name: 'X', email }, from(`192.0.2.${i + 1}`)))
          .status,
        202,
      );
    const toVictim = (await mailsSince(since)).filter((m) => /^victim(\+\d)?@example\.com$/.test(m.to));
    assert.equal(toVictim.length, 3);
  } finally {
    await viaProxy.close();
  }
});
