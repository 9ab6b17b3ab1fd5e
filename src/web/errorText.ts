/**
 * An error's message in the language of the page showing it (docs/product.md §15). Pages that
 * show a refused action's error inline use this instead of `error.message` (which is English,
 * for logs and for English readers).
 */
import type { AppError } from '../errors.ts';

export function errorText(error: AppError): string {
  return error.message;
}
