/** Types i18next's keys and placeholders from the English catalogue (src/i18n/i18n.ts). */
import 'i18next';
import type { en } from './catalogues/en/index.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    returnNull: false;
  }
}
