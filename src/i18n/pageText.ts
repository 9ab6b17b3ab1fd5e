/**
 * The language of the request being answered, for the views that render its page. The locale
 * middleware (src/web/middleware/locale.ts) runs each request inside `inLocale`, so a view reads
 * `pageText()` instead of having the language passed through every function between the route and
 * it. Mail never uses this: each mail is rendered in its recipient's language, named explicitly
 * (src/mail/renderMeetingMail.ts). Outside a request (a view rendered by a test) it is English.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { formatInstant, formatWhen } from './formatting.ts';
import { translatorFor, type Translate } from './i18n.ts';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';

export interface PageText {
  locale: Locale;
  t: Translate;
  /** The reader's own zone, when they chose one: pages show times in it. */
  zone?: string | undefined;
}

const texts = new Map<Locale, PageText>();
export function textFor(locale: Locale): PageText {
  let text = texts.get(locale);
  if (!text) texts.set(locale, (text = { locale, t: translatorFor(locale) }));
  return text;
}

const current = new AsyncLocalStorage<PageText>();

export function inLocale<T>(locale: Locale, run: () => T, zone?: string | null): T {
  return current.run(zone ? { ...textFor(locale), zone } : textFor(locale), run);
}

export function pageText(): PageText {
  return current.getStore() ?? textFor(DEFAULT_LOCALE);
}

/** A record's date and times as the reader reads them: their language, their zone (else the record's), named. */
export function pageWhen(startAt: Date, durationMinutes: number, recordZone: string): string {
  const { locale, zone } = pageText();
  return formatWhen(locale, startAt, durationMinutes, zone ?? recordZone);
}

/** One instant as the reader reads it, the zone named. */
export function pageInstant(at: Date, recordZone: string): string {
  const { locale, zone } = pageText();
  return formatInstant(locale, at, zone ?? recordZone);
}
