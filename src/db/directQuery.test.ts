/**
 * `compileSql` gives what drizzle's PostgreSQL dialect gives for the same template (text and
 * values), and hands back to drizzle every template with a piece it does not render itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eq, gt, sql, StringChunk, type SQL } from 'drizzle-orm';
import { alias, PgDialect } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import { meetings, users } from './schema.ts';
import { compileSql } from './directQuery.ts';

const dialect = new PgDialect();
const aliased = alias(users, 'viewer');
/** A database object only for building queries (never connected). */
const db = drizzle.mock();

/** A template built from text pieces, values, schema objects and conditions, nested up to `depth` levels. */
function template(depth: number): fc.Arbitrary<SQL> {
  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.bigInt(),
    fc.date({ noInvalidDate: true }),
    fc.oneof(fc.string(), fc.integer(), fc.constant(null)).map((v) => sql.param(v)),
  );
  const text = fc.oneof(
    fc.string().map((s) => sql.raw(s)),
    fc.array(fc.string(), { maxLength: 3 }).map((parts) => new StringChunk(parts)),
    fc.string().map((s) => sql.identifier(s)),
    fc.constantFrom<unknown>(
      meetings,
      users,
      aliased,
      meetings.id,
      meetings.startAt,
      users.email,
      aliased.email,
      aliased.id,
    ),
  );
  // A column with a value bound through it, as drizzle's conditions write it (eq(column, value)).
  const condition = fc.oneof(
    fc.string().map((v) => eq(users.email, v)),
    fc.date({ noInvalidDate: true }).map((d) => gt(meetings.startAt, d)),
    fc.uuid().map((v) => eq(aliased.id, v)),
  );
  const piece: fc.Arbitrary<unknown> =
    depth > 0
      ? fc.oneof(
          value,
          text,
          condition,
          fc.constant(null).chain(() => template(depth - 1)),
        )
      : fc.oneof(value, text, condition);
  return fc
    .tuple(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), fc.array(piece, { maxLength: 6 }))
    .map(([texts, pieces]) => {
      const strings = texts.slice(0, pieces.length + 1);
      while (strings.length < pieces.length + 1) strings.push(' ');
      return sql(
        Object.assign([...strings], { raw: strings }) as unknown as TemplateStringsArray,
        ...(pieces.slice(0, strings.length - 1) as never[]),
      );
    });
}

test('a template of text, nested templates, values, columns, tables and identifiers compiles to what drizzle makes of it', () => {
  fc.assert(
    fc.property(template(3), (query) => {
      const ours = compileSql(query);
      const theirs = dialect.sqlToQuery(query);
      assert.ok(ours, 'compiled');
      assert.equal(ours.text, theirs.sql);
      assert.deepEqual(ours.values, theirs.params);
    }),
    { numRuns: 2000 },
  );
});

test('a template with a list, an object value, a subquery or an alias is left to drizzle', () => {
  const id = '00000000-0000-0000-0000-000000000000';
  for (const query of [
    sql`select 1 where id in ${[id, id]}`,
    sql`select 1 from ${db.select().from(meetings).as('sq')}`,
    sql`select ${sql`1`.as('one')}`,
    sql`select ${{ a: 1 }}::jsonb`,
    sql`select ${sql.param([1, 2])}`,
    sql`select ${undefined}`,
  ]) {
    assert.equal(compileSql(query), undefined, dialect.sqlToQuery(query).sql);
  }
});
