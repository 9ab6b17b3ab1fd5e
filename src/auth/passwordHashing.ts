/**
 * Password hashing with scrypt (memory-hard, docs/product.md §2). Stored format:
 * `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>` so parameters can be raised later and old
 * hashes still verify.
 *
 * Bounded per process (docs/product.md §2): at most MAX_RUNNING hashes run at once (each takes 32 MiB and a
 * libuv thread for a good part of a second) and at most MAX_WAITING wait for a turn; past that a
 * request is refused at once with 503 `busy` and Retry-After instead of queueing without end.
 * Callers check their limits before they hash (src/auth/accounts.ts), so a request already over
 * a limit costs no hash at all.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ServiceBusyError } from '../errors.ts';
import { countEvent } from '../metrics.ts';

const LOG_N = 15; // N = 32768, r = 8 → 32 MiB per hash
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: 2 ** logN, r, p, maxmem: 256 * 2 ** logN * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export const MAX_RUNNING = 2;
export const MAX_WAITING = 32;

/**
 * A gate of `maxRunning` turns with a bounded line: `run` waits for a turn, or throws
 * ServiceBusyError at once when `maxWaiting` are already waiting.
 */
export function createHashSlots(maxRunning: number, maxWaiting: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= maxRunning) {
        if (waiting.length >= maxWaiting) {
          countEvent('password_hashes_total', 'Password hashes (scrypt), by outcome.', { outcome: 'refused_busy' });
          throw new ServiceBusyError('The server is busy checking passwords. Try again in a moment.', 1);
        }
        // The turn is handed over by the one finishing (running stays as it is).
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        countEvent('password_hashes_total', 'Password hashes (scrypt), by outcome.', { outcome: 'run' });
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    /** Hashes running and waiting now (for tests). */
    load: () => ({ running, waiting: waiting.length }),
  };
}

const slots = createHashSlots(MAX_RUNNING, MAX_WAITING);

async function newHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, LOG_N, R, P);
  return ['scrypt', LOG_N, R, P, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function hashPassword(password: string): Promise<string> {
  return slots.run(() => newHash(password));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await slots.run(() =>
    derive(password, Buffer.from(salt, 'base64'), Number(logN), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, verified against when the email is unknown, so timing leaks nothing. */
export const DUMMY_HASH_PROMISE: Promise<string> = newHash(randomBytes(16).toString('hex'));
