/**
 * Statements declared once, with a constant name and text, for the hot paths (`Queries.run`).
 * On PostgreSQL a named statement is parsed and planned once per connection instead of on every
 * run (see docs/performance.md); names can be turned off for a pooler that does not keep
 * prepared statements (`DATABASE_STATEMENT_NAMES=off`, e.g. PgBouncer in transaction mode).
 *
 * Values travel as text: each is converted here, before anything is written to a connection, so
 * a value that cannot be sent is refused while the statement is being issued — never half-way
 * through writing it (node-postgres would then close the statement's name on the connection) and
 * never after a transaction's COMMIT has gone out behind it.
 */

import { is, PgDialect, Placeholder, type SQL, sql } from './orm.ts';

declare const rowType: unique symbol;

/** A statement of constant text; `$1`, `$2`, … stand for its values, in order. */
export interface Statement<Row = Record<string, unknown>> {
  readonly name: string;
  readonly text: string;
  /** Only carries the row type. */
  readonly [rowType]?: Row;
}

/** What a statement's values may be. A Date is sent as its ISO instant. */
export type SqlValue = string | number | bigint | boolean | Date | null | readonly (string | number | null)[];

const declared = new Map<string, string>();

/**
 * Declares a statement. Names are unique in the process (a second declaration of a name with
 * another text throws at load); rows are typed by the caller: `statement<{ id: string }>(…)`.
 */
export function statement<Row = Record<string, unknown>>(name: string, text: string): Statement<Row> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid statement name ${name}`);
  const previous = declared.get(name);
  if (previous !== undefined && previous !== text) throw new Error(`statement ${name} is declared twice`);
  declared.set(name, text);
  return { name, text };
}

/** A statement declared from drizzle's `sql` template, its inputs marked with `sql.placeholder(name)`. */
export interface TemplateStatement<Row, Input extends Record<string, SqlValue>> {
  /** The statement, rendered by drizzle once, on first use. */
  readonly statement: Statement<Row>;
  /** Its values for `input`, in order (constants of the template included). */
  values(input: Input): SqlValue[];
}

const dialect = new PgDialect();

/**
 * Declares a statement written with drizzle's `sql` template (so it may use the schema's columns
 * and shared SQL rules such as the live-session condition): drizzle renders it once, and every run
 * is then a declared statement's. `build` is called on first use, with `sql.placeholder` for
 * each input: `statementFromSql('find_x', (p) => sql\`… where ${t.id} = ${p('id')}\`)`.
 */
export function statementFromSql<Row, Input extends Record<string, SqlValue>>(
  name: string,
  build: (input: (key: keyof Input & string) => ReturnType<typeof sql.placeholder>) => SQL,
): TemplateStatement<Row, Input> {
  let rendered: { statement: Statement<Row>; slots: ({ input: string } | { value: unknown })[] } | undefined;
  const render = () => {
    if (!rendered) {
      const { sql: text, params } = dialect.sqlToQuery(build((key) => sql.placeholder(key)));
      const slots = params.map((param) => (is(param, Placeholder) ? { input: param.name } : { value: param }));
      rendered = { statement: statement<Row>(name, text), slots };
    }
    return rendered;
  };
  return {
    get statement() {
      return render().statement;
    },
    values(input) {
      return render().slots.map((slot) => ('input' in slot ? (input[slot.input] ?? null) : (slot.value as SqlValue)));
    },
  };
}

/** A statement not declared (composed, or a library's): the driver names it by its text, if at all. */
export function unnamed(text: string): Statement {
  return { name: '', text };
}

/** `value` as PostgreSQL's text form (null stays null); throws for anything else. */
export function toWireValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('an invalid Date cannot be sent to the database');
    return value.toISOString();
  }
  if (Array.isArray(value)) return arrayLiteral(value);
  // Objects go as JSON (a jsonb value); one that cannot be written refuses here.
  return JSON.stringify(value);
}

/** A one-dimensional PostgreSQL array literal: elements quoted, NULL for null. */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) throw new TypeError('nested arrays cannot be sent as statement values');
    const text = toWireValue(item) as string;
    return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
  });
  return `{${items.join(',')}}`;
}
