/**
 * The product's texts through i18next (docs/product.md §15): one catalogue per language
 * (src/i18n/catalogues), plurals by the language's own rules (`key_one` / `key_other`, chosen
 * with `Intl.PluralRules` from `count`), and `{{name}}` placeholders. Keys are typed from the
 * English catalogue (src/i18n/i18next.d.ts): an unknown key fails `npm run check`.
 *
 * Texts come out unescaped: pages and mails put them into `hono/html` templates, which escape
 * every interpolated value once. A text never carries markup.
 */
import i18next, { type TFunction } from 'i18next';
import { en } from './catalogues/en/index.ts';
import { fi } from './catalogues/fi/index.ts';
import { sv } from './catalogues/sv/index.ts';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales.ts';

export type Translate = TFunction;

export const catalogues = { en, fi, sv } as const;

const instance = i18next.createInstance();
void instance.init({
  resources: { en: { translation: en }, fi: { translation: fi }, sv: { translation: sv } },
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // Resources are in memory: initialise now, so a text can be read as soon as this module is loaded.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translators = new Map<Locale, Translate>(LOCALES.map((locale) => [locale, instance.getFixedT(locale)]));

/** The texts of one language. */
export function translatorFor(locale: Locale): Translate {
  return translators.get(locale) ?? (translators.get(DEFAULT_LOCALE) as Translate);
}
