/** A policy's answer: allowed, or refused with the status, stable code and message to show. */
import { AppError, englishError, type ErrorKey, type ErrorParams, type ErrorText } from '../errors.ts';

export type Decision =
  | { ok: true }
  | { ok: false; status: 400 | 403 | 409 | 422; code: string; message: string; text?: ErrorText };

export const ALLOWED: Decision = { ok: true };

/**
 * A refusal worded by a text of the errors catalogue: `message` is its English, `text` lets the
 * reader's language word it (docs/product.md §15).
 */
export function refusal(status: 400 | 403 | 409 | 422, code: string, key: ErrorKey, params?: ErrorParams): Decision {
  const text: ErrorText = params ? { key, params } : { key };
  return { ok: false, status, code, message: englishError(key, params), text };
}

/** Throws a refusal as an AppError (turned into a response in one place, web/errorResponses.ts). */
export function enforce(decision: Decision, field?: string): void {
  if (!decision.ok)
    throw new AppError(decision.code, decision.text ?? decision.message, decision.status, field ? { field } : {});
}
