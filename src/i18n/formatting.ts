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
