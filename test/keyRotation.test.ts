/**
 * Key rotation (docs/product.md §3.3): `npm run rotate-keys` re-seals every stored secret with the
 * first key of TOKEN_ENCRYPTION_KEYS; afterwards every row opens with the new key alone. Runs the
 * real command as a child process against the same database (PGlite in a directory, or the
 * throwaway PostgreSQL database).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/db/client.ts';
import { zoomConnections, zoomOauthStates } from '../src/db/schema.ts';
import { createTokenVault, type VaultKey } from '../src/integrations/zoom/tokenVault.ts';
import { tokenAad, verifierAad } from '../src/integrations/zoom/zoomIntegration.ts';
import { Client, connectZoom, createTestApp, TEST_KEY } from './helpers/testApp.ts';
import { createTestDatabase, onPostgres, withReopenedDatabase, type TestDatabase } from './helpers/testDatabase.ts';
import { runCommand } from './helpers/runCommand.ts';

const NEW_KEY: VaultKey = { id: 'k2026', key: Buffer.alloc(32, 99) };
const keyEntry = (k: VaultKey) => `${k.id}:${k.key.toString('base64')}`;

let dataDir: string;
let testDb: TestDatabase;
let commandEnv: Record<string, string>;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'ekos-rotate-'));
  testDb = await createTestDatabase({ dataDir });
  const t = await createTestApp({ zoom: true, testDb });
  // Two connected hosts, and a third half-way through connecting (a sealed PKCE verifier).
  for (const [name, email, zoomEmail] of [
    ['Hana', 'hana@example.com', 'host@demo.ekosistem.app'],
    ['Basil', 'basil@example.com', 'basic@example.com'],
  ] as const) {
    const client = new Client(t.app);
    await client.signUp(name, email);
    assert.equal((await connectZoom(client, t.emulator!, zoomEmail)).status, 200);
  }
  const pending = new Client(t.app);
  await pending.signUp('Petra', 'petra@example.com');
  assert.equal((await pending.get('/integrations/zoom/connect')).status, 302);
  await t.close();
  commandEnv = onPostgres ? { DATABASE_URL: testDb.url! } : { DATA_DIR: dataDir };
  if (!onPostgres) await testDb.database.close(); // one process per PGlite directory
});

after(async () => {
  if (onPostgres) await testDb.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const rotateKeys = (keys: VaultKey[]) =>
  runCommand('src/ops/rotateKeysCommand.ts', [], {
    ...commandEnv,
    TOKEN_ENCRYPTION_KEYS: keys.map(keyEntry).join(','),
  });

const withDatabase = <T>(fn: (database: Database) => Promise<T>) => withReopenedDatabase(testDb, dataDir, fn);

/** Every sealed value with its row's AAD. */
async function sealedValues(database: Database): Promise<{ sealed: string; aad: string }[]> {
  const values: { sealed: string; aad: string }[] = [];
  for (const row of await database.db.select().from(zoomConnections)) {
    values.push({ sealed: row.accessTokenSealed!, aad: tokenAad(row.userId, 'access_token') });
    values.push({ sealed: row.refreshTokenSealed!, aad: tokenAad(row.userId, 'refresh_token') });
  }
  for (const row of await database.db.select().from(zoomOauthStates)) {
    values.push({ sealed: row.codeVerifierSealed, aad: verifierAad(row.stateHash) });
  }
  return values;
}

test('without the old key the command refuses (exit 1), names the rows, and changes nothing', async () => {
  const before = await withDatabase(sealedValues);
  assert.equal(before.length, 5, 'two connections (access + refresh) and one pending state');
  const result = await rotateKeys([NEW_KEY]);
  assert.equal(result.code, 1, result.output);
  assert.match(result.output, /failed:\s+3/);
  assert.match(result.output, /vault_unknown_key/);
  assert.match(result.output, /keep the old keys/);
  assert.deepEqual(await withDatabase(sealedValues), before);
});

test('rotate-keys re-seals every row with the first key; afterwards the new key alone opens everything', async () => {
  const before = await withDatabase(sealedValues);
  const oldVault = createTokenVault([TEST_KEY]);
  const plaintexts = before.map(({ sealed, aad }) => oldVault.open(sealed, aad));

  const result = await rotateKeys([NEW_KEY, TEST_KEY]);
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /rows examined:\s+3/);
  assert.match(result.output, /re-sealed:\s+3/);
  assert.match(result.output, /Every row now opens with the first key alone/);

  const after = await withDatabase(sealedValues);
  const newOnly = createTokenVault([NEW_KEY]);
  assert.equal(after.length, before.length);
  after.forEach(({ sealed, aad }, i) => {
    assert.equal(newOnly.keyIdOf(sealed), NEW_KEY.id);
    assert.equal(newOnly.open(sealed, aad), plaintexts[i], 'same secret, new key');
    assert.throws(() => oldVault.open(sealed, aad), 'the old key no longer opens it');
  });
  for (const { sealed } of after) for (const p of plaintexts) assert.ok(!sealed.includes(p), 'only ciphertext stored');

  const again = await rotateKeys([NEW_KEY]);
  assert.equal(again.code, 0, again.output);
  assert.match(again.output, /already current:\s+3/);
  assert.match(again.output, /re-sealed:\s+0/);
});
