/**
 * Zoom's rate limits (docs/zoom-facts.md §6.2): per account and second by rate-limit label and plan, and
 * per user 100 meeting creates per UTC day. Both follow the emulator's clock (real time plus the
 * offset tests move): a test that moves it 10 minutes ahead finds the per-second windows empty,
 * as they would be after 10 real minutes, and reaches midnight for the daily counter.
 */
import type { PlanTier } from './state.ts';

export type RateLabel = 'light' | 'medium' | 'heavy';

export type PerSecondLimits = Record<PlanTier, Record<RateLabel, number>>;

/** Defaults from the §6.2 table (Free / Pro / Business+). */
export const DEFAULT_PER_SECOND: PerSecondLimits = {
  free: { light: 4, medium: 2, heavy: 1 },
  pro: { light: 30, medium: 20, heavy: 10 },
  business: { light: 80, medium: 60, heavy: 40 },
};

export class PerSecondLimiter {
  limits: PerSecondLimits;
  #windows = new Map<string, number[]>();
  constructor(limits: PerSecondLimits) {
    this.limits = structuredClone(limits);
  }

  /**
   * Records a call at `nowMs` (the emulator's clock); false when the account already made `limit`
   * calls of this label in the second before. Calls stamped after `nowMs` (the clock was set back)
   * no longer count.
   */
  allow(
    accountId: string,
    plan: PlanTier,
    label: RateLabel,
    nowMs: number,
  ): { ok: boolean; limit: number; remaining: number } {
    const limit = this.limits[plan][label];
    const key = `${accountId}|${label}`;
    const window = (this.#windows.get(key) ?? []).filter((t) => nowMs - t < 1000 && t <= nowMs);
    if (window.length >= limit) {
      this.#windows.set(key, window);
      return { ok: false, limit, remaining: 0 };
    }
    window.push(nowMs);
    this.#windows.set(key, window);
    return { ok: true, limit, remaining: limit - window.length };
  }

  reset(limits?: PerSecondLimits): void {
    this.#windows.clear();
    if (limits) this.limits = structuredClone(limits);
  }
}
