/**
 * The token vault (docs/product.md §3.3): Zoom tokens are stored only sealed with AES-256-GCM.
 *
 * Sealed format (one text column), five dot-separated parts:
 *   `v1.<key id>.<iv: 12 bytes, base64url>.<ciphertext, base64url>.<tag: 16 bytes, base64url>`
 * - a fresh random 96-bit IV per seal (never reused with a key);
 * - additional authenticated data = the row's identity and the field (e.g.
 *   `zoom_connections/<user id>/refresh_token`), so a ciphertext copied to another row or column
 *   does not open;
 * - the key id names which of `TOKEN_ENCRYPTION_KEYS` sealed it: the first key seals, every key
 *   opens, so keys rotate without downtime (`npm run rotate-keys` re-seals every row).
 */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';

export interface VaultKey {
  id: string;
  key: Buffer;
}

export class VaultError extends Error {
  readonly code: 'vault_cannot_open' | 'vault_unknown_key' | 'vault_malformed';
  constructor(code: VaultError['code'], message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}

export interface TokenVault {
  /** The key id that seals now. */
  readonly currentKeyId: string;
  seal(plaintext: string, aad: string): string;
  open(sealed: string, aad: string): string;
  /** The key id a sealed value names (to find rows that need re-sealing). */
  keyIdOf(sealed: string): string;
}

export function createTokenVault(keys: VaultKey[]): TokenVault {
  const [current] = keys;
  if (!current) throw new Error('the token vault needs at least one key');
  for (const { id, key } of keys) {
    if (key.length !== 32) throw new Error(`token key ${id} is not 32 bytes`);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`token key id ${id} must be [A-Za-z0-9_-]`);
  }
  // Key objects made once: a raw Buffer key is imported again by every cipher made with it.
  const byId = new Map(keys.map((k) => [k.id, createSecretKey(k.key)]));
  const sealingKey = createSecretKey(current.key);

  function parse(sealed: string) {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new VaultError('vault_malformed', 'not a sealed value');
    const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
    return {
      keyId,
      iv: Buffer.from(iv, 'base64url'),
      ciphertext: Buffer.from(ciphertext, 'base64url'),
      tag: Buffer.from(tag, 'base64url'),
    };
  }

  return {
    currentKeyId: current.id,
    seal(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        'v1',
        current.id,
        iv.toString('base64url'),
        ciphertext.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(sealed, aad) {
      const { keyId, iv, ciphertext, tag } = parse(sealed);
      const key = byId.get(keyId);
      if (!key) throw new VaultError('vault_unknown_key', `no key with id ${keyId} is configured`);
      if (iv.length !== 12 || tag.length !== 16) throw new VaultError('vault_malformed', 'bad IV or tag length');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        // Wrong key, tampered bytes or wrong row identity: all look the same, by design.
        throw new VaultError('vault_cannot_open', 'the sealed value does not open (tampered, moved, or wrong key)');
      }
    },
    keyIdOf(sealed) {
      return parse(sealed).keyId;
    },
  };
}
