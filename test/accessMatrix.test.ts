/**
 * docs/product.md §2 as a matrix: every route of the app (read from the app's own route table) × every kind
 * of person — anonymous, someone from another ecosystem, invited-not-accepted, member, attendee,
 * registrant, host, creator, admin. The expected answers below are docs/product.md's rules written out
 * independently of src/policies/, so removing any one rule there turns a cell red.
 *
 * A route that touches no ecosystem data is listed in UNSCOPED with the reason; a route in neither
 * table fails the test, so a new route cannot skip the matrix.
 *
 * State-changing calls act on fresh targets made for that one call (a fresh record, invitation or
 * member), so every cell starts from the same world.
 */
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, connectZoom, createTestApp, future, type TestApp } from './helpers/testApp.ts';
import { allowZoomForOthers, inviteAndAccept, openAllWeek } from './helpers/membership.ts';
import { and, desc, eq, like } from '../src/db/orm.ts';
import { mailMessages, respondLinks } from '../src/db/schema.ts';

const PERSONAS = [
  'anonymous',
  'outsider',
  'invited',
  'member',
  'attendee',
  'registrant',
  'host',
  'creator',
  'admin',
] as const;
type Persona = (typeof PERSONAS)[number];
type Kind = 'booking' | 'mentorship' | 'event';

let t: TestApp;
const client = {} as Record<Persona, Client>;
const email: Record<Persona, string> = {
  anonymous: 'nobody@example.com',
  outsider: 'otto@example.com',
  invited: 'ines@example.com',
  member: 'mia@example.com',
  attendee: 'aaro@example.com',
  registrant: 'riikka@example.com',
  host: 'hanna@example.com',
  creator: 'cecilia@example.com',
  admin: 'aleksi@example.com',
};
const userId = {} as Record<Persona, string>;
let eco = '';
let otherHostId = '';
/** The fixed Zoom records every read is checked against. */
const fixed = {} as Record<Kind, { id: string; title: string; joinUrl: string }>;
let seq = 0;

// ---- docs/product.md §2 rules, stated for the people of this world -------------------------------------

/** Which fixed people are on a record of each kind (see `freshRecord`). */
const creatorOf = (kind: Kind): Persona => (kind === 'booking' ? 'creator' : 'host');
const listedOn = (kind: Kind): Persona[] => (kind === 'event' ? ['registrant'] : ['attendee']);
const inside = (p: Persona) => !['anonymous', 'outsider', 'invited'].includes(p);
const manages = (p: Persona, kind: Kind) => p === 'admin' || p === 'host' || p === creatorOf(kind);
const sees = (p: Persona, kind: Kind) =>
  inside(p) && (manages(p, kind) || kind === 'event' || listedOn(kind).includes(p));
const seesJoin = (p: Persona, kind: Kind) => manages(p, kind) || listedOn(kind).includes(p);
const seesEveryone = (p: Persona, kind: Kind) => manages(p, kind) || (kind !== 'event' && listedOn(kind).includes(p));
const isAdmin = (p: Persona) => p === 'admin';
const hosts = (p: Persona) => p === 'admin' || p === 'host';

/** API answer: 401 outside a session, 404 outside the ecosystem, else `rule`. */
const api = (p: Persona, rule: () => number) => (p === 'anonymous' ? 401 : inside(p) ? rule() : 404);
/** Page answer: sign-in redirect outside a session, 404 outside the ecosystem, else `rule`. */
const page = (p: Persona, rule: () => number) => (p === 'anonymous' ? 303 : inside(p) ? rule() : 404);
/** A record route: 404 when the record does not exist for the person, else `rule`. */
const onRecord = (p: Persona, kind: Kind, asPage: boolean, rule: () => number) =>
  (asPage ? page : api)(p, () => (sees(p, kind) ? rule() : 404));

// ---- World ------------------------------------------------------------------------------------

/**
 * A new hour for each record made or moved, all from one base: the host's records never overlap
 * (one host cannot be in two meetings at once, docs/zoom-facts.md §10.7).
 */
let hours = 0;
const freshStart = () => new Date(Date.parse(future(5)) + ++hours * 3_600_000).toISOString();

