/**
 * As a newcomer would, in headless Chromium against `src/main.ts` on its embedded default
 * (PGlite + the Zoom emulator): sign in as the demo host, book in person with two attendees and
 * see both confirmations at /dev/mailbox; connect Zoom in a new tab and watch the original tab
 * update without a reload; create a Zoom booking and see its join URL.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startAppProcess, type AppProcess } from '../helpers/appProcess.ts';
import { freePort } from '../helpers/freePort.ts';

let app: AppProcess;
let browser: Browser;
let base: string;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ekos-browser-'));
  const port = await freePort();
  base = `http://localhost:${port}`;
  app = await startAppProcess({
    PORT: String(port),
    APP_BASE_URL: base,
    DATA_DIR: dataDir,
    ZOOM_EMULATOR_PORT: String(await freePort()),
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
    // Fails if the app left the demo host overlapping meetings at Zoom (docs/zoom-facts.md §10.7).
    await app?.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

async function signInAsDemoHost(page: Page) {
  await page.goto(`${base}/signin`);
  await page.fill('input[name=email]', 'host@demo.ekosistem.app');
  await page.fill('input[name=password]', 'lets-meet-demo');
  await page.click('button[type=submit]:has-text("Sign in")');
  await page.waitForURL(`${base}/ecosystems`);
}

function localIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T10:00`;
}

test('the demo host books in person with two attendees; both confirmations with an invite are at /dev/mailbox', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsDemoHost(page);
  await page.click('text=Demo Accelerator');
  await page.click('text=New booking');
  await page.fill('input[name=title]', 'Pitch practice');
  await page.fill('input[name=startLocal]', localIn(3));
  await page.selectOption('select[name=timezone]', 'Europe/Helsinki');
  await page.fill('input[name=durationMinutes]', '30');
  await page.check('input[name=locationType][value=in_person]');
  await page.fill('input[name=address]', 'Lapinlahdenkatu 16, Helsinki');
  await page.fill('textarea[name=attendees]', 'ann@example.com\nben@example.com');
  await page.click('button:has-text("Save")');
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
  assert.match((await page.textContent('main')) ?? '', /Pitch practice[\s\S]*Lapinlahdenkatu 16/);

  const mailbox = await context.newPage();
  await mailbox.goto(`${base}/dev/mailbox`);
  // Mail is sent by a job: poll until both messages are in the mailbox (a condition, not a sleep;
  // page.waitForFunction would not await an async predicate).
  for (const deadline = Date.now() + 20_000; ; ) {
    const { items } = (await (await context.request.get(`${base}/dev/mailbox/messages.json`)).json()) as {
      items: { to: string; subject: string }[];
    };
    if (
      ['ann@example.com', 'ben@example.com'].every((to) =>
        items.some((m) => m.to === to && m.subject.includes('Pitch practice')),
      )
    )
      break;
    assert.ok(Date.now() < deadline, 'both confirmations within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await mailbox.reload();
  for (const email of ['ann@example.com', 'ben@example.com']) {
    const row = mailbox.locator('tr', { hasText: email });
    assert.equal(await row.count(), 1, email);
    assert.match((await row.textContent()) ?? '', /invited: Pitch practice[\s\S]*invite/);
  }
  await mailbox.click('text=You’re invited: Pitch practice >> nth=0');
  assert.match((await mailbox.textContent('body')) ?? '', /METHOD:REQUEST[\s\S]*LOCATION:Lapinlahdenkatu 16/);
  await context.close();
});

test('Connect Zoom opens a new tab; after Authorize that tab says it is done and the original tab updates without a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsDemoHost(page);
  await page.click('text=Demo Accelerator');
  await page.click('text=Lets Meet → Manage');
  await page.waitForSelector('#zoom-card[data-status=not_connected]');
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  const [zoomTab] = await Promise.all([context.waitForEvent('page'), page.click('#connect-zoom')]);
  await zoomTab.waitForLoadState();
  assert.match(await zoomTab.title(), /Sign in to Zoom \(emulated\)/);
  await zoomTab.click('#authorize');
  await zoomTab.waitForSelector('#zoom-connected');
  assert.match(
    (await zoomTab.textContent('#zoom-connected')) ?? '',
    /Zoom connected \(host@demo\.ekosistem\.app\) · Licensed/,
  );
  await page.waitForSelector('#zoom-card[data-status=connected]', { timeout: 15_000 });
  assert.match((await page.textContent('#zoom-card')) ?? '', /Zoom connected \(host@demo\.ekosistem\.app\) · Licensed/);
  assert.deepEqual(navigations, [], 'the original tab was not reloaded');

  // And a Zoom booking now gets its join URL.
  await page.goto(`${base}/ecosystems`);
  await page.click('text=Demo Accelerator');
  await page.click('text=New booking');
  await page.fill('input[name=title]', 'Zoom call');
  await page.fill('input[name=startLocal]', localIn(4));
  await page.check('input[name=locationType][value=zoom]');
  await page.fill('textarea[name=attendees]', 'cai@example.com');
  await page.click('button:has-text("Save")');
  await page.waitForSelector('#join-url');
  assert.match((await page.getAttribute('#join-url', 'href')) ?? '', /\/j\/\d{11}\?pwd=/);
  await page.screenshot({ path: join(dataDir, 'record.png') });
  await context.close();
});
