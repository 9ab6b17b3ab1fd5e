/** `npm run migrate`: applies pending migrations (under the advisory lock) and prints a summary. */
import { parseConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

try {
  process.loadEnvFile();
} catch {
  // no .env
}
const config = parseConfig(process.env);
const started = performance.now();
const database = await openDatabase(config);
try {
  const report = await migrate(database, (message) => process.stdout.write(`  ${message}\n`));
  process.stdout.write(
    `Migrations: ${report.applied.length} applied, ${report.alreadyApplied} already applied ` +
      `(${database.kind}, ${Math.round(performance.now() - started)} ms)\n`,
  );
} finally {
  await database.close();
}
