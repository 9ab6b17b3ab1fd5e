/**
 * Row ids are UUIDs. Ids that arrive in paths are checked with `isUuid` before they reach a query,
 * so a malformed id answers 404 like an unknown one instead of a database cast error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Matches no row: stands in for a malformed id inside a statement that must still run. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The id itself, or NIL_UUID when it is malformed (a statement that must still run matches nothing). */
export const uuidOrNil = (id: string): string => (isUuid(id) ? id : NIL_UUID);
