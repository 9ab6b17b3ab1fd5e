/**
 * The whole journey of three people, each in their own browser context, against `src/main.ts` in
 * emulator mode (PGlite + the in-process Zoom emulator, mail at /dev/mailbox): Hana signs up
 * (choosing her password on the confirmation page), creates an ecosystem and invites Ben, who
 * signs up and accepts; Hana connects Zoom in a new tab (the first tab updates without a reload),
 * creates a booking, a mentorship session and an event with location Zoom; Ben sees the join link
 * and the invite mail, registers for the event; Hana reschedules (new link), cancels (its state),
 * meets "Reconnect Zoom" after the emulator kills her refresh token, reconnects, and disconnects
 * (what the page says about upcoming meetings). Hugo, invited as a host, opens his free times on
 * Manage and sees the preview; Ben, whose browser is in Stockholm, books one of them from the week
 * of Hugo's free slots shown in his own zone. Ben forgets his password and gets back in with the
 * mailed link; Hana changes hers on the account page and signs out everywhere.
 *
 * Every page of the journey goes through `checkPage` (test/browser/pageChecks.ts): axe-core scan,
 * labels, keyboard, 390 px width, screenshots into test-results/screenshots/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.ts';
import { freePort } from '../helpers/freePort.ts';
import { checkPage, DESKTOP, PHONE, reports, SCREENSHOT_DIR } from './pageChecks.ts';

let app: AppProcess;
let browser: Browser;
let base: string;
let emulator: string;
let dataDir: string;
let hana: BrowserContext;
let ben: BrowserContext;
let hugo: BrowserContext;
let hanaPage: Page;
let benPage: Page;
let hugoPage: Page;
let ecosystemUrl = '';
const records: Record<'booking' | 'mentorship' | 'event' | 'waiting', { url: string; joinUrl: string }> = {
  booking: { url: '', joinUrl: '' },
  mentorship: { url: '', joinUrl: '' },
  event: { url: '', joinUrl: '' },
  waiting: { url: '', joinUrl: '' },
};

before(async () => {
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true }); // this run's pictures only
  dataDir = mkdtempSync(join(tmpdir(), 'ekos-journey-'));
  const port = await freePort();
  const emulatorPort = await freePort();
  base = `http://localhost:${port}`;
  emulator = `http://127.0.0.1:${emulatorPort}`;
  app = await startAppProcess({
    PORT: String(port),
    APP_BASE_URL: base,
    DATA_DIR: dataDir,
    ZOOM_EMULATOR_PORT: String(emulatorPort),
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // bypassCSP: the app's Content-Security-Policy allows only its own /assets scripts; axe-core is
  // injected by the test (page.addScriptTag), which the policy would otherwise block.
  hana = await browser.newContext({ bypassCSP: true, viewport: DESKTOP });
  // Ben's browser is in Stockholm: the booking pages show free slots in the zone his browser reports.
  ben = await browser.newContext({ bypassCSP: true, viewport: DESKTOP, timezoneId: 'Europe/Stockholm' });
  hugo = await browser.newContext({ bypassCSP: true, viewport: DESKTOP });
  hanaPage = await hana.newPage();
  benPage = await ben.newPage();
  hugoPage = await hugo.newPage();
});

after(async () => {
  await browser?.close();
  try {
    // Fails if the app left Hana overlapping meetings at Zoom (docs/zoom-facts.md §10.7).
    await app?.stop();
  } finally {
    // The app's log beside the screenshots, for reading a failure after the fact.
    if (app) writeFileSync(join(SCREENSHOT_DIR, '..', 'journey-app.log'), app.output.join('\n'));
    rmSync(dataDir, { recursive: true, force: true });
    if (reports.length) {
      const minor = reports.flatMap((r) => r.violations.map((v) => `${r.step}: ${v.id} (${v.impact}, ${v.nodes})`));
      console.log(
        `# ${reports.length} pages checked; screenshots in ${SCREENSHOT_DIR}; minor/moderate axe findings: ${minor.length ? minor.join('; ') : 'none'}`,
      );
    }
  }
});

function localIn(days: number, hour = 10): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

interface MailItem {
  to: string;
  subject: string;
  text: string;
  ics: string | null;
}

/** Waits (polling, bounded) until a message to `to` whose subject matches is in the mailbox. */
async function mailTo(to: string, subject: RegExp, options: { contains?: string } = {}): Promise<MailItem> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { items } = (await (await fetch(`${base}/dev/mailbox/messages.json`)).json()) as { items: MailItem[] };
    const found = items.find(
      (m) => m.to === to && subject.test(m.subject) && (!options.contains || m.text.includes(options.contains)),
    );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `no mail to ${to} matching ${subject}; have: ${items.map((m) => `${m.to}: ${m.subject}`).join(' | ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function emulatorControl(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulator}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? undefined : response.json();
}

/**
 * Polls (bounded) until the record's Zoom status, read through the JSON API with the context's
 * session, is `status`; pages do not refresh themselves, so the caller reloads afterwards. (Not
 * page.waitForFunction: it does not await an async predicate, so a fetch in it never waits.)
 */
async function waitForZoomStatus(context: BrowserContext, recordUrl: string, status: string) {
  const id = recordUrl.split('/').pop()!;
  const deadline = Date.now() + 20_000;
  let last = '';
  for (;;) {
    const response = await context.request.get(`${base}/api/meetings/${id}`);
    last = response.ok()
      ? ((await response.json()) as { zoom: { status: string } }).zoom.status
      : `HTTP ${response.status()}`;
    if (last === status) return;
    if (Date.now() > deadline) throw new Error(`record ${id}: Zoom status ${last}, waited for ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const PASSWORD = 'a long enough password';

