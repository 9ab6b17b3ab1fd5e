/**
 * The consent pages (docs/product.md §2) as a person uses them: an admin invites from Manage, the invitee
 * accepts on My ecosystems, the host turns on "Let members schedule Zoom meetings with me" next to
 * the Zoom card, and the new-record form says when Zoom is not available for a host and why.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../../db/orm.ts';
import { mailMessages, memberships } from '../../db/schema.ts';
import { Client, createTestApp, future, type TestApp } from '../../../test/helpers/testApp.ts';

let t: TestApp;
let admin: Client;
let host: Client;
let member: Client;
let ecoId: string;
let hostId: string;
let adminId: string;

const manage = () => `/ecosystems/${ecoId}/lets-meet/manage`;

/** Accepts the first pending invitation through the My ecosystems page, as a person would. */
async function acceptOnPage(client: Client): Promise<Response> {
  const html = await (await client.get('/ecosystems')).text();
  const action = /action="(\/invitations\/[0-9a-f-]{36}\/accept)"/.exec(html)?.[1];
  assert.ok(action, 'the page offers Accept');
  return client.form(action, {}, await client.csrfToken('/ecosystems'));
}

before(async () => {
  t = await createTestApp();
  admin = new Client(t.app);
  host = new Client(t.app);
  member = new Client(t.app);
  adminId = (await admin.signUp('Ada Admin', 'ada@example.com')).id;
  hostId = (await host.signUp('Hana Host', 'hana@example.com')).id;
  await member.signUp('Mika Member', 'mika@example.com');
  ecoId = ((await (await admin.api('POST', '/api/ecosystems', { name: 'Demo Accelerator' })).json()) as { id: string })
    .id;
});
after(() => t.close());

test('an admin invites from Manage; the invitee sees it on My ecosystems, accepts, and is a member', async () => {
  const page = await (await admin.get(manage())).text();
  assert.match(page, /Invite someone/);
  assert.match(page, /Pending invitations/);
  const sent = await admin.form(
    `/ecosystems/${ecoId}/members`,
    { email: 'hana@example.com', role: 'host' },
    await admin.csrfToken(manage()),
  );
  assert.equal(sent.status, 303);
  const after = await (await admin.get(sent.headers.get('location')!)).text();
  assert.match(after, /Invitation sent/);
  assert.match(after, /hana@example\.com · Host/);
  await t.queue.runDueJobs();
  const mail = await t.deps.database.db
    .select()
    .from(mailMessages)
    .where(eq(mailMessages.toAddress, 'hana@example.com'));
  assert.ok(
    mail.some((m) => m.subject === 'Ada Admin invited you to Demo Accelerator on Ekosistem App'),
    'the invitee is mailed',
  );

  assert.equal((await host.get(manage())).status, 404, 'not a member before accepting');
  const mine = await (await host.get('/ecosystems')).text();
  assert.match(mine, /Demo Accelerator<\/strong> invited you as/);
  const accepted = await acceptOnPage(host);
  assert.equal(accepted.status, 303);
  assert.equal(accepted.headers.get('location'), `/ecosystems/${ecoId}/lets-meet?notice=invitation_accepted`);
  assert.equal((await host.get(manage())).status, 200);
  assert.doesNotMatch(await (await admin.get(manage())).text(), /hana@example\.com · Host/, 'no longer pending');
});

test('an admin revokes a pending invitation; declining leaves the person outside', async () => {
  await admin.form(
    `/ecosystems/${ecoId}/members`,
    { email: 'mika@example.com', role: 'member' },
    await admin.csrfToken(manage()),
  );
  let page = await (await admin.get(manage())).text();
  const revoke = /action="(\/ecosystems\/[0-9a-f-]{36}\/invitations\/[0-9a-f-]{36}\/revoke)"/.exec(page)![1]!;
  assert.equal((await admin.form(revoke, {}, await admin.csrfToken(manage()))).status, 303);
  assert.doesNotMatch(await (await member.get('/ecosystems')).text(), /invited you as/);

  await admin.form(
    `/ecosystems/${ecoId}/members`,
    { email: 'mika@example.com', role: 'member' },
    await admin.csrfToken(manage()),
  );
  page = await (await member.get('/ecosystems')).text();
  const decline = /action="(\/invitations\/[0-9a-f-]{36}\/decline)"/.exec(page)![1]!;
  const declined = await member.form(decline, {}, await member.csrfToken('/ecosystems'));
  assert.equal(declined.headers.get('location'), '/ecosystems?notice=invitation_declined');
  assert.equal((await member.get(manage())).status, 404);

  await admin.form(
    `/ecosystems/${ecoId}/members`,
    { email: 'mika@example.com', role: 'member' },
    await admin.csrfToken(manage()),
  );
  assert.equal((await acceptOnPage(member)).status, 303);
});

