/**
 * The languages the product speaks (docs/product.md §15) and how a request's language is chosen.
 * Pure: no i18next here, so the database and config layers can name a locale without loading
 * the catalogues.
 */
export const LOCALES = ['en', 'fi', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language's name in itself, for the language switch and the language choices. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fi: 'Suomi', sv: 'Svenska' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the highest
 * weighted range that names one of them (`fi-FI` counts as `fi`; `*` as English); ties keep the
 * header's order. Undefined when the header names none of them.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.slice(0, 500).split(',')) {
    const [range = '', ...params] = part.trim().split(';');
    const tag = range.trim().toLowerCase();
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = tag === '*' ? DEFAULT_LOCALE : tag.split('-')[0];
    if (!isLocale(primary)) continue;
    if (!best || q > best.q) best = { locale: primary, q };
  }
  return best?.locale;
}
