/**
 * Structured logs (pino). Every path that could carry a secret is redacted here, once, so a
 * careless `log.info({ response })` cannot leak a token (docs/product.md §3.3).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const SECRET_KEYS = [
  'password',
  'passwordHash',
  'password_hash',
  'token',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'authorizationCode',
  'authorization_code',
  'code_verifier',
  'codeVerifier',
  'client_secret',
  'clientSecret',
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'start_url',
  'startUrl',
  'csrf',
  'csrfToken',
  'sessionToken',
  'secret',
  'webhookSecret',
  'key',
];

/**
 * `code` is *not* a secret key as such: it is every error's stable code (`ZoomError.code`,
 * `err.code`), which operators must read. The OAuth authorization code is a `code` inside what
 * carries a request's parameters — a query, a form or JSON body, the token grant — so exactly
 * those paths are redacted.
 */
const CODE_CONTAINERS = ['query', 'params', 'searchParams', 'body', 'form', 'grant', 'callback'];

const SECRET = new Set(SECRET_KEYS);
const CODE_CONTAINER = new Set(CODE_CONTAINERS);
const CENSOR = '[redacted]';
const IN_PROGRESS = Symbol('in progress');
/** Deeper than any object we log; a bound on the walk's cost, not on what it checks in practice. */
const MAX_DEPTH = 12;

const isSecret = (key: string, parentKey: string | undefined) =>
  SECRET.has(key) || (key === 'code' && parentKey !== undefined && CODE_CONTAINER.has(parentKey));

/**
 * `value` with every secret key replaced by `[redacted]`, at any depth (arrays, plain objects,
 * class instances, errors and their `cause`). Nothing logged is mutated: an object is copied only
 * when something under it changes, so a line without secrets costs one walk over its keys. This
 * replaces pino's path-based redaction, whose ~130 wildcard paths cost about 0.2 ms per line.
 */
export function redactSecrets(
  value: unknown,
  parentKey?: string,
  depth = 0,
  seen = new Map<object, unknown>(),
): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (ArrayBuffer.isView(value) || value instanceof Date || value instanceof Map || value instanceof Set) return value;
  // An object met twice gets the same answer; one met inside itself is a cycle.
  if (seen.has(value)) return seen.get(value) === IN_PROGRESS ? '[Circular]' : seen.get(value);
  seen.set(value, IN_PROGRESS);
  const result = redactObject(value, parentKey, depth, seen);
  seen.set(value, result);
  return result;
}

function redactObject(
  value: object,
  parentKey: string | undefined,
  depth: number,
  seen: Map<object, unknown>,
): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = redactSecrets(value[i], parentKey, depth + 1, seen);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  let changes: [string, unknown][] | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const redacted = isSecret(key, parentKey) ? CENSOR : redactSecrets(item, key, depth + 1, seen);
    if (redacted !== item) (changes ??= []).push([key, redacted]);
  }
  const cause =
    value instanceof Error && !Object.prototype.propertyIsEnumerable.call(value, 'cause') ? value.cause : undefined;
  const redactedCause = cause === undefined ? undefined : redactSecrets(cause, 'cause', depth + 1, seen);
  if (!changes && redactedCause === cause) return value;
  // A copy with the same prototype and own properties (an error keeps its message, stack and
  // type for pino's error serializer), with the secrets replaced.
  const copy = Object.create(
    Object.getPrototypeOf(value) as object | null,
    Object.getOwnPropertyDescriptors(value),
  ) as Record<string, unknown>;
  for (const [key, redacted] of changes ?? [])
    Object.defineProperty(copy, key, { value: redacted, enumerable: true, writable: true, configurable: true });
  if (redactedCause !== cause)
    Object.defineProperty(copy, 'cause', {
      value: redactedCause,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  // V8's `stack` accessor reads the original error's internal slot: carry its text over.
  if (value instanceof Error)
    Object.defineProperty(copy, 'stack', { value: value.stack, enumerable: false, writable: true, configurable: true });
  return copy;
}

export function createLogger(options: {
  level: string;
  destination?: NodeJS.WritableStream | { write(s: string): void };
}): Logger {
  const logger = pino(
    {
      level: options.level,
      // What each call logs passes through the walk; so do a child's bindings (below).
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
      base: undefined,
    },
    (options.destination as NodeJS.WritableStream | undefined) ??
      // Standard output, written asynchronously: a synchronous write per line blocks the event
      // loop whenever the reader of the pipe is slower than us (a cost on every request under
      // load, docs/performance.md). Lines written while a write is in flight go out together with the next one; pino
      // flushes what is pending when the process exits.
      pino.destination({ dest: 1, sync: false }),
  );
  // pino's children inherit from the root, so this one override covers every descendant.
  const pinoChild = Object.getPrototypeOf(logger).child as Logger['child'];
  Object.defineProperty(logger, 'child', {
    value: function child(
      this: Logger,
      bindings: Record<string, unknown>,
      childOptions?: Parameters<Logger['child']>[1],
    ) {
      return pinoChild.call(this, redactSecrets(bindings) as Record<string, unknown>, childOptions);
    },
  });
  return logger;
}
