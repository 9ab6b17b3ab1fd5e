/** English texts: zoom. */
export const zoom = {} as const;
