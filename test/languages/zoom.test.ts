/**
 * Zoom in the reader's language (docs/product.md §15): the help page for a Finnish or Swedish
 * visitor, a Finnish host's Zoom card and connect flow (the tab Connect Zoom opens, its refusals,
 * disconnecting), and every Zoom and record state's texts in every language.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from '../../src/db/orm.ts';
import { users } from '../../src/db/schema.ts';
import { inLocale } from '../../src/i18n/pageText.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { RECORD_STATES, ZOOM_STATES, type ZoomStateText } from '../../src/web/views/zoomStatus.ts';
import { Client, connectZoom, createTestApp, type TestApp } from '../helpers/testApp.ts';

let t: TestApp;

before(async () => {
  t = await createTestApp({ zoom: true });
});
after(() => t.close());

/** The page's text with entities decoded, for matching sentences. */
const decoded = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');

async function page(client: Client, path: string, headers: Record<string, string> = {}) {
  const response = await client.request(path, { headers });
  return { status: response.status, html: decoded(await response.text()) };
}

/** A signed-up user whose account speaks `locale`. */
async function userIn(locale: 'en' | 'fi' | 'sv', name: string): Promise<{ client: Client; email: string }> {
  const client = new Client(t.app);
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`;
  await client.signUp(name, email);
  await t.deps.database.db.update(users).set({ locale }).where(eq(users.email, email));
  return { client, email };
}

test('the help page with Accept-Language: fi is Finnish, and keeps every section and promise', async () => {
  const { status, html } = await page(new Client(t.app), '/help/zoom', {
    'accept-language': 'fi-FI,fi;q=0.9,en;q=0.5',
  });
  assert.equal(status, 200);
  assert.match(html, /<html lang="fi">/);
  assert.match(html, /<title>Zoom-integraatio · Ekosistem App<\/title>/);
  for (const sentence of [
    'Mitä integraatio tekee?',
    'Milloin Zoomiasi käytetään',
    'Anna jäsenten sopia kanssani Zoom-kokouksia',
    'enintään 10 kokousta päivässä',
    'Näin otat integraation käyttöön',
    'Valitse ”Yhdistä Zoom”.',
    'Mitä tapaamisen Zoom-merkit tarkoittavat',
    'Näin poistat integraation',
    'Avaa Lets Meet → Hallinta ja valitse ”Irrota Zoom”.',
    'Zoomin 10 päivän määräajassa',
    'AES-256-GCM',
    'Vastaamme yleensä yhden arkipäivän kuluessa.',
  ])
    assert.ok(html.includes(sentence), sentence);
  for (const scope of ['meeting:write:meeting', 'meeting:delete:meeting', 'user:read:user'])
    assert.ok(html.includes(`<code>${scope}</code>`), scope);
  // The state table speaks Finnish too: every state's badge, meaning and host action.
  inLocale('fi', () => {
    for (const text of Object.values(ZOOM_STATES))
      for (const part of [text.label, text.meaning, text.hostAction]) assert.ok(html.includes(part), part);
  });
  for (const english of ['What does this integration do?', 'How to install', 'Need help?', 'Zoom failed'])
    assert.ok(!html.includes(english), `no English: ${english}`);
});

test('the help page with Accept-Language: sv is Swedish', async () => {
  const { status, html } = await page(new Client(t.app), '/help/zoom', { 'accept-language': 'sv-FI,sv' });
  assert.equal(status, 200);
  assert.match(html, /<html lang="sv">/);
  for (const sentence of [
    'Zoom-integration',
    'Vad gör integrationen?',
    'När ditt Zoom används',
    'Låt medlemmar planera Zoom-möten med mig',
    'högst 10 möten per dag',
    'Så installerar du',
    'Så avinstallerar du',
    'inom Zooms tidsfrist på 10 dagar',
    'Vi svarar vanligtvis inom 1 arbetsdag.',
    'Zoom misslyckades',
  ])
    assert.ok(html.includes(sentence), sentence);
  assert.ok(!html.includes('How we handle your data'));
});

test('English stays the published text', async () => {
  const { html } = await page(new Client(t.app), '/help/zoom', { 'accept-language': 'en' });
  assert.match(html, /<html lang="en">/);
  for (const sentence of [
    'Connect your Zoom account to Ekosistem App so Lets Meet bookings, mentorship sessions, and online events automatically include a Zoom meeting.',
    "Click 'Connect Zoom'. A new tab opens to Zoom's authorization screen.",
    "No leftover 'ghost' meetings on your Zoom calendar.",
    'For questions about this integration, email <a href="mailto:info@ekosistem.app">info@ekosistem.app</a>. We typically respond within 1 business day.',
  ])
    assert.ok(html.includes(sentence), sentence);
});

test("a Finnish host's Zoom card, connect tab and disconnect are Finnish", async () => {
  const { client: host } = await userIn('fi', 'Hilkka');
  const created = await host.api('POST', '/api/ecosystems', { name: 'Kiihdyttämö' });
  assert.equal(created.status, 201);
  const ecoId = ((await created.json()) as { id: string }).id;
  const manage = `/ecosystems/${ecoId}/lets-meet/manage`;

  const before = await page(host, `${manage}/zoom-card`);
  assert.equal(before.status, 200);
  assert.ok(before.html.includes('Yhdistä Zoom-tilisi'), before.html);
  assert.match(before.html, /id="connect-zoom"[^>]*>Yhdistä Zoom</);
  assert.ok(before.html.includes('Odotetaan Zoomia – viimeistele uudessa välilehdessä.'));
  assert.ok(before.html.includes('>Lataa uudelleen</a>'));
  assert.ok(!before.html.includes('Connect Zoom'));

  const tab = await connectZoom(host, t.emulator!, 'host@demo.ekosistem.app');
  assert.equal(tab.status, 200);
  const connected = decoded(await tab.text());
  assert.match(connected, /<html lang="fi">/);
  assert.match(connected, /<title>Zoom yhdistetty · Ekosistem App<\/title>/);
  // The heading holds the long email: it may wrap on a phone (class `wrap`: overflow-wrap:anywhere).
  assert.match(connected, /<h1 class="wrap">Zoom yhdistetty \(host@demo\.ekosistem\.app\) · Licensed<\/h1>/);
  assert.ok(connected.includes('Voit sulkea tämän välilehden'));
  assert.ok(connected.includes('Takaisin Ekosistem Appiin'));

  const card = await page(host, `${manage}/zoom-card`);
  assert.match(card.html, /Zoom yhdistetty \(host@demo\.ekosistem\.app\) · Licensed/);
  assert.ok(card.html.includes('>Irrota Zoom</button>'));
  assert.ok(card.html.includes('Myönnetyt oikeudet:'));
  assert.ok(card.html.includes('Ei tulevia Zoom-kokouksia.'));

  const csrf = await host.csrfToken(manage);
  const disconnected = await host.form('/integrations/zoom/disconnect', { returnTo: manage }, csrf);
  assert.equal(disconnected.status, 303);
  const back = await page(host, disconnected.headers.get('location')!);
  assert.ok(back.html.includes('Zoom irrotettu: käyttöoikeutemme peruttiin Zoomissa'), 'the disconnect notice');
  assert.match(back.html, /id="connect-zoom"[^>]*>Yhdistä Zoom</);
});

test('a refused connect tells a Finnish or Swedish host why, in their language', async () => {
  const { client: fi } = await userIn('fi', 'Fanni');
  const refused = await page(fi, '/integrations/zoom/callback?code=x&state=not-the-state');
  assert.equal(refused.status, 400);
  assert.match(refused.html, /<html lang="fi">/);
  assert.ok(refused.html.includes('Zoomia ei yhdistetty'));
  assert.ok(refused.html.includes('Tämä Zoom-kirjautumislinkki ei ole enää voimassa'));
  assert.ok(refused.html.includes('Voit sulkea tämän välilehden.'));

  const { client: sv } = await userIn('sv', 'Svea');
  const declined = await connectZoom(sv, t.emulator!, 'svea@example.com', 'deny');
  const text = decoded(await declined.text());
  assert.equal(declined.status, 400);
  assert.match(text, /<html lang="sv">/);
  assert.ok(text.includes('Zoom anslöts inte'), text);
  assert.ok(text.includes('Du kan stänga den här fliken.'));

  const signedOut = await page(new Client(t.app), '/integrations/zoom/callback?code=x&state=y', {
    'accept-language': 'sv',
  });
  assert.equal(signedOut.status, 401);
  assert.ok(signedOut.html.includes('Logga in på Ekosistem App i den här webbläsaren'));
});

test('every Zoom state and record state has its texts in every language, each one translated', () => {
  const tables: [string, Record<string, ZoomStateText>][] = [
    ['zoom', ZOOM_STATES],
    ['record', RECORD_STATES],
  ];
  const read = (text: ZoomStateText) => [
    text.label,
    text.meaning,
    text.hostAction,
    text.managerAction,
    text.attendeeNote,
  ];
  for (const [name, table] of tables) {
    for (const [status, text] of Object.entries(table)) {
      const english = inLocale('en', () => read(text));
      for (const locale of LOCALES) {
        const texts = inLocale(locale, () => read(text));
        for (const [i, value] of texts.entries()) {
          assert.ok(value.trim().length > 0, `${name}/${status}/${locale}/${i}: written`);
          assert.doesNotMatch(value, /^zoom\./, `${name}/${status}/${locale}/${i}: not a key`);
          assert.doesNotMatch(value, /\n/, `${name}/${status}/${locale}/${i}: one line`);
          if (locale !== 'en') assert.notEqual(value, english[i], `${name}/${status}/${locale}/${i}: translated`);
        }
      }
    }
  }
  // The page being rendered picks the language: the same table, read in Finnish and Swedish.
  assert.equal(
    inLocale('fi', () => ZOOM_STATES.waiting_for_reconnect.label),
    'Zoom pitää yhdistää uudelleen',
  );
  assert.equal(
    inLocale('sv', () => RECORD_STATES.requested.label),
    'Väntar på godkännande',
  );
});
