/**
 * `npm run rotate-keys`: re-seals every stored token with the first key of TOKEN_ENCRYPTION_KEYS
 * (put the new key first, keep the old ones after it, run this, then drop the old ones).
 */
import { parseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { createTokenVault } from '../integrations/zoom/tokenVault.ts';
import { resolveVaultKeys } from '../integrations/zoom/vaultKeys.ts';
import { resealTokens } from '../integrations/zoom/resealTokens.ts';

try {
  process.loadEnvFile();
} catch {
  // no .env
}
const config = parseConfig(process.env);
const log = createLogger({ level: 'warn' });
const keys = resolveVaultKeys(config, log);
const vault = createTokenVault(keys);
const started = performance.now();
const database = await openDatabase(config);
try {
  await migrate(database);
  const report = await resealTokens(database.db, vault, (done, total) => {
    if (done === total || done % 100 === 0) process.stdout.write(`  ${done}/${total} rows\n`);
  });
  process.stdout.write(
    [
      `Key rotation to "${vault.currentKeyId}" (keys configured: ${keys.map((k) => k.id).join(', ')})`,
      `  rows examined:    ${report.rows}`,
      `  re-sealed:        ${report.resealed}`,
      `  already current:  ${report.alreadyCurrent}`,
      `  failed:           ${report.failed.length}`,
      ...report.failed.slice(0, 10).map((f) => `    ${f.table} ${f.id}: ${f.reason}`),
      `  took ${Math.round(performance.now() - started)} ms`,
      report.failed.length === 0
        ? 'Every row now opens with the first key alone.'
        : 'Some rows could not be opened: keep the old keys.',
      '',
    ].join('\n'),
  );
  process.exitCode = report.failed.length === 0 ? 0 : 1;
} finally {
  await database.close();
}
