/**
 * The checks every page of the browser journey goes through: an axe-core scan (no
 * serious or critical violations), every form field labelled, every control reachable by Tab with a
 * visible focus indicator, no horizontal scrolling at 390 px (a phone), and a screenshot of the
 * step at phone and desktop width into SCREENSHOT_DIR (default `test-results/screenshots/`), and
 * the README tour's images as `tour-*.png` there. A page of a Finnish or Swedish reader must say
 * its language (`<html lang>`) and hold no English: no English word in its text, its labels,
 * titles, placeholders or choices (names and codes carry none of these words).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(ROOT, 'test-results', 'screenshots');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const DESKTOP = { width: 1024, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface PageReport {
  step: string;
  /** Screenshot files: `${file}.desktop.png` and `${file}.phone.png` in SCREENSHOT_DIR. */
  file: string;
  url: string;
  /** axe violations of every impact, by rule id (serious and critical ones fail the check). */
  violations: { id: string; impact: string; nodes: number }[];
  tabStops: number;
  phoneWidth: number;
}

export const reports: PageReport[] = [];
let counter = 0;

interface AxeResult {
  violations: {
    id: string;
    impact: string | null;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
  }[];
}

/** axe-core, injected from node_modules: the page's context must be created with `bypassCSP: true`. */
async function axeScan(page: Page): Promise<AxeResult> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target,
          ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}),
        })),
      })),
    };
  });
}

/** Form fields without a label (a <label>, aria-label or aria-labelledby): their names. */
function unlabelledFields(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
        'input, select, textarea',
      ),
    ]
      .filter((el) => el.type !== 'hidden')
      .filter(
        (el) =>
          !(el.labels && el.labels.length > 0) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'),
      )
      .map((el) => el.name || el.id || el.outerHTML.slice(0, 80)),
  );
}

/**
 * Presses Tab from the top of the page until focus has gone round, and answers which visible
 * controls were never reached and which were reached without a visible focus indicator.
 */
async function keyboardWalk(page: Page): Promise<{ stops: number; unreached: string[]; noIndicator: string[] }> {
  const total = await page.evaluate(() => {
    const visible = (el: HTMLElement) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const controls = [
      ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'),
    ].filter(
      (el) =>
        visible(el) &&
        !(el as HTMLButtonElement).disabled &&
        el.tabIndex >= 0 &&
        (el as HTMLInputElement).type !== 'hidden',
    );
    // Radio buttons of one group are one tab stop (arrow keys move inside it): count the checked one, or the first.
    const seenGroups = new Set<string>();
    let n = 0;
    for (const el of document.querySelectorAll('[data-kb]')) el.removeAttribute('data-kb');
    for (const el of controls) {
      const input = el as HTMLInputElement;
      if (input.type === 'radio') {
        if (seenGroups.has(input.name)) continue;
        seenGroups.add(input.name);
        const group = controls.filter(
          (c) => (c as HTMLInputElement).type === 'radio' && (c as HTMLInputElement).name === input.name,
        ) as HTMLInputElement[];
        (group.find((r) => r.checked) ?? group[0]!).setAttribute('data-kb', String(n++));
        continue;
      }
      el.setAttribute('data-kb', String(n++));
    }
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return n;
  });
  const reached = new Map<string, string>();
  // A control passes when it shows an indicator at least once (a date input gets one per segment).
  const withIndicator = new Set<string>();
  let stops = 0;
  for (let press = 0; press < total * 8 + 10 && reached.size < total; press++) {
    await page.keyboard.press('Tab');
    stops++;
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const indicator =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      return {
        kb: el.getAttribute('data-kb'),
        indicator,
        what: `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40) || (el as HTMLInputElement).name || ''}`,
      };
    });
    if (!focused?.kb) continue;
    reached.set(focused.kb, focused.what);
    if (focused.indicator) withIndicator.add(focused.kb);
  }
  const unreached = await page.evaluate(
    (seen) =>
      [...document.querySelectorAll<HTMLElement>('[data-kb]')]
        .filter((el) => !seen.includes(el.getAttribute('data-kb')!))
        .map(
          (el) =>
            `${el.tagName.toLowerCase()} ${(el.textContent ?? '').trim().slice(0, 40) || (el as HTMLInputElement).name || ''}`,
        ),
    [...reached.keys()],
  );
  const noIndicator = [...reached].filter(([kb]) => !withIndicator.has(kb)).map(([, what]) => what);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return { stops, unreached, noIndicator };
}

