/**
 * Every message exists in every language, and is translated (docs/product.md §15): the type check
 * catches a missing key in a Finnish or Swedish catalogue; this test catches the rest — an empty
 * text, a placeholder the translation lost or invented, and a text left in English.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogues } from '../i18n.ts';

/** Texts that are the same in every language: names and symbols, not words. */
const SAME_IN_EVERY_LANGUAGE = new Set(['common.layout.siteName']);

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const english = flatten(catalogues.en);

for (const locale of ['fi', 'sv'] as const) {
  const translated = flatten(catalogues[locale]);

  test(`${locale}: every English message exists, and nothing else`, () => {
    assert.deepEqual(
      [...english.keys()].filter((k) => !translated.has(k)),
      [],
      'missing',
    );
    assert.deepEqual(
      [...translated.keys()].filter((k) => !english.has(k)),
      [],
      'not in English',
    );
  });

  test(`${locale}: every message is written, with the placeholders English has`, () => {
    for (const [key, text] of translated) {
      assert.ok(text.trim().length > 0, `${key} is empty`);
      const source = english.get(key);
      if (source === undefined) continue;
      assert.deepEqual(placeholders(text), placeholders(source), `${key}: placeholders differ`);
    }
  });

  test(`${locale}: no message is left in English`, () => {
    const untranslated = [...translated].filter(
      ([key, text]) => !SAME_IN_EVERY_LANGUAGE.has(key) && english.get(key) === text && /[a-z]{3}/i.test(text),
    );
    assert.deepEqual(
      untranslated.map(([key]) => key),
      [],
      'these read the same as English; translate them or list them as names',
    );
  });
}

test('the English catalogue is complete in itself: no empty message', () => {
  for (const [key, text] of english) assert.ok(text.trim().length > 0, `${key} is empty`);
});
