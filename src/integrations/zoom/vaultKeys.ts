/**
 * Where the token vault's keys come from: `TOKEN_ENCRYPTION_KEYS`, or — embedded mode only — a
 * key generated once into `DATA_DIR/token-encryption-key` with mode 0600 and a warning, so
 * `npm start` works with no set-up while production must configure real keys.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import type { Logger } from '../../logger.ts';
import type { VaultKey } from './tokenVault.ts';

export const DEV_KEY_FILE = 'token-encryption-key';

export function parseKeyList(raw: string): VaultKey[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.indexOf(':');
      return { id: part.slice(0, colon), key: Buffer.from(part.slice(colon + 1), 'base64') };
    });
}

export function resolveVaultKeys(config: Config, log: Logger): VaultKey[] {
  if (config.tokenEncryptionKeys) return config.tokenEncryptionKeys;
  if (config.databaseUrl) {
    // parseConfig already refuses this combination; kept as a guard for other callers.
    throw new Error('TOKEN_ENCRYPTION_KEYS is required with DATABASE_URL');
  }
  const file = join(config.dataDir, DEV_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `dev1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    log.warn(
      { file },
      'TOKEN_ENCRYPTION_KEYS is not set: generated a development key for the embedded database. ' +
        'Set TOKEN_ENCRYPTION_KEYS in production.',
    );
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return parseKeyList(readFileSync(file, 'utf8'));
}