/** Signs up through the pages; `check: false` skips the page checks (pages another step checked already). */
async function signUp(page: Page, name: string, email: string, step: string, options: { check?: boolean } = {}) {
  const check = (name: string) => (options.check === false ? undefined : checkPage(page, `${step} ${name}`));
  await page.goto(`${base}/signup`);
  await check('sign-up form');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=email]', email);
  await page.click('button:has-text("Sign up")');
  await page.waitForURL(`${base}/signup/sent`);
  await check('check your email');
  const mail = await mailTo(email, /Confirm your email/);
  const link = /https?:\/\/\S+\/signup\/confirm\?token=[\w-]+/.exec(mail.text)?.[0];
  assert.ok(link, mail.text);
  await page.goto(link);
  // The password is chosen here, by whoever holds the mailbox; the name typed at sign-up is suggested.
  assert.equal(await page.inputValue('input[name=name]'), name);
  await check('confirm email');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button:has-text("Create account and sign in")');
  await page.waitForURL(`${base}/ecosystems`);
}

/** Opens Connect/Reconnect Zoom in a new tab, authorizes as `email`, and checks the first tab updates without a reload. */
async function connectZoomInNewTab(email: string, step: string) {
  const page = hanaPage;
  const navigations: string[] = [];
  const onNavigate = (frame: { url(): string }) => frame === page.mainFrame() && navigations.push(frame.url());
  page.on('framenavigated', onNavigate);
  const [zoomTab] = await Promise.all([hana.waitForEvent('page'), page.click('#connect-zoom')]);
  await zoomTab.waitForLoadState();
  assert.match(await zoomTab.title(), /Sign in to Zoom \(emulated\)/);
  await zoomTab.fill('input[name=email]', email);
  await zoomTab.click('#authorize');
  await zoomTab.waitForSelector('#zoom-connected');
  await checkPage(zoomTab, `${step} zoom connected tab`);
  await page.waitForSelector('#zoom-card[data-status=connected]', { timeout: 15_000 });
  page.off('framenavigated', onNavigate);
  assert.deepEqual(navigations, [], 'the first tab was not reloaded');
  assert.match(
    (await page.textContent('#zoom-card')) ?? '',
    new RegExp(`Zoom connected \\(${email.replace('.', '\\.')}\\) · Licensed`),
  );
  await zoomTab.close();
}

/** Fills the new-record form for `kind` with location Zoom and saves; answers the record's URL and join URL. */
async function createZoomRecord(
  kind: 'booking' | 'mentorship' | 'event',
  title: string,
  days: number,
  attendees: string,
): Promise<{ url: string; joinUrl: string }> {
  const page = hanaPage;
  await page.goto(`${ecosystemUrl}/new?kind=${kind}`);
  await page.fill('input[name=title]', title);
  await page.fill('input[name=startLocal]', localIn(days));
  await page.selectOption('select[name=timezone]', 'Europe/Helsinki');
  await page.check('input[name=locationType][value=zoom]');
  await page.fill('textarea[name=attendees]', attendees);
  await page.click('button:has-text("Save")');
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
  const joinUrl = (await page.getAttribute('#join-url', 'href', { timeout: 10_000 })) ?? '';
  assert.match(joinUrl, /\/j\/\d{11}\?pwd=/);
  return { url: page.url().split('?')[0]!, joinUrl };
}

