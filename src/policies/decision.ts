/** A policy's answer: allowed, or refused with the status, stable code and message to show. */
import { AppError } from '../errors.ts';

export type Decision = { ok: true } | { ok: false; status: 400 | 403 | 409 | 422; code: string; message: string };

export const ALLOWED: Decision = { ok: true };

/** Throws a refusal as an AppError (turned into a response in one place, web/errorResponses.ts). */
export function enforce(decision: Decision, field?: string): void {
  if (!decision.ok) throw new AppError(decision.code, decision.message, decision.status, field ? { field } : {});
}
