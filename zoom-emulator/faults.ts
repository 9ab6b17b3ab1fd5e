/**
 * Fault injection, per operation, for the next N matching calls or at a rate (seeded PRNG so a
 * run is repeatable). Kinds:
 * - `status`: answer `status` (default 500) with a Zoom-shaped error body, or with `html: true`
 *   an HTML page (what a proxy or a wrong base URL answers, docs/zoom-facts.md §10.6);
 * - `delay`: wait `delayMs`, then behave normally;
 * - `timeout_after_commit`: do the operation, then never answer (the connection is held until the
 *   client gives up or the emulator closes) — the "answer lost" case of docs/product.md §4.6;
 * - `rate_limit`: answer 429 with `Retry-After: retryAfterSeconds` (per-second style) or, with
 *   `daily: true`, the daily-limit answer in the shape of the `dailyLimitAnswer` option, or of
 *   `shape` when given (`observed`: body only, docs/zoom-facts.md §10.1; `documented`: ISO `Retry-After`, §6.2);
 * - `invalid_grant`: the token endpoint answers `invalid_grant` (refreshes and code exchanges);
 * - `network_drop`: close the connection without an answer, before doing anything.
 */
export type FaultKind = 'status' | 'delay' | 'timeout_after_commit' | 'rate_limit' | 'invalid_grant' | 'network_drop';

export interface FaultSpec {
  /** An operation name (see the call log), or `*` for every Zoom endpoint. */
  operation: string;
  kind: FaultKind;
  status?: number;
  /** With `status`: answer an HTML page instead of Zoom's JSON error (docs/zoom-facts.md §10.6). */
  html?: boolean;
  delayMs?: number;
  retryAfterSeconds?: number;
  daily?: boolean;
  /** With `daily`: the 429's shape, overriding the `dailyLimitAnswer` option. */
  shape?: 'observed' | 'documented';
  /** Apply to the next `count` matching calls… */
  count?: number;
  /** …or to each matching call with this probability (0..1). */
  rate?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number | undefined;
  applied: number;
}

export const FAULT_KINDS: FaultKind[] = [
  'status',
  'delay',
  'timeout_after_commit',
  'rate_limit',
  'invalid_grant',
  'network_drop',
];

export class FaultBox {
  #faults: Fault[] = [];
  #nextId = 1;
  #seed = 0x2545f491;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      id: this.#nextId++,
      remaining: spec.rate === undefined ? (spec.count ?? 1) : spec.count,
      applied: 0,
    };
    this.#faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#faults = [];
  }

  /** Removes one fault (the others, and the PRNG's sequence, stay as they are). */
  remove(id: number): void {
    this.#faults = this.#faults.filter((f) => f.id !== id);
  }

  /** Deterministic PRNG (xorshift32) so rate-based faults repeat across runs. */
  #random(): number {
    let x = this.#seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#seed = x >>> 0;
    return this.#seed / 0x1_0000_0000;
  }

  /** The fault to apply to this call, if any (consumes one use of a counted fault). */
  take(operation: string, kinds?: FaultKind[]): Fault | undefined {
    for (const fault of this.#faults) {
      if (fault.operation !== operation && fault.operation !== '*') continue;
      if (kinds && !kinds.includes(fault.kind)) continue;
      if (fault.remaining !== undefined && fault.remaining <= 0) continue;
      if (fault.rate !== undefined && this.#random() >= fault.rate) continue;
      if (fault.remaining !== undefined) fault.remaining--;
      fault.applied++;
      return fault;
    }
    return undefined;
  }
}
