/**
 * Dates and times as a language writes them (`Intl`), always in a named zone (docs/product.md
 * §15): "Monday, 1 June 2026, 09:00–09:30 (Europe/Helsinki)", "maanantai 1. kesäkuuta 2026 klo
 * 9.00–9.30 (Europe/Helsinki)". Mails and pages share these.
 */
import { translatorFor } from './i18n.ts';
import type { Locale } from './locales.ts';

/** The regional variant each language is formatted in: the product is made in Finland. */
const INTL_TAG: Record<Locale, string> = { en: 'en-GB', fi: 'fi-FI', sv: 'sv-FI' };

export function intlTag(locale: Locale): string {
  return INTL_TAG[locale];
}

interface Formatters {
  date: Intl.DateTimeFormat;
  shortDate: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
}

/** Formatters per language and zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Formatters>();

export function formattersFor(locale: Locale, timezone: string): Formatters {
  const key = `${locale} ${timezone}`;
  let set = formatters.get(key);
  if (!set) {
    const tag = INTL_TAG[locale];
    set = {
      date: new Intl.DateTimeFormat(tag, {
        timeZone: timezone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
      shortDate: new Intl.DateTimeFormat(tag, { timeZone: timezone, weekday: 'short', day: 'numeric', month: 'short' }),
      time: new Intl.DateTimeFormat(tag, {
        timeZone: timezone,
        hour: locale === 'fi' ? 'numeric' : '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    };
    // Bounded: zones come from a fixed list (IANA), but keep the cache from growing without end.
    if (formatters.size >= 1500) formatters.clear();
    formatters.set(key, set);
  }
  return set;
}

/** A meeting's date, start and end, with its zone named. */
export function formatWhen(locale: Locale, startAt: Date, durationMinutes: number, timezone: string): string {
  const { date, time } = formattersFor(locale, timezone);
  const end = new Date(startAt.getTime() + durationMinutes * 60_000);
  return translatorFor(locale)('common.time.span', {
    date: date.format(startAt),
    start: time.format(startAt),
    end: time.format(end),
    zone: timezone,
  });
}

/** One instant, with its date and the zone named. */
export function formatInstant(locale: Locale, at: Date, timezone: string): string {
  const { date, time } = formattersFor(locale, timezone);
  return translatorFor(locale)('common.time.instant', { date: date.format(at), time: time.format(at), zone: timezone });
}

/** A whole number as the language writes it (thousands separated). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(INTL_TAG[locale]).format(value);
}

/** Standalone weekday names per language and zone ("maanantai", not the running-text "maanantaina"). */
const weekdayFormatters = new Map<string, Intl.DateTimeFormat>();

function weekdayFormatter(locale: Locale, timezone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timezone}`;
  let format = weekdayFormatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAG[locale], { timeZone: timezone, weekday: 'long' });
    if (weekdayFormatters.size >= 1500) weekdayFormatters.clear();
    weekdayFormatters.set(key, format);
  }
  return format;
}

/** Finnish and Swedish write weekdays and months in lower case; a list item or heading starts with a capital. */
const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/**
 * The seven weekday names, Monday first, as a choice in a list shows them: "Monday", "Maanantai",
 * "Måndag". Read from `Intl` on a known week (5–11 January 1970, UTC), so no language's names are
 * written by hand.
 */
export function weekdayNames(locale: Locale): string[] {
  const format = weekdayFormatter(locale, 'UTC');
  return Array.from({ length: 7 }, (_, i) => capitalised(format.format(new Date(Date.UTC(1970, 0, 5 + i)))));
}

/**
 * A day as a heading names it: "Monday, 1 June 2026", "Maanantai 1. kesäkuuta 2026", "Måndag 1
 * juni 2026". Finnish `Intl` puts a full date's weekday in the form running text needs
 * ("maanantaina", on Monday); a heading names the day itself.
 */
export function formatDay(locale: Locale, at: Date | number, timezone: string): string {
  const weekday = weekdayFormatter(locale, timezone).format(at);
  const parts = formattersFor(locale, timezone).date.formatToParts(at);
  return capitalised(parts.map((part) => (part.type === 'weekday' ? weekday : part.value)).join(''));
}

/** Alternatives as the language lists them: "15, 30 or 60", "15, 30 tai 60", "15, 30 eller 60". */
export function formatAlternatives(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(INTL_TAG[locale], { type: 'disjunction' }).format(items);
}
