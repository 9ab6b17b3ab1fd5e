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
  'code',
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

/** Redact each secret key at the top level and up to three levels deep. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `["${k}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`, `*.*.*${dot}${key}`];
});

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