test('the host’s setting sits next to the Zoom card with one line of explanation; members have none', async () => {
  const page = await (await host.get(manage())).text();
  assert.match(page, /id="zoom-card"[\s\S]*id="zoom-for-others"/);
  assert.match(page, /Let members schedule Zoom meetings with me/);
  assert.match(page, /you are emailed about every new one/);
  assert.doesNotMatch(page, /name="zoomForOthers" checked/, 'off by default');
  assert.doesNotMatch(await (await member.get(manage())).text(), /Let members schedule Zoom meetings with me/);

  const saved = await host.form(
    `/ecosystems/${ecoId}/my-settings`,
    { zoomForOthers: 'on' },
    await host.csrfToken(manage()),
  );
  assert.equal(saved.status, 303);
  assert.match(await (await host.get(manage())).text(), /name="zoomForOthers" checked/);
  await host.form(`/ecosystems/${ecoId}/my-settings`, {}, await host.csrfToken(manage()));
  const [row] = await t.deps.database.db.select().from(memberships).where(eq(memberships.userId, hostId));
  assert.equal(row!.zoomForOthers, false, 'an unticked box turns it off');
});

test('the new-record form says when Zoom is not available for a host and why; saving it anyway explains again and keeps the input', async () => {
  const form = await member.get(`/ecosystems/${ecoId}/lets-meet/new?kind=booking`);
  assert.equal(form.status, 303, 'a member books through the hosts’ free slots (bookingPages.test.ts)');
  assert.equal(form.headers.get('location'), `/ecosystems/${ecoId}/lets-meet#book-a-host`);
  assert.match(
    await (await admin.get(`/ecosystems/${ecoId}/lets-meet/new?kind=booking`)).text(),
    /Zoom is not available with Hana Host: a host(?:'|&#39;)s Zoom is used for meetings others schedule only when that host has turned on/,
  );

  // The form's answer to a member who posts it anyway.
  const response = await member.form(
    `/ecosystems/${ecoId}/lets-meet/new`,
    {
      kind: 'booking',
      title: 'Pitch review',
      description: '',
      startLocal: future(5).slice(0, 16),
      timezone: 'UTC',
      durationMinutes: '30',
      hostUserId: hostId,
      locationType: 'zoom',
      address: '',
      url: '',
      attendees: '',
    },
    await member.csrfToken(`/ecosystems/${ecoId}/lets-meet`),
  );
  assert.equal(response.status, 422);
  const html = await response.text();
  assert.match(html, />Hana Host — no Zoom</, 'a member sees the host’s name, not their email (docs/product.md §2)');
  assert.doesNotMatch(html, /Ada Admin/, 'a member books hosts, not admins');
  assert.match(html, /Zoom is not available with Hana Host/);
  assert.match(html, /value="Pitch review"/);

  await host.form(`/ecosystems/${ecoId}/my-settings`, { zoomForOthers: 'on' }, await host.csrfToken(manage()));
  assert.match(
    await (await admin.get(`/ecosystems/${ecoId}/lets-meet/new?kind=booking`)).text(),
    /Zoom is available with every host listed/,
  );
});

test('the last admin cannot demote themselves on Manage; the page says why', async () => {
  const response = await admin.form(
    `/ecosystems/${ecoId}/members/${adminId}/role`,
    { role: 'member' },
    await admin.csrfToken(manage()),
  );
  assert.equal(response.status, 409);
  assert.match(await response.text(), /only admin/);
  const left = await admin.form(`/ecosystems/${ecoId}/members/${adminId}/remove`, {}, await admin.csrfToken(manage()));
  assert.equal(left.status, 409);
});
