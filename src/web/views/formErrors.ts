/**
 * Form errors next to the field they concern: the field gets `aria-invalid` and is described by
 * its message, so a screen reader reads the message with the field. The page's summary at the top
 * (`error` in the layout) stays, for whoever starts reading there.
 */
import { html } from 'hono/html';
import type { Html } from './layout.ts';

/** Form field name → message. */
export type FieldErrors = Readonly<Record<string, string>>;

/** Attributes for the field `name` when it has an error (put inside its tag). */
export function invalidAttrs(errors: FieldErrors | undefined, name: string): Html {
  return errors?.[name] ? html` aria-invalid="true" aria-describedby="${name}-error"` : html``;
}

/** The message for `name`, to place right after its field. */
export function fieldError(errors: FieldErrors | undefined, name: string): Html {
  return errors?.[name] ? html`<p class="field-error" id="${name}-error">${errors[name]}</p>` : html``;
}
