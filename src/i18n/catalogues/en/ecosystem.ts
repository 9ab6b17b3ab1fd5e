/** English texts: ecosystem. */
export const ecosystem = {} as const;
