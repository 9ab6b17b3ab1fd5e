/**
 * Domain errors: a stable `code`, a readable message, an HTTP status, and optionally the field at
 * fault. src/web/errorResponses.ts is the one place that turns them into responses.
 *
 * A message is given as a key of the errors catalogue (src/i18n/catalogues/en/errors.ts) with the
 * values it names: the error's `message` is its English text (for logs, and for English readers),
 * and `text` keeps the key and values so src/web/errorText.ts can word it in the reader's language
 * (docs/product.md §15). A plain string still works; errorText then finds its key by its English.
 */
import type { z } from 'zod';
import type { errors } from './i18n/catalogues/en/errors.ts';
import { translatorFor } from './i18n/i18n.ts';

/** The dotted paths to a catalogue's texts, a plural's `_one`/`_other` named once, by its base. */
type TextKeys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`
      ? `${P}${Base}`
      : `${P}${K}`
    : TextKeys<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A text of the errors catalogue, e.g. `codes.not_found` or `records.alreadyRegistered`. */
export type ErrorKey = TextKeys<typeof errors>;

/** The values a message names; `count` chooses a plural's form. */
export type ErrorParams = Readonly<Record<string, string | number>>;

export interface ErrorText {
  readonly key: ErrorKey;
  readonly params?: ErrorParams;
}

/** A message: a catalogue text (preferred), or English as it is. */
export type Message = string | ErrorText;

/** The text in `locale` (English when none is named). */
export function errorMessage(text: ErrorText, locale: 'en' | 'fi' | 'sv' = 'en'): string {
  const t = translatorFor(locale) as unknown as (key: string, options?: object) => string;
  return t(`errors.${text.key}`, text.params ?? {});
}

/** The English of a catalogue text, for a schema's or a policy's message. */
export const englishError = (key: ErrorKey, params?: ErrorParams): string =>
  errorMessage(params ? { key, params } : { key });

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  /** The catalogue text of the message, when it was given as one. */
  readonly text: ErrorText | undefined;
  constructor(code: string, message: Message, status: number, options: { field?: string; cause?: unknown } = {}) {
    super(
      typeof message === 'string' ? message : errorMessage(message),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.field = options.field;
    this.text = typeof message === 'string' ? undefined : message;
  }
}

/** One issue of an input check (zod), kept so the message can be worded again in another language. */
export type InputIssue = z.core.$ZodIssue;

export class ValidationError extends AppError {
  /** Each input field at fault with its own message (for forms to show next to the field). */
  readonly fieldMessages: Readonly<Record<string, string>> | undefined;
  /** The input check's issues this error reports, when it comes from one. */
  readonly issues: readonly InputIssue[] | undefined;
  constructor(
    message: Message,
    options: {
      field?: string;
      code?: string;
      fieldMessages?: Record<string, string>;
      issues?: readonly InputIssue[];
    } = {},
  ) {
    super(options.code ?? 'invalid_input', message, 400, options);
    this.fieldMessages = options.fieldMessages;
    this.issues = options.issues;
  }
}

/** What a 404 says is missing: each has its message in the catalogue (`notFound.<what>`). */
export type MissingThing = keyof typeof errors.notFound;

/** Also used for ids that exist in another ecosystem: a foreign id must leak nothing (docs/product.md §2). */
export class NotFoundError extends AppError {
  constructor(what: MissingThing = 'resource', options: { code?: string; message?: Message; field?: string } = {}) {
    super(options.code ?? 'not_found', options.message ?? { key: `notFound.${what}` }, 404, options);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: Message = { key: 'codes.unauthenticated' }) {
    super('unauthenticated', message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: Message) {
    super(code, message, 403);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: Message, options: { field?: string } = {}) {
    super(code, message, 409, options);
  }
}

/** Well-formed, but refused by a rule about other people's consent (e.g. a host's Zoom). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: Message, options: { field?: string } = {}) {
    super(code, message, 422, options);
  }
}

export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: Message, retryAfterSeconds: number, code = 'too_many_attempts') {
    super(code, message, 429);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The server is at a bound it keeps to protect itself (e.g. password hashes per process). */
export class ServiceBusyError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: Message, retryAfterSeconds: number) {
    super('busy', message, 503);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('payload_too_large', { key: 'request.payloadTooLarge', params: { kb: Math.round(limitBytes / 1024) } }, 413);
  }
}

/**
 * A time the host cannot be booked at (docs/product.md §12): 409 `host_busy` when it overlaps a
 * live record of the host, else 422 `slot_not_available`. Both say nothing about why, and carry
 * up to 3 listed slots nearest to the time asked for (none where the host publishes no availability).
 */
export class SlotRefusedError extends AppError {
  nearestSlots: { start: string; end: string }[] = [];
  constructor(kind: 'host_busy' | 'slot_not_available', message?: Message) {
    super(kind, message ?? { key: `codes.${kind}` }, kind === 'host_busy' ? 409 : 422, { field: 'startTime' });
  }
}
