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
 * The journey runs once in each language (docs/product.md §15): its people's browsers ask for
 * English, Finnish or Swedish, so they sign up in it and read every page and mail in it; what they
 * type is in their language too. Controls are found by what they are (a form's action, an id), not
 * by their words; the English run also reads the words.
 *
 * Every page of the journey goes through `checkPage` (test/browser/pageChecks.ts): axe-core scan,
 * labels, keyboard, 390 px width, the page's language and no English on a Finnish or Swedish page,
 * screenshots into test-results/screenshots/.
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
import { textFor } from '../../src/i18n/pageText.ts';
import type { Locale } from '../../src/i18n/locales.ts';

let app: AppProcess;
let browser: Browser;
let base: string;
let emulator: string;
let dataDir: string;

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
});

after(async () => {
  await browser?.close();
  try {
    // Fails if the app left anyone overlapping meetings at Zoom (docs/zoom-facts.md §10.7).
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

/** The people of one language's journey and what they type: names, titles, notes in that language. */
const CAST = {
  en: {
    browserLocale: 'en-GB',
    hana: { name: 'Hana Host', email: 'hana@example.com' },
    ben: { name: 'Ben Attendee', email: 'ben@example.com' },
    hugo: { name: 'Hugo Host', email: 'hugo@example.com' },
    ecosystem: 'Northwind Accelerator',
    booking: 'Pitch review',
    mentorship: 'Mentoring: fundraising',
    event: 'Demo day rehearsal',
    waiting: 'Investor intro',
    slotBooking: 'Intro with Hugo',
    note: 'Advice on our pricing, please.',
    request: 'Second opinion',
    reason: 'We found a mentor closer to home.',
  },
  fi: {
    browserLocale: 'fi-FI',
    hana: { name: 'Hanna Virtanen', email: 'hanna@fi.example.com' },
    ben: { name: 'Pekka Lahtinen', email: 'pekka@fi.example.com' },
    hugo: { name: 'Hugo Heikkinen', email: 'hugo@fi.example.com' },
    ecosystem: 'Pohjoistuulen kiihdyttämö',
    booking: 'Pitchin läpikäynti',
    mentorship: 'Mentorointi: rahoitus',
    event: 'Demopäivän harjoitus',
    waiting: 'Sijoittajatapaaminen',
    slotBooking: 'Tutustuminen Hugoon',
    note: 'Neuvoja hinnoitteluumme, kiitos.',
    request: 'Toinen mielipide',
    reason: 'Löysimme mentorin läheltä.',
  },
  sv: {
    browserLocale: 'sv-FI',
    hana: { name: 'Hanna Lindqvist', email: 'hanna@sv.example.com' },
    ben: { name: 'Björn Nyström', email: 'bjorn@sv.example.com' },
    hugo: { name: 'Hugo Holm', email: 'hugo@sv.example.com' },
    ecosystem: 'Nordvindens accelerator',
    booking: 'Genomgång av pitchen',
    mentorship: 'Mentorskap: finansiering',
    event: 'Repetition inför demodagen',
    waiting: 'Investerarmöte',
    slotBooking: 'Introduktion med Hugo',
    note: 'Råd om vår prissättning, tack.',
    request: 'En andra åsikt',
    reason: 'Vi hittade en mentor närmare hem.',
  },
} as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function journey(lang: Locale) {
  const cast = CAST[lang];
  const english = lang === 'en';
  const { t } = textFor(lang);
  const { hana: hanaWho, ben: benWho, hugo: hugoWho } = cast;
  /** checkPage, with this journey's language required of the page. */
  const check = (page: Page, step: string, options: Parameters<typeof checkPage>[2] = {}) =>
    checkPage(page, `${lang} ${step}`, { language: lang, ...options });
  /** The English run's tour pictures keep their names; the others carry their language. */
  const tour = (name: string, height: number) => ({ name: english ? name : `${name}-${lang}`, height });
  /** Asserts the element's text holds `text` (a message from this language's catalogue). */
  const says = async (page: Page, selector: string, text: string) =>
    assert.ok(
      ((await page.textContent(selector)) ?? '').includes(text),
      `${selector} should say “${text}”; it says: ${(await page.textContent(selector))?.replace(/\s+/g, ' ')}`,
    );

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

  /** Signs up through the pages; `checked: false` skips the page checks (pages another step checked already). */
  async function signUp(page: Page, name: string, email: string, step: string, options: { checked?: boolean } = {}) {
    const checkStep = (what: string) => (options.checked === false ? undefined : check(page, `${step} ${what}`));
    await page.goto(`${base}/signup`);
    await checkStep('sign-up form');
    await page.fill('input[name=name]', name);
    await page.fill('input[name=email]', email);
    await page.click('form[action="/signup"] button[type=submit]');
    await page.waitForURL(`${base}/signup/sent`);
    await checkStep('check your email');
    const mail = await mailTo(email, english ? /Confirm your email/ : /./, { contains: '/signup/confirm?token=' });
    const link = /https?:\/\/\S+\/signup\/confirm\?token=[\w-]+/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);
    await page.goto(link);
    // The password is chosen here, by whoever holds the mailbox; the name typed at sign-up is suggested.
    assert.equal(await page.inputValue('input[name=name]'), name);
    await checkStep('confirm email');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('form[action="/signup/confirm"] button[type=submit]');
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
    // Zoom's own sign-in page (the emulator's stand-in) is Zoom's, in Zoom's language: not checked here.
    assert.match(await zoomTab.title(), /Sign in to Zoom \(emulated\)/);
    await zoomTab.fill('input[name=email]', email);
    await zoomTab.click('#authorize');
    await zoomTab.waitForSelector('#zoom-connected');
    await check(zoomTab, `${step} zoom connected tab`);
    await page.waitForSelector('#zoom-card[data-status=connected]', { timeout: 15_000 });
    page.off('framenavigated', onNavigate);
    assert.deepEqual(navigations, [], 'the first tab was not reloaded');
    const card = (await page.textContent('#zoom-card')) ?? '';
    assert.ok(card.includes(`(${email})`), card);
    if (english) assert.match(card, new RegExp(`Zoom connected \\(${escapeRegExp(email)}\\) · Licensed`));
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
    await page.click('form[action$="/lets-meet/new"] button[type=submit]');
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
    const joinUrl = (await page.getAttribute('#join-url', 'href', { timeout: 10_000 })) ?? '';
    assert.match(joinUrl, /\/j\/\d{11}\?pwd=/);
    return { url: page.url().split('?')[0]!, joinUrl };
  }

  test(`${lang}: three people, the whole journey, every page accessible, phone-wide and in ${lang}`, async (tc) => {
    // Steps build on each other: after a failure the rest are skipped, so the first failure is the report.
    let failed = false;
    const step = async (name: string, fn: () => Promise<void> | void) =>
      tc.test(name, { skip: failed ? 'an earlier step failed' : false }, async () => {
        try {
          await fn();
        } catch (error) {
          failed = true;
          throw error;
        }
      });

    await step('the browsers open, each asking for the journey’s language', async () => {
      const options = { bypassCSP: true, viewport: DESKTOP, locale: cast.browserLocale };
      // bypassCSP: the app's Content-Security-Policy allows only its own /assets scripts; axe-core is
      // injected by the test (page.addScriptTag), which the policy would otherwise block.
      hana = await browser.newContext(options);
      // Ben's browser is in Stockholm: the booking pages show free slots in the zone his browser reports.
      ben = await browser.newContext({ ...options, timezoneId: 'Europe/Stockholm' });
      hugo = await browser.newContext(options);
      hanaPage = await hana.newPage();
      benPage = await ben.newPage();
      hugoPage = await hugo.newPage();
    });

    await step('Hana signs up (the form, "check your email", the mailed link, confirm)', async () => {
      await signUp(hanaPage, hanaWho.name, hanaWho.email, 'hana');
      await check(hanaPage, 'hana my ecosystems (empty)');
    });

    await step('Hana creates an ecosystem', async () => {
      await hanaPage.fill('input[name=name]', cast.ecosystem);
      await hanaPage.click('form[action="/ecosystems"] button[type=submit]');
      await hanaPage.waitForURL(/\/lets-meet\?notice=ecosystem_created/);
      ecosystemUrl = hanaPage.url().split('?')[0]!;
      await says(hanaPage, 'main', t('common.notices.ecosystem_created'));
      await check(hanaPage, 'hana lets meet (new ecosystem)');
    });

    await step('Hana invites Ben from Manage', async () => {
      await hanaPage.click('main a[href$="/manage"]');
      await hanaPage.waitForSelector('#zoom-card[data-status=not_connected]');
      await check(hanaPage, 'hana manage (not connected)');
      await hanaPage.fill('form[action$="/members"] input[name=email]', benWho.email);
      await hanaPage.selectOption('form[action$="/members"] select[name=role]', 'member');
      await hanaPage.click('form[action$="/members"] button[type=submit]');
      await hanaPage.waitForURL(/notice=invitation_sent/);
      await says(hanaPage, '#pending-invitations', benWho.email);
      if (english)
        assert.match((await hanaPage.textContent('#pending-invitations')) ?? '', /ben@example\.com · Member/);
      const invitation = await mailTo(benWho.email, new RegExp(escapeRegExp(cast.ecosystem)));
      if (english) assert.match(invitation.subject, /Hana Host invited you to Northwind Accelerator/);
    });

    await step('Ben signs up and accepts the invitation, with the keyboard', async () => {
      await signUp(benPage, benWho.name, benWho.email, 'ben');
      await benPage.waitForSelector('#invitations');
      await check(benPage, 'ben my ecosystems (invitation)');
      // Tab to the Accept button and press Enter: no mouse.
      const onAccept = () =>
        benPage.evaluate(
          () =>
            document.activeElement !== null &&
            document.activeElement === document.querySelector('form[action$="/accept"] button'),
        );
      for (let i = 0; i < 30 && !(await onAccept()); i++) await benPage.keyboard.press('Tab');
      await Promise.all([benPage.waitForURL(/notice=invitation_accepted/), benPage.keyboard.press('Enter')]);
      await says(benPage, 'main', t('common.notices.invitation_accepted'));
      await says(benPage, 'main', cast.ecosystem);
      await check(benPage, 'ben lets meet (joined)');
    });

    await step('Hana connects Zoom in a new tab; Manage updates without a reload', async () => {
      await hanaPage.goto(`${ecosystemUrl}/manage`);
      await connectZoomInNewTab(hanaWho.email, 'hana connect');
      if (english) assert.match((await hanaPage.textContent('#zoom-card')) ?? '', /No upcoming Zoom meetings/);
      await check(hanaPage, 'hana manage (connected)', { tour: tour('manage-connected', 1000) });
    });

    await step('the new-record form: a refused field is marked next to it and the input is kept', async () => {
      await hanaPage.goto(`${ecosystemUrl}/new?kind=booking`);
      // The radios sit left of their labels, on one line (not centred above them).
      const radio = await hanaPage.locator('input[name=locationType][value=zoom]').boundingBox();
      const label = await hanaPage.locator('label.choice:has(input[name=locationType][value=zoom])').boundingBox();
      assert.ok(
        radio &&
          label &&
          radio.x - label.x < 12 &&
          radio.width < 30 &&
          radio.y >= label.y &&
          radio.y + radio.height <= label.y + label.height + 1,
        `radio beside its label: ${JSON.stringify({ radio, label })}`,
      );
      await check(hanaPage, 'hana new booking form', { tour: tour('new-record-form', 1500) });
      await hanaPage.fill('input[name=title]', cast.booking);
      await hanaPage.fill(
        'input[name=startLocal]',
        `${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)}T10:00`,
      );
      await hanaPage.fill('textarea[name=attendees]', benWho.email);
      await hanaPage.click('form[action$="/lets-meet/new"] button[type=submit]');
      await hanaPage.waitForSelector('#startLocal-error');
      const fieldError = (await hanaPage.textContent('#startLocal-error')) ?? '';
      if (english) assert.match(fieldError, /must be in the future/);
      else assert.ok(fieldError.trim().length > 0);
      assert.equal(await hanaPage.getAttribute('input[name=startLocal]', 'aria-invalid'), 'true');
      assert.equal(await hanaPage.getAttribute('input[name=startLocal]', 'aria-describedby'), 'startLocal-error');
      assert.equal(await hanaPage.inputValue('input[name=title]'), cast.booking, 'the title is kept');
      assert.equal(await hanaPage.inputValue('textarea[name=attendees]'), benWho.email, 'the attendees are kept');
      await check(hanaPage, 'hana new booking form with a field error');
    });

    await step(
      'Hana creates a booking, a mentorship session and an event on Zoom and sees their join links',
      async () => {
        records.booking = await createZoomRecord('booking', cast.booking, 3, benWho.email);
        assert.equal(await hanaPage.locator('#zoom-status [data-zoom-status=created]').count(), 1);
        if (english) assert.match((await hanaPage.textContent('#zoom-status')) ?? '', /Zoom ready/);
        await check(hanaPage, 'hana booking with join link', { tour: tour('record-join-link', 860) });
        records.mentorship = await createZoomRecord('mentorship', cast.mentorship, 4, benWho.email);
        await check(hanaPage, 'hana mentorship with join link');
        records.event = await createZoomRecord('event', cast.event, 5, '');
        await check(hanaPage, 'hana event with join link');
        await hanaPage.goto(ecosystemUrl);
        assert.equal(await hanaPage.locator('[data-zoom-status=created]').count(), 3);
        await check(hanaPage, 'hana lets meet (three records)');
      },
    );

    await step('Ben sees the join link on the booking and the invite mail', async () => {
      await benPage.goto(ecosystemUrl);
      await check(benPage, 'ben lets meet (records)');
      await benPage.click(`main a:has-text("${cast.booking}")`);
      assert.equal(await benPage.getAttribute('#join-url', 'href'), records.booking.joinUrl);
      await check(benPage, 'ben booking with join link');
      const invite = await mailTo(benWho.email, new RegExp(escapeRegExp(cast.booking)), {
        contains: records.booking.joinUrl,
      });
      assert.match(invite.ics ?? '', /METHOD:REQUEST[\s\S]*LOCATION:https?:\/\/\S+\/j\/\d{11}/);
      await benPage.goto(`${base}/dev/mailbox`);
      // The mailbox lists every language's mail: it is checked for its language only in English.
      await check(benPage, 'mailbox', { keyboard: false, language: english ? 'en' : false });
      await benPage.click(`tr:has-text("${benWho.email}") a:has-text("${cast.booking}") >> nth=0`);
      assert.ok(
        ((await benPage.textContent('body')) ?? '').includes(records.booking.joinUrl),
        'the join URL is in the mail',
      );
      await check(benPage, 'mailbox invite with join link', { keyboard: false });
    });

    await step('Ben registers for the event with the keyboard and then sees its join link', async () => {
      await benPage.goto(records.event.url);
      assert.equal(await benPage.locator('#join-url').count(), 0, 'no link before registering');
      if (english) assert.match((await benPage.textContent('#zoom-status')) ?? '', /once you register/);
      await check(benPage, 'ben event before registering');
      await benPage.focus('form[action$="/registrations"] input[name=name]');
      await benPage.keyboard.press('Tab');
      assert.ok(
        await benPage.evaluate(
          () => document.activeElement === document.querySelector('form[action$="/registrations"] button[type=submit]'),
        ),
        'Tab from the name reaches Register',
      );
      await Promise.all([benPage.waitForURL(/notice=registered/), benPage.keyboard.press('Enter')]);
      assert.equal(await benPage.getAttribute('#join-url', 'href'), records.event.joinUrl);
      await check(benPage, 'ben event registered');
      await mailTo(benWho.email, new RegExp(escapeRegExp(cast.event)), { contains: records.event.joinUrl });
    });

    await step('Hana reschedules the booking and gets a new link; Ben sees it too', async () => {
      await hanaPage.goto(records.booking.url);
      await hanaPage.fill('form[action$="/reschedule"] input[name=startLocal]', localIn(6, 14));
      await hanaPage.click('form[action$="/reschedule"] button[type=submit]');
      await hanaPage.waitForURL(/notice=rescheduled/);
      const newJoinUrl = (await hanaPage.getAttribute('#join-url', 'href', { timeout: 10_000 })) ?? '';
      assert.match(newJoinUrl, /\/j\/\d{11}\?pwd=/);
      assert.notEqual(newJoinUrl, records.booking.joinUrl, 'a reschedule replaces the Zoom meeting');
      records.booking.joinUrl = newJoinUrl;
      await check(hanaPage, 'hana booking rescheduled');
      await benPage.goto(records.booking.url);
      assert.equal(await benPage.getAttribute('#join-url', 'href'), newJoinUrl);
      await mailTo(benWho.email, new RegExp(escapeRegExp(cast.booking)), { contains: newJoinUrl });
    });

    await step('Hana cancels the mentorship session and sees its state', async () => {
      await hanaPage.goto(records.mentorship.url);
      await hanaPage.click('form[action$="/cancel"] button[type=submit]');
      await hanaPage.waitForURL(/notice=cancelled/);
      await says(hanaPage, 'main', t('common.notices.cancelled'));
      await waitForZoomStatus(hana, records.mentorship.url, 'deleted');
      await hanaPage.goto(records.mentorship.url);
      assert.equal(await hanaPage.locator('#zoom-status [data-zoom-status=deleted]').count(), 1);
      if (english)
        assert.match((await hanaPage.textContent('#zoom-status')) ?? '', /Removed from Zoom[\s\S]*deleted from Zoom/);
      await check(hanaPage, 'hana mentorship cancelled');
      const live = (await emulatorControl('GET', '/meetings')) as { items: { join_url: string }[] };
      assert.ok(!live.items.some((m) => m.join_url === records.mentorship.joinUrl), 'the meeting is gone from Zoom');
    });

    await step(
      'after the emulator kills the refresh token: "Reconnect Zoom", a waiting record with its badge, then reconnect',
      async () => {
        const { items: users } = (await emulatorControl('GET', '/users')) as {
          items: { id: string; email: string }[];
        };
        const zoomUser = users.find((u) => u.email === hanaWho.email);
        assert.ok(zoomUser);
        await emulatorControl('POST', '/faults', {
          operation: 'oauth.token.refresh_token',
          kind: 'invalid_grant',
          count: 1,
        });
        await emulatorControl('POST', `/users/${zoomUser.id}/expire-token`);

        await hanaPage.goto(`${ecosystemUrl}/new?kind=booking`);
        await hanaPage.fill('input[name=title]', cast.waiting);
        await hanaPage.fill('input[name=startLocal]', localIn(7));
        await hanaPage.fill('textarea[name=attendees]', benWho.email);
        await hanaPage.click('form[action$="/lets-meet/new"] button[type=submit]');
        await hanaPage.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
        records.waiting.url = hanaPage.url().split('?')[0]!;
        await hanaPage.waitForSelector('#zoom-status [data-zoom-status=waiting_for_reconnect]');
        if (english)
          assert.match(
            (await hanaPage.textContent('#zoom-status')) ?? '',
            /Needs Zoom reconnect[\s\S]*What you can do:[\s\S]*Reconnect Zoom on Lets Meet → Manage/,
          );
        await check(hanaPage, 'hana record waiting for reconnect');
        await hanaPage.goto(ecosystemUrl);
        assert.equal(await hanaPage.locator('[data-zoom-status=waiting_for_reconnect]').count(), 1);
        await check(hanaPage, 'hana lets meet (one waiting)');

        await hanaPage.goto(`${ecosystemUrl}/manage`);
        await hanaPage.waitForSelector('#zoom-card[data-status=needs_reconnect]');
        if (english) {
          assert.match(
            (await hanaPage.textContent('#zoom-card')) ?? '',
            /Reconnect Zoom\.[\s\S]*Zoom no longer accepts our access/,
          );
          assert.equal((await hanaPage.textContent('#connect-zoom'))?.trim(), 'Reconnect Zoom');
        }
        await check(hanaPage, 'hana manage (reconnect zoom)');

        await connectZoomInNewTab(hanaWho.email, 'hana reconnect');
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
      await says(hanaPage, '#zoom-upcoming', '3');
      if (english)
        assert.match((await hanaPage.textContent('#zoom-upcoming')) ?? '', /3 upcoming Zoom meetings on your account/);
      await hanaPage.click('form[action="/integrations/zoom/disconnect"] button[type=submit]');
      await hanaPage.waitForURL(/zoom=revoked/);
      await hanaPage.waitForSelector('#zoom-card[data-status=not_connected]');
      const card = (await hanaPage.textContent('#zoom-card')) ?? '';
      if (english) {
        assert.match(card, /Zoom disconnected: our access was revoked at Zoom and your tokens were deleted here/);
        assert.match(
          card,
          /3 upcoming Zoom meetings stay on your Zoom account and can no longer be removed automatically unless you reconnect Zoom/,
        );
      }
      await check(hanaPage, 'hana manage (disconnected)');
    });

    await step(
      'Hugo, invited as a host, opens his free times on Manage and sees the preview of his next free slots',
      async () => {
        await hanaPage.goto(`${ecosystemUrl}/manage`);
        await hanaPage.fill('form[action$="/members"] input[name=email]', hugoWho.email);
        await hanaPage.selectOption('form[action$="/members"] select[name=role]', 'host');
        await hanaPage.click('form[action$="/members"] button[type=submit]');
        await hanaPage.waitForURL(/notice=invitation_sent/);
        await signUp(hugoPage, hugoWho.name, hugoWho.email, 'hugo', { checked: false });
        await Promise.all([
          hugoPage.waitForURL(/notice=invitation_accepted/),
          hugoPage.click('form[action$="/accept"] button[type=submit]'),
        ]);
        await hugoPage.click('main a[href$="/manage"]');
        await hugoPage.waitForSelector('#availability');
        if (english)
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
        await hugoPage.click('form[action$="/my-availability"] button[type=submit]');
        await hugoPage.waitForURL(/notice=availability_saved/);
        const preview = hugoPage.locator('#availability-preview li');
        assert.equal(await preview.count(), 10, 'the next 10 free slots');
        const first = (await preview.first().textContent()) ?? '';
        assert.match(first, /\(Europe\/Helsinki\)$/, 'the zone named');
        if (english) assert.match(first, /, \d\d:\d\d–\d\d:\d\d \(Europe\/Helsinki\)$/);
        if (lang === 'fi') assert.match(first, / klo 9\.\d\d–\d{1,2}\.\d\d \(Europe\/Helsinki\)$/);
        if (lang === 'sv') assert.match(first, / kl\. \d\d\.\d\d–\d\d\.\d\d \(Europe\/Helsinki\)$/);
        await check(hugoPage, 'hugo manage with his availability and the preview');
      },
    );

    await step(
      'Ben books Hugo: the week of free slots in his own zone, a slot, a title and a note, then the booking',
      async () => {
        await benPage.goto(ecosystemUrl);
        await says(benPage, '#book-a-host', hugoWho.name);
        if (english)
          assert.match(
            (await benPage.textContent('#book-a-host')) ?? '',
            /Hugo Host\s*30 or 60 minutes ·\s*No Zoom meeting/,
          );
        await check(benPage, 'ben lets meet with book a host');
        await benPage.click('#book-a-host a[href*="/book/"]');
        // In his own zone at once: the one his browser reported when he signed up is his account's.
        await benPage.waitForSelector('#zone-note');
        await says(benPage, '#zone-note', t('booking.week.zoneYours', { zone: 'Europe/Stockholm' }));
        await benPage.click('a[rel=next]');
        await benPage.waitForURL(/week=\d{4}-\d\d-\d\d/);
        // Hugo's 09:00–12:00 in Helsinki is 08:00–11:00 in Stockholm.
        assert.match(
          (await benPage.locator('ul.slots a').first().textContent()) ?? '',
          lang === 'fi' ? /^8\.00/ : lang === 'sv' ? /^08\.00/ : /^08:00,/,
        );
        await check(benPage, 'ben week of free slots', { tour: tour('book-a-slot', 1100) });
        await benPage.selectOption('select[name=duration]', '60');
        await benPage.click('#zone-form button[type=submit]');
        await benPage.waitForURL(/duration=60/);
        await benPage.locator('ul.slots a').first().click();
        await benPage.waitForURL(/\/confirm\?/);
        const chosen = (await benPage.textContent('#chosen-slot')) ?? '';
        assert.match(chosen, /\(Europe\/Stockholm\)[\s\S]*\(Europe\/Helsinki\)/);
        if (english)
          assert.match(
            chosen,
            /08:00–09:00 \(Europe\/Stockholm\)[\s\S]*For Hugo Host: [^\n]*09:00–10:00 \(Europe\/Helsinki\)/,
          );
        await check(benPage, 'ben confirm a free slot');
        await benPage.fill('input[name=title]', cast.slotBooking);
        await benPage.fill('textarea[name=note]', cast.note);
        await benPage.click('form[action$="/confirm"] button[type=submit]');
        await benPage.waitForURL(/\/meetings\/[0-9a-f-]{36}\?notice=booked/);
        const main = (await benPage.textContent('main')) ?? '';
        for (const text of [
          t('common.notices.booked'),
          cast.slotBooking,
          hugoWho.name,
          'Mannerheimintie 1, Helsinki',
          cast.note,
        ])
          assert.ok(main.includes(text), `the booking's page says “${text}”`);
        assert.match(main, /\(Europe\/Stockholm\)/);
        if (english) assert.match(main, /08:00–09:00 \(Europe\/Stockholm\)/);
        await check(benPage, 'ben booking made from a free slot');
      },
    );

    await step(
      'Hugo approves bookings first: Ben’s request waits, Hugo approves it on Manage, Ben cancels by the link in his mail',
      async () => {
        await hugoPage.goto(`${ecosystemUrl}/manage`);
        await hugoPage.check('input[name=requiresApproval]');
        await hugoPage.click('form[action$="/my-availability"] button[type=submit]');
        await hugoPage.waitForURL(/notice=availability_saved/);
        await benPage.goto(ecosystemUrl);
        await benPage.click('#book-a-host a[href*="/book/"]');
        // His zone is remembered now: the week opens in it at once.
        await benPage.waitForSelector('#zone-note');
        await says(benPage, '#zone-note', 'Europe/Stockholm');
        await benPage.click('a[rel=next]');
        await benPage.waitForURL(/week=\d{4}-\d\d-\d\d/);
        await benPage.locator('ul.slots a').first().click();
        await benPage.waitForURL(/\/confirm\?/);
        await says(benPage, '#approval-note', hugoWho.name);
        if (english)
          assert.match((await benPage.textContent('#approval-note')) ?? '', /Hugo Host approves each booking first/);
        await benPage.fill('input[name=title]', cast.request);
        await benPage.click('form[action$="/confirm"] button[type=submit]');
        await benPage.waitForURL(/\/meetings\/[0-9a-f-]{36}\?notice=requested/);
        assert.equal(await benPage.locator('#record-status').count(), 1);
        if (english) assert.match((await benPage.textContent('#record-status')) ?? '', /Waiting for approval/);
        await check(benPage, 'ben booking request waiting for approval');
        await hugoPage.goto(`${ecosystemUrl}/manage`);
        await says(hugoPage, '#booking-requests', cast.request);
        await check(hugoPage, 'hugo manage with a booking request');
        await hugoPage.click('#booking-requests a[href$="#request-answer"]');
        await hugoPage.waitForSelector('#request-answer');
        await check(hugoPage, 'hugo booking request with approve and decline');
        await hugoPage.click('#request-answer form[action$="/approve"] button[type=submit]');
        await hugoPage.waitForURL(/notice=approved/);
        assert.equal(await hugoPage.locator('#record-status').count(), 0, 'scheduled: no request state left');
        const invite = await mailTo(benWho.email, new RegExp(escapeRegExp(cast.request)), { contains: '/respond/' });
        if (english) assert.match(invite.subject, /invited: Second opinion/);
        const link = /https?:\/\/\S+\/respond\/[\w-]+/.exec(invite.text)?.[0];
        assert.ok(link, invite.text);
        await benPage.goto(link);
        await check(benPage, 'ben personal link to cancel');
        await benPage.fill('textarea[name=reason]', cast.reason);
        await benPage.click('form[action^="/respond/"] button[type=submit]');
        await benPage.waitForSelector('form[action^="/respond/"]', { state: 'detached' });
        if (english) await benPage.waitForSelector('text=Your booking is cancelled');
        await check(benPage, 'ben cancelled by his link');
        await mailTo(hugoWho.email, new RegExp(escapeRegExp(cast.request)), { contains: cast.reason });
      },
    );

    await step(
      'the demo day fills up: Hana gives it one seat, Hugo joins the waitlist, Ben unregisters and Hugo gets the seat',
      async () => {
        await hanaPage.goto(records.event.url);
        await hanaPage.fill('form[action$="/reschedule"] input[name=capacity]', '1');
        await hanaPage.click('form[action$="/reschedule"] button[type=submit]');
        await hanaPage.waitForURL(/notice=seats_saved/);
        if (english) assert.match((await hanaPage.textContent('#seats')) ?? '', /0 of 1 seat left · 0 on the waitlist/);
        assert.equal(await hanaPage.getAttribute('#join-url', 'href'), records.event.joinUrl, 'the same Zoom meeting');
        await check(hanaPage, 'hana event with one seat taken');
        await hugoPage.goto(records.event.url);
        if (english) assert.match((await hugoPage.textContent('#seats')) ?? '', /Full — join the waitlist/);
        await check(hugoPage, 'hugo event full');
        await hugoPage.click('form[action$="/registrations"] button[type=submit]');
        await hugoPage.waitForURL(/notice=waitlisted/);
        await says(hugoPage, 'main', '1');
        if (english) assert.match((await hugoPage.textContent('main')) ?? '', /Waitlist #1/);
        assert.equal(await hugoPage.locator('#join-url').count(), 0, 'no join link while waiting');
        await check(hugoPage, 'hugo on the waitlist');
        await benPage.goto(records.event.url);
        await benPage.click('form[action$="/remove"] button[type=submit]');
        await benPage.waitForURL(/notice=unregistered/);
        await check(benPage, 'ben unregistered from the event');
        await hugoPage.goto(records.event.url);
        assert.equal(await hugoPage.getAttribute('#join-url', 'href'), records.event.joinUrl);
        const seated = await mailTo(hugoWho.email, new RegExp(escapeRegExp(cast.event)), {
          contains: records.event.joinUrl,
        });
        if (english) assert.match(seated.subject, /invited: Demo day rehearsal/);
        await check(hugoPage, 'hugo got the seat');
      },
    );

    await step('the Zoom help page explains every badge', async () => {
      await benPage.goto(`${base}/help/zoom`);
      assert.equal(await benPage.locator('#zoom-states ~ table [data-zoom-status]').count(), 8);
      await check(benPage, 'zoom help with the badges');
    });

    await step(
      'Ben forgets his password: “Forgot password?” on the sign-in page, the mailed link, a new password',
      async () => {
        await benPage.click('header form[action="/signout"] button[type=submit]');
        await benPage.waitForURL(/\/signin\?notice=signed_out/);
        await check(benPage, 'ben signed out (sign-in page)');
        await benPage.click('main a[href="/password-reset"]');
        await benPage.waitForURL(`${base}/password-reset`);
        await check(benPage, 'ben forgot password');
        await benPage.fill('input[name=email]', benWho.email);
        await benPage.click('form[action="/password-reset"] button[type=submit]');
        await benPage.waitForURL(`${base}/password-reset/sent`);
        await check(benPage, 'ben reset link sent');
        const mail = await mailTo(benWho.email, english ? /Choose a new password/ : /./, {
          contains: '/password-reset?token=',
        });
        const link = /https?:\/\/\S+\/password-reset\?token=[\w-]+/.exec(mail.text)?.[0];
        assert.ok(link, mail.text);
        await benPage.goto(link);
        await check(benPage, 'ben choose a new password');
        await benPage.fill('input[name=password]', 'ben’s brand new password');
        await benPage.click('form[action="/password-reset/confirm"] button[type=submit]');
        await benPage.waitForURL(/\/ecosystems\?notice=password_reset/);
        await says(benPage, 'main', t('common.notices.password_reset'));
        await check(benPage, 'ben signed in after the reset');
      },
    );

    await step('Hana’s account page: she changes her password, then signs out everywhere', async () => {
      await hanaPage.click('header a[href="/account"]');
      await hanaPage.waitForURL(`${base}/account`);
      await check(hanaPage, 'hana account');
      await hanaPage.fill('input[name=currentPassword]', PASSWORD);
      await hanaPage.fill('input[name=newPassword]', 'hana’s second password');
      await hanaPage.click('form[action="/account/password"] button[type=submit]');
      await hanaPage.waitForURL(/\/account\?notice=password_changed/);
      await says(hanaPage, 'main', t('common.notices.password_changed'));
      await check(hanaPage, 'hana account (password changed)');
      await hanaPage.click('form[action="/account/signout-everywhere"] button[type=submit]');
      await hanaPage.waitForURL(/\/signin\?notice=signed_out_everywhere/);
      await says(hanaPage, 'main', t('common.notices.signed_out_everywhere'));
      await check(hanaPage, 'hana signed out everywhere');
      await hanaPage.goto(`${base}/account`);
      await hanaPage.waitForURL(/\/signin\?next=%2Faccount/);
      await hanaPage.fill('input[name=email]', hanaWho.email);
      await hanaPage.fill('input[name=password]', 'hana’s second password');
      await hanaPage.click('form[action="/signin"] button[type=submit]');
      await hanaPage.waitForURL(`${base}/account`);
    });

    await step('every page fit a phone, and the README tour images were written', async () => {
      assert.ok(reports.every((r) => r.phoneWidth <= PHONE.width));
      for (const name of ['manage-connected', 'record-join-link', 'new-record-form', 'book-a-slot'])
        assert.ok(existsSync(join(SCREENSHOT_DIR, `tour-${tour(name, 0).name}.png`)), name);
      await Promise.all([hana.close(), ben.close(), hugo.close()]);
    });
  });
}

journey('en');
journey('fi');
journey('sv');
