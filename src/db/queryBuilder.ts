/**
 * What the two databases' `Db` and `Tx` share: drizzle's query builder bound to one connection
 * (checked against the transaction's rules before each use), and rows in the shape of a result.
 */
import type { QueryBuilder } from './client.ts';

/** `select`, `insert`, … of `builder()`, each first calling `assertOpen` (a `Tx` refuses after its end). */
export function boundBuilder(builder: () => QueryBuilder, assertOpen: () => void = () => {}): QueryBuilder {
  const bound = <K extends keyof QueryBuilder>(key: K): QueryBuilder[K] =>
    ((...args: unknown[]) => {
      assertOpen();
      const target = builder() as unknown as Record<K, (...a: unknown[]) => unknown>;
      return target[key](...args);
    }) as unknown as QueryBuilder[K];
  return {
    select: bound('select'),
    selectDistinct: bound('selectDistinct'),
    insert: bound('insert'),
    update: bound('update'),
    delete: bound('delete'),
  };
}

export const asResult = (rows: unknown[]) => ({ rows });
