/**
 * Domain errors: a stable `code`, a readable message, an HTTP status, and optionally the field at
 * fault. src/web/errorResponses.ts is the one place that turns them into responses.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  constructor(code: string, message: string, status: number, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.field = options.field;
  }
}

export class ValidationError extends AppError {
  /** Each input field at fault with its own message (for forms to show next to the field). */
  readonly fieldMessages: Readonly<Record<string, string>> | undefined;
  constructor(
    message: string,
    options: { field?: string; code?: string; fieldMessages?: Record<string, string> } = {},
  ) {
    super(options.code ?? 'invalid_input', message, 400, options);
    this.fieldMessages = options.fieldMessages;
  }
}

/** Also used for ids that exist in another ecosystem: a foreign id must leak nothing (docs/product.md §2). */
export class NotFoundError extends AppError {
  constructor(what = 'resource', options: { code?: string; message?: string; field?: string } = {}) {
    super(options.code ?? 'not_found', options.message ?? `No such ${what}.`, 404, options);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first.') {
    super('unauthenticated', message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, 403);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, options: { field?: string } = {}) {
    super(code, message, 409, options);
  }
}

/** Well-formed, but refused by a rule about other people's consent (e.g. a host's Zoom). */
export class UnprocessableError extends AppError {
  constructor(code: string, message: string, options: { field?: string } = {}) {
    super(code, message, 422, options);
  }
}

export class TooManyRequestsError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, code = 'too_many_attempts') {
    super(code, message, 429);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The server is at a bound it keeps to protect itself (e.g. password hashes per process). */
export class ServiceBusyError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super('busy', message, 503);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super(
      'payload_too_large',
      `The request body is larger than this endpoint accepts (${Math.round(limitBytes / 1024)} KB).`,
      413,
    );
  }
}

/**
 * A time the host cannot be booked at (docs/product.md §12): 409 `host_busy` when it overlaps a
 * live record of the host, else 422 `slot_not_available`. Both say nothing about why, and carry
 * up to 3 listed slots nearest to the time asked for (none where the host publishes no availability).
 */
export class SlotRefusedError extends AppError {
  nearestSlots: { start: string; end: string }[] = [];
  constructor(kind: 'host_busy' | 'slot_not_available', message?: string) {
    super(
      kind,
      message ??
        (kind === 'host_busy'
          ? 'The host is busy at that time. Choose another time.'
          : 'That time is not one of the host’s free slots. Choose one of the free slots.'),
      kind === 'host_busy' ? 409 : 422,
      { field: 'startTime' },
    );
  }
}