/**
 * Words only English has (none is a Finnish or Swedish word): one of them on a Finnish or Swedish
 * page is text left untranslated.
 */
const ENGLISH_ONLY =
  /(?<![\p{L}\p{N}_])(the|and|you|your|with|this|will|not|here|what|when|are|has|have|from|that|which|there|their|our|can|to|of|is|it|for|or|an)(?![\p{L}\p{N}_])/giu;

/** The English words a page shows or announces: its text, and the labels, titles and choices around it. */
function englishOn(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const pattern = new RegExp(source, 'giu');
    const texts = [
      document.title,
      // biome-ignore lint/performance/useDomNodeTextContent: the text as read, without the style sheet's
      document.body.innerText,
      ...[...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((el) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((name) => el.getAttribute(name) ?? ''),
      ),
      ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? ''),
    ];
    const found = new Set<string>();
    // Addresses, emails, zone ids and codes are not words: a join link's passcode may hold "-it-".
    for (const text of texts)
      for (const line of text.split('\n'))
        if (pattern.test(line.replace(/\S*[:/@=_]\S*/g, ' '))) {
          found.add(line.trim().slice(0, 120));
          pattern.lastIndex = 0;
        }
    return [...found];
  }, ENGLISH_ONLY.source);
}

/**
 * Runs every check on the page as it is now and writes its screenshots. `step` names the step
 * (and the screenshot files); `keyboard: false` skips the Tab walk (pages not of this app).
 */
export async function checkPage(
  page: Page,
  step: string,
  options: { keyboard?: boolean; tour?: { name: string; height: number }; language?: string | false } = {},
): Promise<PageReport> {
  await page.waitForLoadState('load');
  if (options.language) {
    assert.equal(await page.getAttribute('html', 'lang'), options.language, `${step}: the page's language`);
    if (options.language !== 'en')
      assert.deepEqual(await englishOn(page), [], `${step}: English text on a page in ${options.language}`);
  }
  const name = `${String(++counter).padStart(2, '0')}-${step
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}`;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });

  const axe = await axeScan(page);
  const blocking = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    blocking.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${step}: axe found serious or critical violations on ${page.url()}`,
  );
  assert.deepEqual(await unlabelledFields(page), [], `${step}: form fields without a label on ${page.url()}`);

  let tabStops = 0;
  if (options.keyboard !== false) {
    const walk = await keyboardWalk(page);
    tabStops = walk.stops;
    assert.deepEqual(walk.unreached, [], `${step}: controls not reachable with Tab on ${page.url()}`);
    assert.deepEqual(walk.noIndicator, [], `${step}: controls without a visible focus indicator on ${page.url()}`);
  }

  const desktop = page.viewportSize() ?? DESKTOP;
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  const phoneWidth = await page.evaluate(() =>
    Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
  );
  assert.ok(
    phoneWidth <= PHONE.width,
    `${step}: ${phoneWidth} px wide at ${PHONE.width} px (horizontal scrolling) on ${page.url()}`,
  );
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.phone.png`), fullPage: true });
  if (options.tour) {
    // The README's tour: the top of the phone-width page (docs/screenshots/ holds compressed copies).
    const height = Math.min(options.tour.height, await page.evaluate(() => document.documentElement.scrollHeight));
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `tour-${options.tour.name}.png`),
      fullPage: true,
      clip: { x: 0, y: 0, width: PHONE.width, height },
    });
  }
  await page.setViewportSize(desktop);

  const report: PageReport = {
    step,
    file: name,
    url: new URL(page.url()).pathname,
    violations: axe.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', nodes: v.nodes.length })),
    tabStops,
    phoneWidth,
  };
  reports.push(report);
  return report;
}
