import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogues } from './i18n.ts';
import { type ZoomDetailKey, zoomDetail, zoomDetailIn } from './zoomDetails.ts';

const SAMPLE = { reason: 'Invalid field.', limit: 100, ids: '81234567890', id: '81234567890', time: '14:30 UTC' };

test('every stored Zoom detail reads in Finnish and Swedish, with its values kept', () => {
  for (const key of Object.keys(catalogues.en.zoom.details) as ZoomDetailKey[]) {
    const stored = zoomDetail(key, SAMPLE);
    assert.doesNotMatch(stored, /\{\{/, `${key}: every placeholder filled`);
    assert.equal(zoomDetailIn('en', stored), stored);
    for (const locale of ['fi', 'sv'] as const) {
      const shown = zoomDetailIn(locale, stored);
      assert.notEqual(shown, stored, `${key} in ${locale}`);
      for (const [name, value] of Object.entries(SAMPLE))
        if ((catalogues.en.zoom.details[key] as string).includes(`{{${name}}}`))
          assert.ok(shown.includes(String(value)), `${key} in ${locale} keeps ${name}`);
    }
  }
});

test('what Zoom said itself is shown as it said it', () => {
  assert.equal(zoomDetailIn('fi', 'Meeting host is not found.'), 'Meeting host is not found.');
});
