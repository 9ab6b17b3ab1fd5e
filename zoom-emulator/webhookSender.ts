/**
 * Webhook deliveries as Zoom makes them (docs/zoom-facts.md §7): JSON body with `event_ts` in ms, signed
 * with `x-zm-signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")` and `x-zm-request-timestamp` in
 * seconds. A delivery counts when the receiver answers 2xx within 3 s; otherwise Zoom retries
 * 5 min after the first attempt, 20 min after the first retry and 60 min after the second, then
 * gives up (§7.4). Retry times are on the emulator's clock.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { EmulatorClock } from './clock.ts';
import { abortableDelay } from './context.ts';

export const DELIVERY_TIMEOUT_MS = 3000;
/** Gaps before retries 1, 2, 3 (§7.4). */
export const RETRY_GAPS_MS = [5 * 60_000, 20 * 60_000, 60 * 60_000];

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  ms: number;
}

export interface Delivery {
  id: string;
  event: string;
  url: string;
  body: string;
  attempts: DeliveryAttempt[];
  state: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: string | undefined;
}

export function signBody(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class WebhookSender {
  url: string | undefined;
  readonly secret: string;
  readonly clientId: string;
  readonly clock: EmulatorClock;
  deliveries: Delivery[] = [];
  #inFlight = new Set<Promise<void>>();

  constructor(options: { url: string | undefined; secret: string; clientId: string; clock: EmulatorClock }) {
    this.url = options.url;
    this.secret = options.secret;
    this.clientId = options.clientId;
    this.clock = options.clock;
  }

  /** Aborted on close or reset: events waiting to be sent (`sendAfter`) are dropped. */
  #pending = new AbortController();

  /** Queues an event and starts its first attempt at once (not awaited). */
  send(event: string, payload: Record<string, unknown>): Delivery | undefined {
    return this.#queue(event, payload)?.delivery;
  }

  /** Queues an event and waits for its first attempt (whatever the receiver answered). */
  async sendAndWait(event: string, payload: Record<string, unknown>): Promise<Delivery | undefined> {
    const queued = this.#queue(event, payload);
    await queued?.attempt;
    return queued?.delivery;
  }

  /**
   * Sends an event `delayMs` after `ready` resolves (e.g. once an answer has gone out). Counted
   * by `settle()`; dropped by `dropPending()`.
   */
  sendAfter(ready: Promise<unknown>, delayMs: number, event: string, payload: Record<string, unknown>): void {
    const signal = this.#pending.signal;
    this.#track(
      (async () => {
        await ready;
        if (delayMs > 0) await abortableDelay(delayMs, signal);
        if (!signal.aborted) this.send(event, payload);
      })(),
    );
  }

  /** Drops every event still waiting in `sendAfter` (attempts already made are kept). */
  dropPending(): void {
    this.#pending.abort();
    this.#pending = new AbortController();
  }

  #queue(event: string, payload: Record<string, unknown>): { delivery: Delivery; attempt: Promise<void> } | undefined {
    if (!this.url) return undefined;
    const body = JSON.stringify({ event, event_ts: this.clock.now().getTime(), payload });
    const delivery: Delivery = {
      id: randomBytes(6).toString('hex'),
      event,
      url: this.url,
      body,
      attempts: [],
      state: 'pending',
      nextAttemptAt: this.clock.now().toISOString(),
    };
    this.deliveries.push(delivery);
    const attempt = this.#attempt(delivery);
    this.#track(attempt);
    return { delivery, attempt };
  }

  #track(promise: Promise<void>) {
    this.#inFlight.add(promise);
    void promise.finally(() => this.#inFlight.delete(promise));
  }

  /** Signs and posts `body` now; returns the receiver's answer (for URL validation too). */
  async post(url: string, body: string): Promise<{ status?: number; text?: string; error?: string; ms: number }> {
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000));
    const started = performance.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Zoom Marketplace/1.0a',
          clientid: this.clientId,
          'x-zm-request-timestamp': timestamp,
          'x-zm-signature': signBody(this.secret, timestamp, body),
          'x-zm-trackingid': `v=2.0;clid=emu;rid=${randomBytes(8).toString('hex')}`,
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      const text = await response.text();
      return { status: response.status, text, ms: Math.round(performance.now() - started) };
    } catch (error) {
      const name = (error as Error).name;
      return {
        error: name === 'TimeoutError' ? 'no answer within 3 s' : String((error as Error).message ?? error),
        ms: Math.round(performance.now() - started),
      };
    }
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const at = this.clock.now();
    const result = await this.post(delivery.url, delivery.body);
    const ok =
      result.status !== undefined && result.status >= 200 && result.status < 300 && result.ms <= DELIVERY_TIMEOUT_MS;
    delivery.attempts.push({
      at: at.toISOString(),
      ...(result.status !== undefined ? { status: result.status } : {}),
      ...(result.error ? { error: result.error } : {}),
      ms: result.ms,
    });
    if (ok) {
      delivery.state = 'delivered';
      delivery.nextAttemptAt = undefined;
      return;
    }
    const gap = RETRY_GAPS_MS[delivery.attempts.length - 1];
    if (gap === undefined) {
      delivery.state = 'failed';
      delivery.nextAttemptAt = undefined;
    } else {
      delivery.nextAttemptAt = new Date(at.getTime() + gap).toISOString();
    }
  }

  /** Runs every retry that is due on the emulator's clock, and waits for them. */
  async runDue(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const delivery of this.deliveries) {
      if (delivery.state !== 'pending' || !delivery.nextAttemptAt || delivery.attempts.length === 0) continue;
      if (Date.parse(delivery.nextAttemptAt) <= now) {
        delivery.nextAttemptAt = undefined;
        this.#track(this.#attempt(delivery));
      }
    }
    await this.settle();
  }

  /** Waits until no attempt is in flight. */
  async settle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }
}
