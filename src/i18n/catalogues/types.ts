/**
 * The shape every language's catalogue has: the English one's, with any text as a value. A
 * Finnish or Swedish catalogue declared as `Catalogue[section]` fails `npm run check` when a key
 * is missing or one is added that English does not have.
 */
import type { en } from './en/index.ts';

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export type Catalogue = Texts<typeof en>;
