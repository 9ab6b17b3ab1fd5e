/**
 * Structured logs (pino). Every path that could carry a secret is redacted here, once, so a
 * careless `log.info({ response })` cannot leak a token (SPEC §3.3).
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

/** Redact each secret key at the top level and up to three levels deep. */
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => {
    const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `["${k}"]`;
    const dot = key.startsWith('[') ? '' : '.';
    return [key, `*${dot}${key}`, `*.*${dot}${key}`, `*.*.*${dot}${key}`];
  }),
  ...CODE_CONTAINERS.flatMap((container) => [`${container}.code`, `*.${container}.code`, `*.*.${container}.code`]),
];

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream | { write(s: string): void } }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: undefined,
    },
    (options.destination as NodeJS.WritableStream | undefined) ?? process.stdout,
  );
}
