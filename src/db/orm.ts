/**
 * The one door to drizzle-orm: every value the code takes from drizzle comes through here, loaded
 * with `createRequire`, so the whole process runs drizzle's CommonJS build.
 *
 * Why the CommonJS build: drizzle's ES-module build is several hundred small modules, and
 * importing it grows the V8 heap by about 150 MB that is never given back, though only about
 * 11 MB stays in use; the CommonJS build of the same code leaves about 20 MB (an idle instance's
 * RSS, docs/performance.md). One build also means one set of drizzle's classes, which its
 * `is()` checks compare. Types are imported as types (erased at run time), from either build.
 *
 * The linter refuses a value import of `drizzle-orm…` anywhere else (biome.json).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const core = require('drizzle-orm') as typeof import('drizzle-orm');
const pgCore = require('drizzle-orm/pg-core') as typeof import('drizzle-orm/pg-core');
const nodePostgres = require('drizzle-orm/node-postgres') as typeof import('drizzle-orm/node-postgres');

export const {
  and,
  asc,
  count,
  desc,
  eq,
  getTableName,
  gt,
  gte,
  inArray,
  is,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  ne,
  or,
  Placeholder,
  sql,
} = core;
export const { alias, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, PgDialect } = pgCore;
export const drizzleNodePostgres = nodePostgres.drizzle;

/** drizzle's PGlite driver, loaded only where the embedded database is opened. */
export const loadDrizzlePglite = () => (require('drizzle-orm/pglite') as typeof import('drizzle-orm/pglite')).drizzle;

export type { AnyColumn, SQL, SQLWrapper, Table } from 'drizzle-orm';
/** The class's instance type, for signatures (the class itself is exported above). */
export type Placeholder = InstanceType<typeof core.Placeholder>;
export type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
