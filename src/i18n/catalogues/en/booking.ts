/** English texts: booking. */
export const booking = {} as const;
