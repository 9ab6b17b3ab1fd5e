/**
 * The time-zone choices every form offers (the new-record form, the availability form, the
 * booking pages' "your time zone"): UTC first, then the zones Intl knows. A zone that is valid but
 * not listed (an alias such as Europe/Kyiv on an older ICU) is kept as the first option, so
 * re-rendering a form never silently swaps the person's zone for another.
 */
import { html } from 'hono/html';
import type { Html } from './layout.ts';

const TIMEZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const LISTED = new Set(TIMEZONES);

/** `<option>`s for a zone `<select>`, with `selected` chosen. */
export function zoneOptions(selected: string): Html {
  const zones = selected && !LISTED.has(selected) ? [selected, ...TIMEZONES] : TIMEZONES;
  return html`${zones.map((tz) => html`<option ${tz === selected ? 'selected' : ''}>${tz}</option>`)}`;
}
