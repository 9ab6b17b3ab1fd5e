import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localeFromAcceptLanguage } from './locales.ts';

test('Accept-Language picks the highest weighted language the product speaks', () => {
  assert.equal(localeFromAcceptLanguage('fi-FI,fi;q=0.9,en;q=0.8'), 'fi');
  assert.equal(localeFromAcceptLanguage('de-DE,sv;q=0.7,en;q=0.5'), 'sv');
  assert.equal(localeFromAcceptLanguage('en;q=0.3, sv-FI;q=0.9'), 'sv');
  assert.equal(localeFromAcceptLanguage('fi;q=0, en'), 'en');
  assert.equal(localeFromAcceptLanguage('*'), 'en');
  assert.equal(localeFromAcceptLanguage('de, fr'), undefined);
  assert.equal(localeFromAcceptLanguage(''), undefined);
  assert.equal(localeFromAcceptLanguage('fi;q=abc'), undefined);
});
