/**
 * The emulator's clock: real time plus an offset that tests move forward (or set), so expiries
 * (5-minute codes, 1-hour tokens, the 00:00 UTC daily reset, webhook retry schedules) can be
 * reached without waiting. Per-second rate limits follow it too: moving it ahead is time passing.
 */
export class EmulatorClock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  advance(ms: number): Date {
    this.#offsetMs += ms;
    return this.now();
  }

  set(at: Date): Date {
    this.#offsetMs = at.getTime() - Date.now();
    return this.now();
  }

  reset(): void {
    this.#offsetMs = 0;
  }
}

/** The next 00:00 UTC after `at` (Zoom's daily limits reset then, docs/zoom-facts.md §6.2). */
export function nextUtcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);
