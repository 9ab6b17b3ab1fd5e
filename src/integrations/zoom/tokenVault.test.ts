import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { createTokenVault, VaultError } from './tokenVault.ts';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };

test('seal/open round-trips any string and never shows the plaintext', () => {
  const vault = createTokenVault([k1]);
  fc.assert(
    fc.property(fc.string({ minLength: 4, maxLength: 300 }), fc.string({ maxLength: 60 }), (secret, aad) => {
      const sealed = vault.seal(secret, aad);
      assert.equal(vault.open(sealed, aad), secret);
      assert.ok(!sealed.includes(Buffer.from(secret).toString('base64url')) || secret.length < 4);
    }),
  );
});

test('a fresh IV per seal: sealing the same value twice gives different ciphertexts', () => {
  const vault = createTokenVault([k1]);
  assert.notEqual(vault.seal('token', 'row/1'), vault.seal('token', 'row/1'));
});

test('a tampered ciphertext, tag or IV fails to open', () => {
  const vault = createTokenVault([k1]);
  const sealed = vault.seal('access-token-value', 'zoom_connections/u1/access_token');
  const parts = sealed.split('.');
  for (const index of [2, 3, 4]) {
    const bytes = Buffer.from(parts[index]!, 'base64url');
    bytes[0] = bytes[0]! ^ 1;
    const tampered = [...parts];
    tampered[index] = bytes.toString('base64url');
    assert.throws(
      () => vault.open(tampered.join('.'), 'zoom_connections/u1/access_token'),
      (e: unknown) => e instanceof VaultError && e.code !== 'vault_unknown_key',
    );
  }
});

test('a ciphertext copied to another row (or another field) fails to open', () => {
  const vault = createTokenVault([k1]);
  const sealed = vault.seal('refresh-token-value', 'zoom_connections/u1/refresh_token');
  assert.throws(() => vault.open(sealed, 'zoom_connections/u2/refresh_token'), /does not open/);
  assert.throws(() => vault.open(sealed, 'zoom_connections/u1/access_token'), /does not open/);
});

test('rotation: the first key seals, all keys open; after re-sealing the new key alone opens everything', () => {
  const old = createTokenVault([k1]);
  const sealedOld = old.seal('t', 'a');
  const rotating = createTokenVault([k2, k1]);
  assert.equal(rotating.open(sealedOld, 'a'), 't');
  const resealed = rotating.seal(rotating.open(sealedOld, 'a'), 'a');
  assert.equal(rotating.keyIdOf(resealed), 'k2');
  const newOnly = createTokenVault([k2]);
  assert.equal(newOnly.open(resealed, 'a'), 't');
  assert.throws(
    () => newOnly.open(sealedOld, 'a'),
    (e: unknown) => e instanceof VaultError && e.code === 'vault_unknown_key',
  );
});
