/**
 * Statements written as SQL, sent to node-postgres without drizzle building them on every run
 * (issue 12, docs/performance.md): drizzle turns a `sql` template into text and values by testing
 * each piece against a dozen entity kinds, and makes a prepared-query object with two parser
 * tables per run. For a template made only of SQL text, nested templates, plain values, columns,
 * tables and identifiers, the text and values are what drizzle's PostgreSQL dialect makes of them
 * ($1, $2, … in order; a column or table as drizzle renders it, asked once per object); any other
 * piece (a list, an object value, a subquery) leaves the statement to drizzle.
 */
import pg from 'pg';
import { Column, Name, Param, SQL, StringChunk, Table, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { NodePgSession } from 'drizzle-orm/node-postgres';

/** A query node-postgres runs: the pool, or a transaction's connection. */
export interface DirectClient {
  query(config: { text: string; types?: unknown }, values: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The node-postgres client behind a drizzle database or transaction; undefined for PGlite. */
export function directClientOf(db: object): DirectClient | undefined {
  const session = (db as { session?: unknown }).session;
  return session instanceof NodePgSession ? (session as unknown as { client: DirectClient }).client : undefined;
}

/**
 * The text and values of `query`, or undefined when it holds a piece drizzle must render (or asks
 * for its values inlined).
 */
export function compileSql(query: SQL): { text: string; values: unknown[] } | undefined {
  const values: unknown[] = [];
  const parts: string[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    parts.push(`$${values.length}`);
  };
  const walk = (sqlQuery: SQL): boolean => {
    if ((sqlQuery as unknown as { shouldInlineParams: boolean }).shouldInlineParams) return false;
    for (const chunk of sqlQuery.queryChunks) {
      if (chunk instanceof StringChunk) {
        parts.push(...chunk.value);
      } else if (chunk instanceof SQL) {
        if (!walk(chunk)) return false;
      } else if (chunk instanceof Column || chunk instanceof Table) {
        parts.push(renderedByDrizzle(chunk));
      } else if (chunk instanceof Name) {
        parts.push(dialect.escapeName(chunk.value));
      } else if (
        chunk === null ||
        typeof chunk === 'string' ||
        typeof chunk === 'number' ||
        typeof chunk === 'boolean' ||
        typeof chunk === 'bigint' ||
        chunk instanceof Date
      ) {
        bind(chunk);
      } else if (
        chunk instanceof Param &&
        (chunk.value === null || typeof chunk.value !== 'object' || chunk.value instanceof Date)
      ) {
        const value = chunk.value === null ? null : (chunk.encoder.mapToDriverValue(chunk.value) as unknown);
        if (value instanceof SQL) return false;
        bind(value);
      } else {
        return false;
      }
    }
    return true;
  };
  return walk(query) ? { text: parts.join(''), values } : undefined;
}

const dialect = new PgDialect();
const rendered = new WeakMap<object, string>();

/** A column or table as drizzle renders it in a query (schema objects live as long as the process). */
function renderedByDrizzle(entity: Column | Table): string {
  let text = rendered.get(entity);
  if (text === undefined) {
    text = dialect.sqlToQuery(sql`${entity}`).sql;
    rendered.set(entity, text);
  }
  return text;
}

/**
 * The result parsers drizzle's node-postgres `execute` uses: dates, times and intervals (and their
 * arrays) stay PostgreSQL's text, everything else is node-postgres's default.
 */
const KEPT_AS_TEXT = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
  1231,
  1115,
  1185,
  1187,
  1182,
]);
const asText = (value: string) => value;
export const drizzleResultTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    KEPT_AS_TEXT.has(oid) ? asText : pg.types.getTypeParser(oid, format),
};
