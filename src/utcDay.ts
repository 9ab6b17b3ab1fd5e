/** UTC calendar days: Zoom's daily limits and our own daily allowances reset at 00:00 UTC. */

/** "YYYY-MM-DD" of the instant, in UTC. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** The next 00:00 UTC after `now`. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}