async function freshRecord(kind: Kind, location: Record<string, unknown> = { type: 'in_person', address: 'Room 1' }) {
  const title = `${kind} ${++seq}`;
  const by = client[creatorOf(kind)];
  const response = await by.api('POST', `/api/ecosystems/${eco}/meetings`, {
    kind,
    title,
    startTime: freshStart(),
    durationMinutes: 30,
    timezone: 'UTC',
    hostUserId: userId.host,
    location,
    ...(kind === 'event' ? {} : { attendeeEmails: [email.attendee] }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const created = (await response.json()) as { id: string; zoom: { joinUrl?: string } };
  if (kind === 'event') {
    const registered = await client.registrant.api('POST', `/api/meetings/${created.id}/registrations`, {
      email: email.registrant,
      name: 'Riikka',
    });
    assert.equal(registered.status, 201);
  }
  return { id: created.id, title, joinUrl: created.zoom.joinUrl ?? '' };
}

/** A fresh event with the registrant on it, and the id of that registration. */
async function freshRegistration() {
  const { id } = await freshRecord('event');
  const response = await client.host.api('GET', `/api/meetings/${id}`);
  const { attendees } = (await response.json()) as { attendees: { id: string; email: string }[] };
  return { id, registrationId: attendees.find((a) => a.email === email.registrant)!.id };
}

/** A booking the creator asks of the host, who approves first (docs/product.md §13.3): `requested`. */
async function freshRequest() {
  const on = await client.host.api('PUT', `/api/ecosystems/${eco}/my-availability`, { requiresApproval: true });
  assert.equal(on.status, 200);
  const record = await freshRecord('booking');
  const off = await client.host.api('PUT', `/api/ecosystems/${eco}/my-availability`, { requiresApproval: false });
  assert.equal(off.status, 200);
  return record;
}

/** The attendee's personal link (docs/product.md §13.2) from their newest mail about a fresh record. */
async function freshLink(kind: Kind = 'mentorship') {
  const { id } = await freshRecord(kind);
  const [mail] = await t.deps.database.db
    .select({ text: mailMessages.textBody })
    .from(mailMessages)
    .where(
      and(
        eq(mailMessages.meetingId, id),
        eq(mailMessages.toAddress, email[listedOn(kind)[0]!]),
        like(mailMessages.textBody, '%/respond/%'),
      ),
    )
    .orderBy(desc(mailMessages.createdAt))
    .limit(1);
  const token = /\/respond\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  assert.ok(token, `a personal link on the ${kind}`);
  return { token, meetingId: id };
}

async function freshInvitation(to = `guest${++seq}@example.com`) {
  const response = await client.admin.api('POST', `/api/ecosystems/${eco}/members`, { email: to, role: 'member' });
  assert.equal(response.status, 201);
  return ((await response.json()) as { id: string }).id;
}

async function freshMember() {
  const person = new Client(t.app);
  const address = `extra${++seq}@example.com`;
  const { id } = await person.signUp('Extra', address);
  await inviteAndAccept(client.admin, eco, person, address, 'member');
  return id;
}

/** An invitation for the `invited` persona into a fresh ecosystem (so answering it changes nothing here). */
async function freshInvitationForInvitee() {
  const owner = client.outsider;
  const other = (
    (await (await owner.api('POST', '/api/ecosystems', { name: `Elsewhere ${++seq}` })).json()) as { id: string }
  ).id;
  const response = await owner.api('POST', `/api/ecosystems/${other}/members`, {
    email: email.invited,
    role: 'member',
  });
  return ((await response.json()) as { id: string }).id;
}

before(async () => {
  t = await createTestApp({
    zoom: true,
    env: {
      ZOOM_RECORDS_FOR_OTHERS_PER_DAY: '100',
      ZOOM_RECORDS_FOR_OTHERS_TOTAL_PER_DAY: '1000',
      // The matrix makes hundreds of records and invitations: the mail limits are not its subject.
      MAIL_QUOTA_PER_PERSON_HOUR: '100000',
      MAIL_QUOTA_PER_PERSON_DAY: '100000',
      MAIL_QUOTA_PER_ECOSYSTEM_HOUR: '100000',
    },
  });
  t.emulator!.control.setLimits({ perSecond: { pro: { light: 1000, medium: 1000, heavy: 1000 } } });
  for (const p of PERSONAS) {
    client[p] = new Client(t.app);
    if (p !== 'anonymous') userId[p] = (await client[p].signUp(p, email[p])).id;
  }
  eco = ((await (await client.admin.api('POST', '/api/ecosystems', { name: 'Matrix' })).json()) as { id: string }).id;
  await client.outsider.api('POST', '/api/ecosystems', { name: 'Outside' });
  const roles: [Persona, 'host' | 'member'][] = [
    ['member', 'member'],
    ['attendee', 'member'],
    ['registrant', 'member'],
    ['creator', 'member'],
    ['host', 'host'],
  ];
  for (const [p, role] of roles) await inviteAndAccept(client.admin, eco, client[p], email[p], role);
  assert.equal(
    (await client.admin.api('POST', `/api/ecosystems/${eco}/members`, { email: email.invited, role: 'host' })).status,
    201,
  );
  // A second host who has not allowed others' Zoom meetings.
  const other = new Client(t.app);
  otherHostId = (await other.signUp('Otto Host', 'ohost@example.com')).id;
  await inviteAndAccept(client.admin, eco, other, 'ohost@example.com', 'host');
  t.emulator!.control.createUser({ email: 'ohost@example.com' });
  assert.equal((await connectZoom(other, t.emulator!, 'ohost@example.com')).status, 200);
  t.emulator!.control.createUser({ email: email.host });
  assert.equal((await connectZoom(client.host, t.emulator!, email.host)).status, 200);
  await allowZoomForOthers(client.host, eco);
  // The host takes bookings at any time (docs/product.md §12): members' bookings are listed slots.
  await openAllWeek(client.host, eco);
  for (const kind of ['booking', 'mentorship', 'event'] as const)
    fixed[kind] = await freshRecord(kind, { type: 'zoom' });
  for (const kind of ['booking', 'mentorship', 'event'] as const)
    assert.ok(fixed[kind].joinUrl, `${kind} has a join URL`);
});
after(() => t.close());

const PASSWORD = 'correct horse battery';

/** Changes p's password and back (so later cells sign in as before); answers the first change. */
async function changePasswordAndBack(p: Persona, change: (from: string, to: string) => Promise<Response>) {
  const first = await change(PASSWORD, `${PASSWORD} 2`);
  if (first.status < 400 && p !== 'anonymous') {
    const back = await change(`${PASSWORD} 2`, PASSWORD);
    assert.ok(back.status < 400, `${p} changes the password back: ${back.status}`);
  }
  return first;
}

/** Runs an action that ends p's sessions, then signs p's client in again for the next cells. */
async function signInAgainAfter(p: Persona, action: () => Promise<Response>) {
  const response = await action();
  if (p !== 'anonymous') {
    const again = await client[p].api('POST', '/api/auth/login', { email: email[p], password: PASSWORD });
    assert.equal(again.status, 200, `${p} signs in again`);
  }
  return response;
}

// ---- Cells ------------------------------------------------------------------------------------

interface Cell {
  /** The route as Hono lists it, e.g. `GET /api/meetings/:meetingId`. */
  route: string;
  variant?: string;
  run(p: Persona): Promise<Response>;
  expect(p: Persona): number;
  /** Further checks on an allowed answer (what is in it). */
  check?(p: Persona, response: Response): Promise<void>;
}

const KINDS: Kind[] = ['booking', 'mentorship', 'event'];
const json = async <T>(r: Response) => (await r.json()) as T;
const csrf = (p: Persona) => client[p].csrfToken(p === 'anonymous' ? '/signin' : '/ecosystems');
const form = async (p: Persona, path: string, fields: Record<string, string> = {}) =>
  client[p].form(path, fields, await csrf(p));
const booking = (overrides: Record<string, unknown>) => ({
  kind: 'booking',
  title: 'Made in the matrix',
  startTime: freshStart(),
  durationMinutes: 30,
  timezone: 'UTC',
  hostUserId: userId.host,
  location: { type: 'in_person', address: 'Room 2' },
  ...overrides,
});
const formBooking = (overrides: Record<string, string>) => ({
  kind: 'booking',
  title: 'Made in the matrix',
  description: '',
  startLocal: freshStart().slice(0, 16),
  timezone: 'UTC',
  durationMinutes: '30',
  hostUserId: userId.host,
  locationType: 'in_person',
  address: 'Room 2',
  url: '',
  attendees: '',
  ...overrides,
});

/** Checks a record as returned to `p`: join details and people cut to the rules. */
async function checkRecordJson(
  p: Persona,
  kind: Kind,
  record: { attendees: { email: string }[]; zoom: { joinUrl?: string; passcode?: string } },
) {
  assert.equal(Boolean(record.zoom.joinUrl), seesJoin(p, kind), `${p} join URL of the ${kind}`);
  assert.equal(Boolean(record.zoom.passcode), seesJoin(p, kind), `${p} passcode of the ${kind}`);
  const emails = record.attendees.map((a) => a.email);
  const everyone = listedOn(kind).map((q) => email[q]);
  assert.deepEqual(
    emails,
    seesEveryone(p, kind) ? everyone : everyone.filter((e) => e === email[p]),
    `${p} people of the ${kind}`,
  );
}

const cells: Cell[] = [
  // Ecosystem pages and reads
  {
    route: 'GET /api/ecosystems/:ecosystemId/members',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/members`),
    expect: (p) => api(p, () => 200),
    async check(p, response) {
      // Names and roles for everyone; other members' emails for admins only.
      const { items } = await json<{ items: { userId: string; name: string; email?: string }[] }>(response);
      for (const q of ['host', 'member', 'admin'] as const) {
        const item = items.find((m) => m.userId === userId[q]);
        assert.equal(item?.name, q, `${p} sees ${q}'s name`);
        assert.equal(item?.email, isAdmin(p) || p === q ? email[q] : undefined, `${p} sees ${q}'s email`);
      }
    },
  },
  {
    route: 'GET /api/ecosystems/:ecosystemId/meetings',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/meetings`),
    expect: (p) => api(p, () => 200),
    async check(p, response) {
      const { items } = await json<{
        items: { id: string; attendees: { email: string }[]; zoom: { joinUrl?: string; passcode?: string } }[];
      }>(response);
      for (const kind of KINDS) {
        const item = items.find((m) => m.id === fixed[kind].id);
        assert.equal(Boolean(item), sees(p, kind), `${p} lists the ${kind}`);
        if (item) await checkRecordJson(p, kind, item);
      }
    },
  },
  { route: 'GET /ecosystems/:id', run: (p) => client[p].get(`/ecosystems/${eco}`), expect: (p) => page(p, () => 303) },
  {
    route: 'GET /ecosystems/:id/lets-meet',
    run: (p) => client[p].get(`/ecosystems/${eco}/lets-meet`),
    expect: (p) => page(p, () => 200),
    async check(p, response) {
      const html = await response.text();
      for (const kind of KINDS)
        assert.equal(html.includes(`>${fixed[kind].title}<`), sees(p, kind), `${p} sees the ${kind} in the list`);
    },
  },
  {
    route: 'GET /ecosystems/:id/lets-meet/manage',
    run: (p) => client[p].get(`/ecosystems/${eco}/lets-meet/manage`),
    expect: (p) => page(p, () => 200),
    async check(p, response) {
      const html = await response.text();
      assert.equal(html.includes(email.member), isAdmin(p), `${p} sees the member's email on Manage`);
    },
  },
  {
    route: 'GET /ecosystems/:id/lets-meet/manage/zoom-card',
    run: (p) => client[p].get(`/ecosystems/${eco}/lets-meet/manage/zoom-card`),
    expect: (p) => page(p, () => 200),
  },
  {
    route: 'GET /ecosystems/:id/lets-meet/new',
    run: (p) => client[p].get(`/ecosystems/${eco}/lets-meet/new?kind=booking`),
    // Members book a host's free slot (…/book/:hostId); the form is for those who host.
    expect: (p) => page(p, () => (hosts(p) ? 200 : 303)),
  },

  // Records: reads
  ...KINDS.flatMap((kind): Cell[] => [
    {
      route: 'GET /api/meetings/:meetingId',
      variant: kind,
      run: (p) => client[p].api('GET', `/api/meetings/${fixed[kind].id}`),
      expect: (p) => onRecord(p, kind, false, () => 200),
      check: async (p, response) => checkRecordJson(p, kind, await json(response)),
    },
    {
      route: 'GET /meetings/:id',
      variant: kind,
      run: (p) => client[p].get(`/meetings/${fixed[kind].id}`),
      expect: (p) => onRecord(p, kind, true, () => 200),
      async check(p, response) {
        const html = await response.text();
        assert.equal(html.includes(fixed[kind].joinUrl), seesJoin(p, kind), `${p} join URL on the ${kind} page`);
        const others = listedOn(kind).filter((q) => q !== p);
        for (const q of others)
          assert.equal(html.includes(email[q]), seesEveryone(p, kind), `${p} sees ${q} on the ${kind} page`);
      },
    },
  ]),

  // Records: changes (each on a fresh record with the same people)
  ...KINDS.flatMap((kind): Cell[] => [
    {
      route: 'POST /api/meetings/:meetingId/cancel',
      variant: kind,
      run: async (p) => client[p].api('POST', `/api/meetings/${(await freshRecord(kind)).id}/cancel`),
      expect: (p) => onRecord(p, kind, false, () => (manages(p, kind) ? 200 : 403)),
    },
    {
      route: 'POST /meetings/:id/cancel',
      variant: kind,
      run: async (p) => form(p, `/meetings/${(await freshRecord(kind)).id}/cancel`),
      expect: (p) => onRecord(p, kind, true, () => (manages(p, kind) ? 303 : 403)),
    },
    {
      route: 'POST /api/meetings/:meetingId/reschedule',
      variant: kind,
      run: async (p) =>
        client[p].api('POST', `/api/meetings/${(await freshRecord(kind)).id}/reschedule`, {
          startTime: freshStart(),
          durationMinutes: 45,
        }),
      expect: (p) => onRecord(p, kind, false, () => (manages(p, kind) ? 200 : 403)),
    },
    {
      route: 'POST /meetings/:id/reschedule',
      variant: kind,
      run: async (p) =>
        form(p, `/meetings/${(await freshRecord(kind)).id}/reschedule`, {
          startLocal: freshStart().slice(0, 16),
          durationMinutes: '45',
        }),
      expect: (p) => onRecord(p, kind, true, () => (manages(p, kind) ? 303 : 403)),
    },
  ]),
  // Registrations: yourself on an event; someone else only if you manage it; never on a booking.
  {
    route: 'POST /api/meetings/:meetingId/registrations',
    variant: 'event, yourself',
    run: async (p) =>
      client[p].api('POST', `/api/meetings/${(await freshRecord('event')).id}/registrations`, {
        email: email[p],
        name: p,
      }),
    expect: (p) => onRecord(p, 'event', false, () => (p === 'registrant' ? 409 : 201)),
  },
  {
    route: 'POST /api/meetings/:meetingId/registrations',
    variant: 'event, someone else',
    run: async (p) =>
      client[p].api('POST', `/api/meetings/${(await freshRecord('event')).id}/registrations`, {
        email: `guest${++seq}@example.com`,
        name: 'Guest',
      }),
    expect: (p) => onRecord(p, 'event', false, () => (manages(p, 'event') ? 201 : 403)),
  },
  {
    route: 'POST /api/meetings/:meetingId/registrations',
    variant: 'booking',
    run: (p) => client[p].api('POST', `/api/meetings/${fixed.booking.id}/registrations`, { email: email[p], name: p }),
    expect: (p) => onRecord(p, 'booking', false, () => 400),
  },
  {
    route: 'POST /meetings/:id/registrations',
    variant: 'event, someone else',
    run: async (p) =>
      form(p, `/meetings/${(await freshRecord('event')).id}/registrations`, {
        email: `guest${++seq}@example.com`,
        name: 'Guest',
      }),
    expect: (p) => onRecord(p, 'event', true, () => (manages(p, 'event') ? 303 : 403)),
  },

  // Leaving an event (docs/product.md §14): the registrant, or whoever manages the event; to anyone
  // else someone's registration does not exist (404, like a foreign id).
  {
    route: 'DELETE /api/meetings/:meetingId/registrations/:registrationId',
    variant: 'the registrant’s registration',
    run: async (p) => {
      const { id, registrationId } = await freshRegistration();
      return client[p].api('DELETE', `/api/meetings/${id}/registrations/${registrationId}`);
    },
    expect: (p) => onRecord(p, 'event', false, () => (manages(p, 'event') || p === 'registrant' ? 204 : 404)),
  },
  {
    route: 'POST /meetings/:id/registrations/:registrationId/remove',
    variant: 'the registrant’s registration',
    run: async (p) => {
      const { id, registrationId } = await freshRegistration();
      return form(p, `/meetings/${id}/registrations/${registrationId}/remove`);
    },
    expect: (p) => onRecord(p, 'event', true, () => (manages(p, 'event') || p === 'registrant' ? 303 : 404)),
  },

  // Creating records: who may name whom, and whose Zoom
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'booking with a host, in person',
    run: (p) => client[p].api('POST', `/api/ecosystems/${eco}/meetings`, booking({})),
    expect: (p) => api(p, () => 201),
  },
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'mentorship naming the host',
    run: (p) => client[p].api('POST', `/api/ecosystems/${eco}/meetings`, booking({ kind: 'mentorship' })),
    expect: (p) => api(p, () => (hosts(p) ? 201 : 403)),
  },
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'event hosted by yourself',
    run: (p) =>
      client[p].api('POST', `/api/ecosystems/${eco}/meetings`, booking({ kind: 'event', hostUserId: undefined })),
    expect: (p) => api(p, () => (hosts(p) ? 201 : 403)),
  },
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'mentorship naming the other host',
    run: (p) =>
      client[p].api(
        'POST',
        `/api/ecosystems/${eco}/meetings`,
        booking({ kind: 'mentorship', hostUserId: otherHostId }),
      ),
    expect: (p) => api(p, () => (isAdmin(p) ? 201 : 403)),
  },
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'booking naming the admin',
    run: (p) => client[p].api('POST', `/api/ecosystems/${eco}/meetings`, booking({ hostUserId: userId.admin })),
    expect: (p) => api(p, () => (isAdmin(p) ? 201 : 403)),
  },
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'Zoom with a host who allowed it',
    run: (p) => client[p].api('POST', `/api/ecosystems/${eco}/meetings`, booking({ location: { type: 'zoom' } })),
    expect: (p) => api(p, () => 201),
  },
  {
    route: 'POST /api/ecosystems/:ecosystemId/meetings',
    variant: 'Zoom with a host who did not allow it',
    run: (p) =>
      client[p].api(
        'POST',
        `/api/ecosystems/${eco}/meetings`,
        booking({ hostUserId: otherHostId, location: { type: 'zoom' } }),
      ),
    expect: (p) => api(p, () => 422),
  },
  {
    route: 'POST /ecosystems/:id/lets-meet/new',
    variant: 'booking with a host, in person',
    run: (p) => form(p, `/ecosystems/${eco}/lets-meet/new`, formBooking({})),
    expect: (p) => page(p, () => 303),
  },
  {
    route: 'POST /ecosystems/:id/lets-meet/new',
    variant: 'Zoom with a host who did not allow it',
    run: (p) =>
      form(p, `/ecosystems/${eco}/lets-meet/new`, formBooking({ hostUserId: otherHostId, locationType: 'zoom' })),
    expect: (p) => page(p, () => 422),
  },

  // Around the meeting (docs/product.md §13): the ecosystem's reminder settings (admins), the host's
  // answer to a request (the host only), and the personal link, which is its holder's key whoever
  // holds it: signed in or not, any persona gets the same answer.
  {
    route: 'GET /api/ecosystems/:ecosystemId/settings',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/settings`),
    expect: (p) => api(p, () => (isAdmin(p) ? 200 : 403)),
  },
  {
    route: 'PUT /api/ecosystems/:ecosystemId/settings',
    run: (p) => client[p].api('PUT', `/api/ecosystems/${eco}/settings`, { reminderMinutesBefore: [1440, 60] }),
    expect: (p) => api(p, () => (isAdmin(p) ? 200 : 403)),
  },
  {
    route: 'POST /api/meetings/:meetingId/approve',
    run: async (p) => client[p].api('POST', `/api/meetings/${(await freshRequest()).id}/approve`),
    expect: (p) => onRecord(p, 'booking', false, () => (p === 'host' ? 200 : 403)),
  },
  {
    route: 'POST /api/meetings/:meetingId/decline',
    run: async (p) =>
      client[p].api('POST', `/api/meetings/${(await freshRequest()).id}/decline`, { reason: 'Not this week' }),
    expect: (p) => onRecord(p, 'booking', false, () => (p === 'host' ? 200 : 403)),
  },
  {
    route: 'POST /meetings/:id/approve',
    run: async (p) => form(p, `/meetings/${(await freshRequest()).id}/approve`),
    expect: (p) => onRecord(p, 'booking', true, () => (p === 'host' ? 303 : 403)),
  },
  {
    route: 'POST /meetings/:id/decline',
    run: async (p) => form(p, `/meetings/${(await freshRequest()).id}/decline`, { reason: '' }),
    expect: (p) => onRecord(p, 'booking', true, () => (p === 'host' ? 303 : 403)),
  },
  {
    route: 'GET /api/respond/:token',
    run: async (p) => client[p].api('GET', `/api/respond/${(await freshLink()).token}`),
    expect: () => 200,
  },
  {
    route: 'GET /respond/:token',
    run: async (p) => client[p].get(`/respond/${(await freshLink()).token}`),
    expect: () => 200,
  },
  {
    route: 'POST /api/respond/:token',
    run: async (p) => client[p].api('POST', `/api/respond/${(await freshLink()).token}`, { action: 'decline' }),
    expect: () => 200,
  },
  {
    route: 'POST /respond/:token',
    run: async (p) => form(p, `/respond/${(await freshLink()).token}`, { action: 'decline', reason: '' }),
    expect: () => 200,
  },
  {
    route: 'POST /api/respond/:token',
    variant: 'an action the link does not carry',
    run: async (p) => client[p].api('POST', `/api/respond/${(await freshLink()).token}`, { action: 'cancel' }),
    expect: () => 403,
  },
  {
    route: 'POST /api/respond/:token',
    variant: 'a used link, as an unknown one',
    run: async (p) => {
      const { token } = await freshLink();
      const first = await client[p].api('POST', `/api/respond/${token}`, { action: 'decline' });
      assert.equal(first.status, 200);
      return client[p].api('POST', `/api/respond/${token}`, { action: 'decline' });
    },
    expect: () => 404,
  },
  {
    route: 'GET /api/respond/:token',
    variant: 'an expired link, as an unknown one',
    run: async (p) => {
      const { token, meetingId } = await freshLink();
      await t.deps.database.db
        .update(respondLinks)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(respondLinks.meetingId, meetingId));
      return client[p].api('GET', `/api/respond/${token}`);
    },
    expect: () => 404,
  },
  {
    route: 'GET /respond/:token',
    variant: 'a link of another record names only its own',
    run: async (p) => {
      const mine = await freshLink();
      const other = await freshLink();
      const answer = await client[p].api('GET', `/api/respond/${mine.token}`);
      const { record } = (await answer.clone().json()) as { record: { id: string } };
      assert.equal(record.id, mine.meetingId);
      assert.notEqual(record.id, other.meetingId);
      return client[p].get(`/respond/${mine.token.slice(0, -2)}xx`);
    },
    expect: () => 404,
  },

  // Lets Meet: a host's free slots, booking one, and a host's own availability (docs/product.md §12.5)
  {
    route: 'GET /ecosystems/:id/lets-meet/book/:hostId',
    run: (p) => client[p].get(`/ecosystems/${eco}/lets-meet/book/${userId.host}?tz=UTC&duration=120`),
    expect: (p) => page(p, () => 200),
  },
  {
    route: 'GET /ecosystems/:id/lets-meet/book/:hostId/confirm',
    run: (p) =>
      client[p].get(
        `/ecosystems/${eco}/lets-meet/book/${userId.host}/confirm?start=${encodeURIComponent(future(40))}&duration=30&tz=UTC`,
      ),
    expect: (p) => page(p, () => 200),
  },
  {
    route: 'POST /ecosystems/:id/lets-meet/book/:hostId/confirm',
    run: (p) =>
      form(p, `/ecosystems/${eco}/lets-meet/book/${userId.host}/confirm`, {
        // A fresh hour for each call: a slot of the host's, free of every other record.
        start: new Date(Date.parse(future(40, 0)) + ++seq * 3_600_000).toISOString(),
        duration: '30',
        tz: 'UTC',
        title: 'Booked in the matrix',
        note: '',
      }),
    expect: (p) => page(p, () => 303),
  },
  {
    route: 'GET /api/ecosystems/:ecosystemId/my-availability',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/my-availability`),
    expect: (p) => api(p, () => 200),
  },
  {
    route: 'PUT /api/ecosystems/:ecosystemId/my-availability',
    // The same availability openAllWeek gave the host: publishing is for people whose role is host.
    run: (p) =>
      client[p].api('PUT', `/api/ecosystems/${eco}/my-availability`, {
        bookable: true,
        timezone: 'UTC',
        slotStepMinutes: 5,
        minimumNoticeMinutes: 0,
      }),
    expect: (p) => api(p, () => (p === 'host' ? 200 : 403)),
  },
  {
    route: 'GET /api/ecosystems/:ecosystemId/hosts',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/hosts`),
    expect: (p) => api(p, () => 200),
    async check(_p, response) {
      const { items } = await json<{ items: { userId: string }[] }>(response);
      assert.deepEqual(
        items.map((h) => h.userId),
        [userId.host],
      );
    },
  },
  {
    route: 'GET /api/ecosystems/:ecosystemId/hosts/:userId/slots',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/hosts/${userId.host}/slots?duration=30`),
    expect: (p) => api(p, () => 200),
  },
  {
    route: 'GET /api/ecosystems/:ecosystemId/hosts/:userId/slots',
    variant: 'someone who takes no bookings here',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/hosts/${otherHostId}/slots`),
    expect: (p) => api(p, () => 404),
  },
  {
    route: 'POST /ecosystems/:id/my-availability',
    run: (p) =>
      form(p, `/ecosystems/${eco}/my-availability`, {
        bookable: 'on',
        timezone: 'UTC',
        weeklyDay: 'everyday',
        weeklyStart: '00:00',
        weeklyEnd: '00:00',
        durations: '15, 30, 45, 60, 90, 120',
        slotStepMinutes: '5',
        bufferBeforeMinutes: '0',
        bufferAfterMinutes: '0',
        minimumNoticeMinutes: '0',
        horizonDays: '365',
        locationType: 'zoom',
      }),
    expect: (p) => page(p, () => (p === 'host' ? 303 : 403)),
  },

  // People of the ecosystem
  {
    route: 'POST /api/ecosystems/:ecosystemId/members',
    run: (p) =>
      client[p].api('POST', `/api/ecosystems/${eco}/members`, { email: `new${++seq}@example.com`, role: 'member' }),
    expect: (p) => api(p, () => (isAdmin(p) ? 201 : 403)),
  },
  {
    route: 'POST /ecosystems/:id/members',
    run: (p) => form(p, `/ecosystems/${eco}/members`, { email: `new${++seq}@example.com`, role: 'member' }),
    expect: (p) => page(p, () => (isAdmin(p) ? 303 : 403)),
  },
  {
    route: 'PUT /api/ecosystems/:ecosystemId/members/:userId',
    run: (p) => client[p].api('PUT', `/api/ecosystems/${eco}/members/${userId.member}`, { role: 'member' }),
    expect: (p) => api(p, () => (isAdmin(p) ? 200 : 403)),
  },
  {
    route: 'POST /ecosystems/:id/members/:userId/role',
    run: (p) => form(p, `/ecosystems/${eco}/members/${userId.member}/role`, { role: 'member' }),
    expect: (p) => page(p, () => (isAdmin(p) ? 303 : 403)),
  },
  {
    route: 'DELETE /api/ecosystems/:ecosystemId/members/:userId',
    run: async (p) => client[p].api('DELETE', `/api/ecosystems/${eco}/members/${await freshMember()}`),
    expect: (p) => api(p, () => (isAdmin(p) ? 204 : 403)),
  },
  {
    route: 'POST /ecosystems/:id/members/:userId/remove',
    run: async (p) => form(p, `/ecosystems/${eco}/members/${await freshMember()}/remove`),
    expect: (p) => page(p, () => (isAdmin(p) ? 303 : 403)),
  },
  {
    route: 'GET /api/ecosystems/:ecosystemId/invitations',
    run: (p) => client[p].api('GET', `/api/ecosystems/${eco}/invitations`),
    expect: (p) => api(p, () => (isAdmin(p) ? 200 : 403)),
  },
  {
    route: 'DELETE /api/ecosystems/:ecosystemId/invitations/:invitationId',
    run: async (p) => client[p].api('DELETE', `/api/ecosystems/${eco}/invitations/${await freshInvitation()}`),
    expect: (p) => api(p, () => (isAdmin(p) ? 204 : 403)),
  },
  {
    route: 'POST /ecosystems/:id/invitations/:invitationId/revoke',
    run: async (p) => form(p, `/ecosystems/${eco}/invitations/${await freshInvitation()}/revoke`),
    expect: (p) => page(p, () => (isAdmin(p) ? 303 : 403)),
  },
  {
    route: 'PUT /api/ecosystems/:ecosystemId/my-settings',
    run: (p) => client[p].api('PUT', `/api/ecosystems/${eco}/my-settings`, { zoomForOthers: true }),
    expect: (p) => api(p, () => (hosts(p) ? 200 : 403)),
  },
  {
    route: 'POST /ecosystems/:id/settings',
    run: (p) => form(p, `/ecosystems/${eco}/settings`, { locale: 'en' }),
    expect: (p) => page(p, () => (isAdmin(p) ? 303 : 403)),
  },
  {
    route: 'POST /ecosystems/:id/my-settings',
    run: (p) => form(p, `/ecosystems/${eco}/my-settings`, { zoomForOthers: 'on' }),
    expect: (p) => page(p, () => (hosts(p) ? 303 : 403)),
  },

  // Your own account: only ever the session's own (signed out: 401 or the sign-in page)
  {
    route: 'GET /account',
    run: (p) => client[p].get('/account'),
    expect: (p) => (p === 'anonymous' ? 303 : 200),
    async check(p, response) {
      assert.ok((await response.text()).includes(email[p]), `${p} sees their own account`);
    },
  },
  {
    route: 'POST /api/auth/password',
    run: (p) =>
      changePasswordAndBack(p, (from, to) =>
        client[p].api('POST', '/api/auth/password', { currentPassword: from, newPassword: to }),
      ),
    expect: (p) => (p === 'anonymous' ? 401 : 204),
  },
  {
    route: 'POST /account/password',
    run: (p) =>
      changePasswordAndBack(p, (from, to) => form(p, '/account/password', { currentPassword: from, newPassword: to })),
    expect: () => 303,
  },
  {
    route: 'POST /api/auth/logout-everywhere',
    run: (p) => signInAgainAfter(p, () => client[p].api('POST', '/api/auth/logout-everywhere')),
    expect: (p) => (p === 'anonymous' ? 401 : 204),
  },
  {
    route: 'POST /account/signout-everywhere',
    run: (p) => signInAgainAfter(p, () => form(p, '/account/signout-everywhere')),
    expect: () => 303,
  },

  // Invitations addressed to me
  {
    route: 'GET /api/invitations',
    run: (p) => client[p].api('GET', '/api/invitations'),
    expect: (p) => (p === 'anonymous' ? 401 : 200),
    async check(p, response) {
      const { items } = await json<{ items: { ecosystem: { id: string } }[] }>(response);
      assert.equal(
        items.some((i) => i.ecosystem.id === eco),
        p === 'invited',
        `${p} is invited`,
      );
    },
  },
  {
    route: 'GET /ecosystems',
    run: (p) => client[p].get('/ecosystems'),
    expect: (p) => (p === 'anonymous' ? 303 : 200),
    async check(p, response) {
      assert.equal(
        /<h2 id="invitations-heading">/.test(await response.text()),
        p === 'invited',
        `${p} sees an invitation`,
      );
    },
  },
  ...(['accept', 'decline'] as const).flatMap((answer): Cell[] => [
    {
      route: `POST /api/invitations/:invitationId/${answer}`,
      run: async (p) => client[p].api('POST', `/api/invitations/${await freshInvitationForInvitee()}/${answer}`),
      expect: (p) => (p === 'anonymous' ? 401 : p === 'invited' ? 200 : 404),
    },
    {
      route: `POST /invitations/:id/${answer}`,
      run: async (p) => form(p, `/invitations/${await freshInvitationForInvitee()}/${answer}`),
      expect: (p) => (p === 'anonymous' ? 303 : p === 'invited' ? 303 : 404),
    },
  ]),
];

/** Routes that show or change no ecosystem data, and why they are outside the matrix. */
const UNSCOPED: Record<string, string> = {
  'ALL /*': 'middleware',
  'GET /healthz': 'health',
  'GET /readyz': 'readiness',
  'GET /metrics': 'operator metrics (no records)',
  'GET /api/openapi.json': 'the API description',
  'GET /help/zoom': 'the public help page',
  'GET /assets/:name': 'the pages’ static scripts',
  'POST /api/auth/signup': 'account: sign-up',
  'POST /api/auth/confirm': 'account: sign-up confirmation',
  'POST /api/auth/login': 'account: sign-in',
  'POST /api/auth/logout': 'account: sign-out',
  'POST /api/auth/password-reset': 'account: asks for a reset link by mail (the same answer for any email)',
  'POST /api/auth/password-reset/confirm': 'account: the mailed token names the account',
  'GET /api/me': 'the signed-in user only',
  'PUT /api/me': 'the signed-in user only: their own name and time zone',
  'POST /account/profile': 'account: their own time zone',
  'POST /api/ecosystems': 'creates a new ecosystem of your own',
  'GET /api/ecosystems': 'your own ecosystems only',
  'POST /ecosystems': 'creates a new ecosystem of your own',
  'GET /': 'redirect',
  'GET /signin': 'account',
  'POST /signin': 'account',
  'GET /signup': 'account',
  'POST /signup': 'account',
  'GET /signup/sent': 'account',
  'GET /signup/confirm': 'account',
  'POST /signup/confirm': 'account',
  'POST /signout': 'account',
  'GET /password-reset': 'account: the reset pages (the mailed token names the account)',
  'POST /password-reset': 'account',
  'GET /password-reset/sent': 'account',
  'POST /password-reset/confirm': 'account',
  'POST /integrations/zoom/webhook': 'Zoom → us, signed by Zoom (test/zoomWebhook.test.ts)',
  'GET /integrations/zoom/connect': 'your own Zoom connection (test/zoomConnection.test.ts)',
  'GET /integrations/zoom/callback': 'your own Zoom connection (test/zoomConnection.test.ts)',
  'POST /integrations/zoom/disconnect': 'your own Zoom connection (test/zoomConnection.test.ts)',
  'GET /dev/mailbox': 'emulator mode only: the local stand-in for everyone’s inbox',
  'GET /dev/mailbox/messages.json': 'emulator mode only',
  'GET /dev/mailbox/:id': 'emulator mode only',
  'GET /dev/mailbox/:id/invite.ics': 'emulator mode only',
};

test('every route is in the matrix or explained as unscoped', () => {
  const covered = new Set(cells.map((c) => c.route));
  const routes = [...new Set(t.app.routes.map((r) => `${r.method} ${r.path}`))];
  const missing = routes.filter((r) => !covered.has(r) && !(r in UNSCOPED));
  assert.deepEqual(missing, [], 'routes with no access rule in the matrix');
  const stale = [...covered].filter((r) => !routes.includes(r));
  assert.deepEqual(stale, [], 'matrix rows for routes that no longer exist');
});

test('every route × every person answers as docs/product.md §2 says', async () => {
  const failures: string[] = [];
  let checked = 0;
  for (const cell of cells) {
    for (const p of PERSONAS) {
      const label = `${cell.route}${cell.variant ? ` (${cell.variant})` : ''} as ${p}`;
      const response = await cell.run(p);
      const expected = cell.expect(p);
      checked++;
      if (response.status !== expected) {
        failures.push(`${label}: ${response.status}, expected ${expected} — ${(await response.text()).slice(0, 160)}`);
        continue;
      }
      if (expected === 303 && p === 'anonymous') {
        if (!response.headers.get('location')?.startsWith('/signin'))
          failures.push(`${label}: redirect to ${response.headers.get('location')}`);
      }
      if (cell.check && expected < 300) {
        try {
          await cell.check(p, response);
        } catch (error) {
          failures.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${checked} cells differ from docs/product.md §2`);
  console.log(
    `access matrix: ${checked} cells (${cells.length} route variants × ${PERSONAS.length} people), all as docs/product.md §2 says`,
  );
  assert.ok(checked >= 400, `${checked} cells`);
});
