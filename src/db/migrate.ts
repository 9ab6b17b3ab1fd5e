/**
 * Applies src/db/migrations/*.sql in name order, each in its own transaction, under a PostgreSQL
 * advisory lock so several instances starting at once do not race (drizzle's migrator takes no
 * lock). Applied versions are recorded in schema_migrations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');
/** Arbitrary constant shared by every instance: "ekos" + "migr" in ASCII. */
const MIGRATION_LOCK_KEY = 0x656b6f736d696772n;

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export function listMigrations(): { version: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => ({ version: file.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8') }));
}

export async function migrate(
  database: Database,
  onProgress: (message: string) => void = () => {},
): Promise<MigrationReport> {
  return database.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await session.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set(
        (await session.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      );
      const pending = listMigrations().filter((m) => !done.has(m.version));
      const applied: string[] = [];
      for (const [index, migration] of pending.entries()) {
        onProgress(`applying ${migration.version} (${index + 1}/${pending.length})`);
        const version = migration.version.replace(/'/g, "''");
        await session.exec(
          `BEGIN;\n${migration.sql}\n;INSERT INTO schema_migrations (version) VALUES ('${version}');\nCOMMIT;`,
        );
        applied.push(migration.version);
      }
      return { applied, alreadyApplied: done.size };
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  });
}
