/** English texts: help. */
export const help = {} as const;