test('two people, the whole journey, every page accessible and phone-wide', async (t) => {
  // Steps build on each other: after a failure the rest are skipped, so the first failure is the report.
  let failed = false;
  const step = async (name: string, fn: () => Promise<void> | void) =>
    t.test(name, { skip: failed ? 'an earlier step failed' : false }, async () => {
      try {
        await fn();
      } catch (error) {
        failed = true;
        throw error;
      }
    });

  await step('Hana signs up (the form, "check your email", the mailed link, confirm)', async () => {
    await signUp(hanaPage, 'Hana Host', 'hana@example.com', 'hana');
    await checkPage(hanaPage, 'hana my ecosystems (empty)');
  });

  await step('Hana creates an ecosystem', async () => {
    await hanaPage.fill('input[name=name]', 'Northwind Accelerator');
    await hanaPage.click('button:has-text("Create ecosystem")');
    await hanaPage.waitForURL(/\/lets-meet\?notice=ecosystem_created/);
    ecosystemUrl = hanaPage.url().split('?')[0]!;
    assert.match((await hanaPage.textContent('main')) ?? '', /Ecosystem created/);
    await checkPage(hanaPage, 'hana lets meet (new ecosystem)');
  });

  await step('Hana invites Ben from Manage', async () => {
    await hanaPage.click('text=Lets Meet → Manage');
    await hanaPage.waitForSelector('#zoom-card[data-status=not_connected]');
    await checkPage(hanaPage, 'hana manage (not connected)');
    await hanaPage.fill('input[name=email]', 'ben@example.com');
    await hanaPage.selectOption('select[name=role]', 'member');
    await hanaPage.click('button:has-text("Send invitation")');
    await hanaPage.waitForURL(/notice=invitation_sent/);
    assert.match((await hanaPage.textContent('#pending-invitations')) ?? '', /ben@example\.com · Member/);
    await mailTo('ben@example.com', /Hana Host invited you to Northwind Accelerator/);
  });

  await step('Ben signs up and accepts the invitation, with the keyboard', async () => {
    await signUp(benPage, 'Ben Attendee', 'ben@example.com', 'ben');
    await benPage.waitForSelector('#invitations');
    await checkPage(benPage, 'ben my ecosystems (invitation)');
    // Tab to the Accept button and press Enter: no mouse.
    for (let i = 0; i < 30 && !(await benPage.evaluate(() => document.activeElement?.textContent === 'Accept')); i++)
      await benPage.keyboard.press('Tab');
    await Promise.all([benPage.waitForURL(/notice=invitation_accepted/), benPage.keyboard.press('Enter')]);
    assert.match(
      (await benPage.textContent('main')) ?? '',
      /Welcome! You are now a member[\s\S]*Northwind Accelerator/,
    );
    await checkPage(benPage, 'ben lets meet (joined)');
  });

  await step('Hana connects Zoom in a new tab; Manage updates without a reload', async () => {
    await hanaPage.goto(`${ecosystemUrl}/manage`);
    await connectZoomInNewTab('hana@example.com', 'hana connect');
    assert.match((await hanaPage.textContent('#zoom-card')) ?? '', /No upcoming Zoom meetings/);
    await checkPage(hanaPage, 'hana manage (connected)', { tour: { name: 'manage-connected', height: 1000 } });
  });

  await step('the new-record form: a refused field is marked next to it and the input is kept', async () => {
    await hanaPage.goto(`${ecosystemUrl}/new?kind=booking`);
    // The radios sit left of their labels, on one line (not centred above them).
    const radio = await hanaPage.locator('input[name=locationType][value=zoom]').boundingBox();
    const label = await hanaPage.locator('label.choice', { hasText: 'Zoom (a meeting' }).boundingBox();
    assert.ok(
      radio &&
        label &&
        radio.x - label.x < 12 &&
        radio.width < 30 &&
        radio.y >= label.y &&
        radio.y + radio.height <= label.y + label.height + 1,
      `radio beside its label: ${JSON.stringify({ radio, label })}`,
    );
    await checkPage(hanaPage, 'hana new booking form', { tour: { name: 'new-record-form', height: 1500 } });
    await hanaPage.fill('input[name=title]', 'Pitch review');
    await hanaPage.fill(
      'input[name=startLocal]',
      `${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}T10:00`,
    );
    await hanaPage.fill('textarea[name=attendees]', 'ben@example.com');
    await hanaPage.click('button:has-text("Save")');
    await hanaPage.waitForSelector('#startLocal-error');
    assert.match((await hanaPage.textContent('#startLocal-error')) ?? '', /must be in the future/);
    assert.equal(await hanaPage.getAttribute('input[name=startLocal]', 'aria-invalid'), 'true');
    assert.equal(await hanaPage.getAttribute('input[name=startLocal]', 'aria-describedby'), 'startLocal-error');
    assert.equal(await hanaPage.inputValue('input[name=title]'), 'Pitch review', 'the title is kept');
    assert.equal(await hanaPage.inputValue('textarea[name=attendees]'), 'ben@example.com', 'the attendees are kept');
    await checkPage(hanaPage, 'hana new booking form with a field error');
  });

  await step(
    'Hana creates a booking, a mentorship session and an event on Zoom and sees their join links',
    async () => {
      records.booking = await createZoomRecord('booking', 'Pitch review', 3, 'ben@example.com');
      assert.match((await hanaPage.textContent('#zoom-status')) ?? '', /Zoom ready/);
      await checkPage(hanaPage, 'hana booking with join link', { tour: { name: 'record-join-link', height: 860 } });
      records.mentorship = await createZoomRecord('mentorship', 'Mentoring: fundraising', 4, 'ben@example.com');
      await checkPage(hanaPage, 'hana mentorship with join link');
      records.event = await createZoomRecord('event', 'Demo day rehearsal', 5, '');
      await checkPage(hanaPage, 'hana event with join link');
      await hanaPage.goto(ecosystemUrl);
      assert.equal(await hanaPage.locator('[data-zoom-status=created]').count(), 3);
      await checkPage(hanaPage, 'hana lets meet (three records)');
    },
  );

  await step('Ben sees the join link on the booking and the invite mail', async () => {
    await benPage.goto(ecosystemUrl);
    await checkPage(benPage, 'ben lets meet (records)');
    await benPage.click('text=Pitch review');
    assert.equal(await benPage.getAttribute('#join-url', 'href'), records.booking.joinUrl);
    await checkPage(benPage, 'ben booking with join link');
    const invite = await mailTo('ben@example.com', /Pitch review/, { contains: records.booking.joinUrl });
    assert.match(invite.ics ?? '', /METHOD:REQUEST[\s\S]*LOCATION:https?:\/\/\S+\/j\/\d{11}/);
    await benPage.goto(`${base}/dev/mailbox`);
    await checkPage(benPage, 'mailbox', { keyboard: false });
    await benPage.click('tr:has-text("ben@example.com") a:has-text("Pitch review") >> nth=0');
    assert.ok(
      ((await benPage.textContent('body')) ?? '').includes(records.booking.joinUrl),
      'the join URL is in the mail',
    );
    await checkPage(benPage, 'mailbox invite with join link', { keyboard: false });
  });

  await step('Ben registers for the event with the keyboard and then sees its join link', async () => {
    await benPage.goto(records.event.url);
    assert.equal(await benPage.locator('#join-url').count(), 0, 'no link before registering');
    assert.match((await benPage.textContent('#zoom-status')) ?? '', /once you register/);
    await checkPage(benPage, 'ben event before registering');
    await benPage.focus('form[action$="/registrations"] input[name=name]');
    await benPage.keyboard.press('Tab');
    assert.equal(await benPage.evaluate(() => document.activeElement?.textContent), 'Register');
    await Promise.all([benPage.waitForURL(/notice=registered/), benPage.keyboard.press('Enter')]);
    assert.equal(await benPage.getAttribute('#join-url', 'href'), records.event.joinUrl);
    await checkPage(benPage, 'ben event registered');
    await mailTo('ben@example.com', /Demo day rehearsal/, { contains: records.event.joinUrl });
  });

  await step('Hana reschedules the booking and gets a new link; Ben sees it too', async () => {
    await hanaPage.goto(records.booking.url);
    await hanaPage.fill('form[action$="/reschedule"] input[name=startLocal]', localIn(6, 14));
    await hanaPage.click('button:has-text("Reschedule")');
    await hanaPage.waitForURL(/notice=rescheduled/);
    const newJoinUrl = (await hanaPage.getAttribute('#join-url', 'href', { timeout: 10_000 })) ?? '';
    assert.match(newJoinUrl, /\/j\/\d{11}\?pwd=/);
    assert.notEqual(newJoinUrl, records.booking.joinUrl, 'a reschedule replaces the Zoom meeting');
    records.booking.joinUrl = newJoinUrl;
    await checkPage(hanaPage, 'hana booking rescheduled');
    await benPage.goto(records.booking.url);
    assert.equal(await benPage.getAttribute('#join-url', 'href'), newJoinUrl);
    await mailTo('ben@example.com', /Pitch review/, { contains: newJoinUrl });
  });

  await step('Hana cancels the mentorship session and sees its state', async () => {
    await hanaPage.goto(records.mentorship.url);
    await hanaPage.click('button:has-text("Cancel this session")');
    await hanaPage.waitForURL(/notice=cancelled/);
    assert.match((await hanaPage.textContent('main')) ?? '', /Cancelled/);
    await waitForZoomStatus(hana, records.mentorship.url, 'deleted');
    await hanaPage.goto(records.mentorship.url);
    assert.match((await hanaPage.textContent('#zoom-status')) ?? '', /Removed from Zoom[\s\S]*deleted from Zoom/);
    await checkPage(hanaPage, 'hana mentorship cancelled');
    const live = (await emulatorControl('GET', '/meetings')) as { items: { join_url: string }[] };
    assert.ok(!live.items.some((m) => m.join_url === records.mentorship.joinUrl), 'the meeting is gone from Zoom');
  });

  await step(
    'after the emulator kills the refresh token: "Reconnect Zoom", a waiting record with its badge, then reconnect',
    async () => {
      const { items: users } = (await emulatorControl('GET', '/users')) as { items: { id: string; email: string }[] };
      const zoomUser = users.find((u) => u.email === 'hana@example.com');
      assert.ok(zoomUser);
      await emulatorControl('POST', '/faults', {
        operation: 'oauth.token.refresh_token',
        kind: 'invalid_grant',
        count: 1,
      });
      await emulatorControl('POST', `/users/${zoomUser.id}/expire-token`);

      await hanaPage.goto(`${ecosystemUrl}/new?kind=booking`);
      await hanaPage.fill('input[name=title]', 'Investor intro');
      await hanaPage.fill('input[name=startLocal]', localIn(7));
      await hanaPage.fill('textarea[name=attendees]', 'ben@example.com');
      await hanaPage.click('button:has-text("Save")');
      await hanaPage.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
      records.waiting.url = hanaPage.url().split('?')[0]!;
      await hanaPage.waitForSelector('#zoom-status [data-zoom-status=waiting_for_reconnect]');
      assert.match(
        (await hanaPage.textContent('#zoom-status')) ?? '',
        /Needs Zoom reconnect[\s\S]*What you can do:[\s\S]*Reconnect Zoom on Lets Meet → Manage/,
      );
      await checkPage(hanaPage, 'hana record waiting for reconnect');
      await hanaPage.goto(ecosystemUrl);
      assert.equal(await hanaPage.locator('[data-zoom-status=waiting_for_reconnect]').count(), 1);
      await checkPage(hanaPage, 'hana lets meet (one waiting)');

      await hanaPage.goto(`${ecosystemUrl}/manage`);
      await hanaPage.waitForSelector('#zoom-card[data-status=needs_reconnect]');
      assert.match(
        (await hanaPage.textContent('#zoom-card')) ?? '',
        /Reconnect Zoom\.[\s\S]*Zoom no longer accepts our access/,
      );
      assert.equal((await hanaPage.textContent('#connect-zoom'))?.trim(), 'Reconnect Zoom');
      await checkPage(hanaPage, 'hana manage (reconnect zoom)');

      await connectZoomInNewTab('hana@example.com', 'hana reconnect');
      // Reconnecting re-drives the waiting create: the record gets its link.
      await waitForZoomStatus(hana, records.waiting.url, 'created');
      await hanaPage.goto(records.waiting.url);
      records.waiting.joinUrl =
        (await hanaPage
          .locator('#join-url')
          .getAttribute('href', { timeout: 5_000 })
          .catch(async (error: unknown) => {
            throw new Error(
              `no join link after reconnect; the page says: ${(await hanaPage.textContent('main'))?.replace(/\s+/g, ' ')}`,
              { cause: error },
            );
          })) ?? '';
      assert.match(records.waiting.joinUrl, /\/j\/\d{11}\?pwd=/);
    },
  );

  await step('Hana disconnects Zoom; the page says what happens to her upcoming meetings', async () => {
    await hanaPage.goto(`${ecosystemUrl}/manage`);
    assert.match((await hanaPage.textContent('#zoom-upcoming')) ?? '', /3 upcoming Zoom meetings on your account/);
    await hanaPage.click('button:has-text("Disconnect Zoom")');
    await hanaPage.waitForURL(/zoom=revoked/);
    await hanaPage.waitForSelector('#zoom-card[data-status=not_connected]');
    const card = (await hanaPage.textContent('#zoom-card')) ?? '';
    assert.match(card, /Zoom disconnected: our access was revoked at Zoom and your tokens were deleted here/);
    assert.match(
      card,
      /3 upcoming Zoom meetings stay on your Zoom account and can no longer be removed automatically unless you reconnect Zoom/,
    );
    await checkPage(hanaPage, 'hana manage (disconnected)');
  });

  await step(
    'Hugo, invited as a host, opens his free times on Manage and sees the preview of his next free slots',
    async () => {
      await hanaPage.goto(`${ecosystemUrl}/manage`);
      await hanaPage.fill('form[action$="/members"] input[name=email]', 'hugo@example.com');
      await hanaPage.selectOption('form[action$="/members"] select[name=role]', 'host');
      await hanaPage.click('button:has-text("Send invitation")');
      await hanaPage.waitForURL(/notice=invitation_sent/);
      await signUp(hugoPage, 'Hugo Host', 'hugo@example.com', 'hugo', { check: false });
      await Promise.all([
        hugoPage.waitForURL(/notice=invitation_accepted/),
        hugoPage.click('button:text-is("Accept")'),
      ]);
      await hugoPage.click('text=Lets Meet → Manage');
      await hugoPage.waitForSelector('#availability');
      assert.match((await hugoPage.textContent('#availability-preview')) ?? '', /You take no bookings here now/);
      await hugoPage.check('input[name=bookable]');
      await hugoPage.selectOption('#availability select[name=timezone]', 'Europe/Helsinki');
      const row = hugoPage.locator('#availability .window').first();
      await row.locator('select[name=weeklyDay]').selectOption('weekdays');
      await row.locator('input[name=weeklyStart]').fill('09:00');
      await row.locator('input[name=weeklyEnd]').fill('12:00');
      await hugoPage.fill('input[name=durations]', '30, 60');
      await hugoPage.check('input[name=locationType][value=in_person]');
      await hugoPage.fill('#availability input[name=address]', 'Mannerheimintie 1, Helsinki');
      await hugoPage.click('button:has-text("Save availability")');
      await hugoPage.waitForURL(/notice=availability_saved/);
      const preview = hugoPage.locator('#availability-preview li');
      assert.equal(await preview.count(), 10, 'the next 10 free slots');
      assert.match((await preview.first().textContent()) ?? '', /, \d\d:\d\d–\d\d:\d\d \(Europe\/Helsinki\)$/);
      await checkPage(hugoPage, 'hugo manage with his availability and the preview');
    },
  );

  await step(
    'Ben books Hugo: the week of free slots in his own zone, a slot, a title and a note, then the booking',
    async () => {
      await benPage.goto(ecosystemUrl);
      assert.match(
        (await benPage.textContent('#book-a-host')) ?? '',
        /Hugo Host\s*30 or 60 minutes ·\s*No Zoom meeting/,
      );
      await checkPage(benPage, 'ben lets meet with book a host');
      await benPage.click('#book-a-host a:has-text("See free times")');
      // Shown first in Hugo's zone (said so); the page's script asks again with the browser's zone.
      await benPage.waitForURL(/tz=Europe%2FStockholm/);
      assert.match((await benPage.textContent('#zone-note')) ?? '', /your time zone, Europe\/Stockholm/);
      await benPage.click('a[rel=next]');
      await benPage.waitForURL(/week=\d{4}-\d\d-\d\d/);
      // Hugo's 09:00–12:00 in Helsinki is 08:00–11:00 in Stockholm.
      assert.match((await benPage.locator('ul.slots a').first().textContent()) ?? '', /^08:00,/);
      await checkPage(benPage, 'ben week of free slots', { tour: { name: 'book-a-slot', height: 1100 } });
      await benPage.selectOption('select[name=duration]', '60');
      await benPage.click('button:has-text("Show times")');
      await benPage.waitForURL(/duration=60/);
      await benPage.locator('ul.slots a').first().click();
      await benPage.waitForURL(/\/confirm\?/);
      assert.match(
        (await benPage.textContent('#chosen-slot')) ?? '',
        /08:00–09:00 \(Europe\/Stockholm\)[\s\S]*For Hugo Host: [^\n]*09:00–10:00 \(Europe\/Helsinki\)/,
      );
      await checkPage(benPage, 'ben confirm a free slot');
      await benPage.fill('input[name=title]', 'Intro with Hugo');
      await benPage.fill('textarea[name=note]', 'Advice on our pricing, please.');
      await benPage.click('button:has-text("Confirm booking")');
      await benPage.waitForURL(/\/meetings\/[0-9a-f-]{36}\?notice=booked/);
      assert.match(
        (await benPage.textContent('main')) ?? '',
        /Booked\.[\s\S]*Intro with Hugo[\s\S]*08:00–09:00 \(Europe\/Stockholm\)[\s\S]*Hugo Host[\s\S]*Mannerheimintie 1, Helsinki[\s\S]*Advice on our pricing, please\./,
      );
      await checkPage(benPage, 'ben booking made from a free slot');
    },
  );

  await step(
    'Hugo approves bookings first: Ben’s request waits, Hugo approves it on Manage, Ben cancels by the link in his mail',
    async () => {
      await hugoPage.goto(`${ecosystemUrl}/manage`);
      await hugoPage.check('input[name=requiresApproval]');
      await hugoPage.click('button:has-text("Save availability")');
      await hugoPage.waitForURL(/notice=availability_saved/);
      await benPage.goto(ecosystemUrl);
      await benPage.click('#book-a-host a:has-text("See free times")');
      // His zone is remembered now: the week opens in it at once.
      await benPage.waitForSelector('#zone-note');
      assert.match((await benPage.textContent('#zone-note')) ?? '', /Europe\/Stockholm/);
      await benPage.click('a[rel=next]');
      await benPage.waitForURL(/week=\d{4}-\d\d-\d\d/);
      await benPage.locator('ul.slots a').first().click();
      await benPage.waitForURL(/\/confirm\?/);
      assert.match((await benPage.textContent('#approval-note')) ?? '', /Hugo Host approves each booking first/);
      await benPage.fill('input[name=title]', 'Second opinion');
      await benPage.click('button:has-text("Confirm booking")');
      await benPage.waitForURL(/\/meetings\/[0-9a-f-]{36}\?notice=requested/);
      assert.match((await benPage.textContent('#record-status')) ?? '', /Waiting for approval/);
      await checkPage(benPage, 'ben booking request waiting for approval');
      await hugoPage.goto(`${ecosystemUrl}/manage`);
      assert.match((await hugoPage.textContent('#booking-requests')) ?? '', /Second opinion/);
      await checkPage(hugoPage, 'hugo manage with a booking request');
      await hugoPage.click('#booking-requests a:has-text("Decline…")');
      await hugoPage.waitForSelector('#request-answer');
      await checkPage(hugoPage, 'hugo booking request with approve and decline');
      await hugoPage.click('#request-answer button:text-is("Approve")');
      await hugoPage.waitForURL(/notice=approved/);
      assert.equal(await hugoPage.locator('#record-status').count(), 0, 'scheduled: no request state left');
      const invite = await mailTo('ben@example.com', /invited: Second opinion/);
      const link = /https?:\/\/\S+\/respond\/[\w-]+/.exec(invite.text)?.[0];
      assert.ok(link, invite.text);
      await benPage.goto(link);
      await checkPage(benPage, 'ben personal link to cancel');
      await benPage.fill('textarea[name=reason]', 'We found a mentor closer to home.');
      await benPage.click('button:has-text("Cancel the booking")');
      await benPage.waitForSelector('text=Your booking is cancelled');
      await checkPage(benPage, 'ben cancelled by his link');
      await mailTo('hugo@example.com', /Cancelled: Second opinion/, { contains: 'We found a mentor closer to home.' });
    },
  );

  await step(
    'the demo day fills up: Hana gives it one seat, Hugo joins the waitlist, Ben unregisters and Hugo gets the seat',
    async () => {
      await hanaPage.goto(records.event.url);
      await hanaPage.fill('form[action$="/reschedule"] input[name=capacity]', '1');
      await hanaPage.click('button:has-text("Reschedule")');
      await hanaPage.waitForURL(/notice=seats_saved/);
      assert.match((await hanaPage.textContent('#seats')) ?? '', /0 of 1 seats left · 0 on the waitlist/);
      assert.equal(await hanaPage.getAttribute('#join-url', 'href'), records.event.joinUrl, 'the same Zoom meeting');
      await checkPage(hanaPage, 'hana event with one seat taken');
      await hugoPage.goto(records.event.url);
      assert.match((await hugoPage.textContent('#seats')) ?? '', /Full — join the waitlist/);
      await checkPage(hugoPage, 'hugo event full');
      await hugoPage.click('form[action$="/registrations"] button:has-text("Join the waitlist")');
      await hugoPage.waitForURL(/notice=waitlisted/);
      assert.match((await hugoPage.textContent('main')) ?? '', /Waitlist #1/);
      assert.equal(await hugoPage.locator('#join-url').count(), 0, 'no join link while waiting');
      await checkPage(hugoPage, 'hugo on the waitlist');
      await benPage.goto(records.event.url);
      await benPage.click('button:text-is("Unregister")');
      await benPage.waitForURL(/notice=unregistered/);
      await checkPage(benPage, 'ben unregistered from the event');
      await hugoPage.goto(records.event.url);
      assert.equal(await hugoPage.getAttribute('#join-url', 'href'), records.event.joinUrl);
      await mailTo('hugo@example.com', /invited: Demo day rehearsal/, { contains: records.event.joinUrl });
      await checkPage(hugoPage, 'hugo got the seat');
    },
  );

  await step('the Zoom help page explains every badge', async () => {
    await benPage.goto(`${base}/help/zoom`);
    assert.equal(await benPage.locator('#zoom-states ~ table [data-zoom-status]').count(), 8);
    await checkPage(benPage, 'zoom help with the badges');
  });

  await step(
    'Ben forgets his password: “Forgot password?” on the sign-in page, the mailed link, a new password',
    async () => {
      await benPage.click('header button:text-is("Sign out")');
      await benPage.waitForURL(/\/signin\?notice=signed_out/);
      await checkPage(benPage, 'ben signed out (sign-in page)');
      await benPage.click('text=Forgot password?');
      await benPage.waitForURL(`${base}/password-reset`);
      await checkPage(benPage, 'ben forgot password');
      await benPage.fill('input[name=email]', 'ben@example.com');
      await benPage.click('button:has-text("Email me a link")');
      await benPage.waitForURL(`${base}/password-reset/sent`);
      await checkPage(benPage, 'ben reset link sent');
      const mail = await mailTo('ben@example.com', /Choose a new password/);
      const link = /https?:\/\/\S+\/password-reset\?token=[\w-]+/.exec(mail.text)?.[0];
      assert.ok(link, mail.text);
      await benPage.goto(link);
      await checkPage(benPage, 'ben choose a new password');
      await benPage.fill('input[name=password]', 'ben’s brand new password');
      await benPage.click('button:has-text("Save password and sign in")');
      await benPage.waitForURL(/\/ecosystems\?notice=password_reset/);
      assert.match((await benPage.textContent('main')) ?? '', /Your new password is saved/);
      await checkPage(benPage, 'ben signed in after the reset');
    },
  );

  await step('Hana’s account page: she changes her password, then signs out everywhere', async () => {
    await hanaPage.click('header a:text-is("Account")');
    await hanaPage.waitForURL(`${base}/account`);
    await checkPage(hanaPage, 'hana account');
    await hanaPage.fill('input[name=currentPassword]', PASSWORD);
    await hanaPage.fill('input[name=newPassword]', 'hana’s second password');
    await hanaPage.click('button:has-text("Change password")');
    await hanaPage.waitForURL(/\/account\?notice=password_changed/);
    assert.match((await hanaPage.textContent('main')) ?? '', /Your password is changed/);
    await checkPage(hanaPage, 'hana account (password changed)');
    await hanaPage.click('button:text-is("Sign out everywhere")');
    await hanaPage.waitForURL(/\/signin\?notice=signed_out_everywhere/);
    assert.match((await hanaPage.textContent('main')) ?? '', /signed out everywhere/);
    await checkPage(hanaPage, 'hana signed out everywhere');
    await hanaPage.goto(`${base}/account`);
    await hanaPage.waitForURL(/\/signin\?next=%2Faccount/);
    await hanaPage.fill('input[name=email]', 'hana@example.com');
    await hanaPage.fill('input[name=password]', 'hana’s second password');
    await hanaPage.click('button[type=submit]:has-text("Sign in")');
    await hanaPage.waitForURL(`${base}/account`);
  });

  await step('every page fit a phone, and the README tour images were written', () => {
    assert.ok(reports.every((r) => r.phoneWidth <= PHONE.width));
    for (const name of ['manage-connected', 'record-join-link', 'new-record-form', 'book-a-slot'])
      assert.ok(existsSync(join(SCREENSHOT_DIR, `tour-${name}.png`)), name);
  });
});
