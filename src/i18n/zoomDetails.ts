/**
 * What a record's Zoom state says about itself (`zoom.detail`): stored in English — the JSON API
 * answers it as written, and logs and the soak read it — and shown on a page in its reader's
 * language. Each detail is one of the `zoom.details` messages, so a page can find which one a
 * stored text is and word it again; what Zoom itself said (a refusal's reason) stays as Zoom said it.
 */
import { catalogues, translatorFor } from './i18n.ts';
import type { Locale } from './locales.ts';

const DETAILS = catalogues.en.zoom.details;
export type ZoomDetailKey = keyof typeof DETAILS;
type Params = Record<string, string | number>;

/**
 * A detail message with its values. The key is chosen at run time, so i18next's per-key placeholder
 * types cannot apply; the catalogue test checks every language keeps each message's placeholders.
 */
function detailText(locale: Locale, key: ZoomDetailKey, params: Params): string {
  const t = translatorFor(locale) as unknown as (key: string, options: Params) => string;
  return t(`zoom.details.${key}`, params);
}

/** The English detail to store. */
export function zoomDetail(key: ZoomDetailKey, params: Params = {}): string {
  return detailText('en', key, params);
}

/** Each message as a pattern whose named groups are its placeholders. */
const PATTERNS = (Object.keys(DETAILS) as ZoomDetailKey[]).map((key) => {
  const parts = (DETAILS[key] as string).split(/\{\{(\w+)\}\}/);
  const source = parts
    .map((part, i) => (i % 2 ? `(?<${part}>.+?)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { key, pattern: new RegExp(`^${source}$`, 's') };
});

/** A stored detail in `locale`: its message worded again, or, when it is not one (Zoom's words), as stored. */
export function zoomDetailIn(locale: Locale, stored: string): string {
  if (locale === 'en') return stored;
  for (const { key, pattern } of PATTERNS) {
    const match = pattern.exec(stored);
    if (match) return detailText(locale, key, { ...match.groups });
  }
  return stored;
}
