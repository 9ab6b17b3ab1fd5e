/**
 * The emulator's shared context: state, clock, faults, limits, webhooks and options, plus the
 * helpers every route uses to answer like Zoom and to log the call.
 */
import type { Context } from 'hono';
import type { EmulatorClock } from './clock.ts';
import type { FaultBox, Fault } from './faults.ts';
import type { PerSecondLimiter } from './rateLimits.ts';
import type { CallLogEntry, EmulatorState } from './state.ts';
import type { WebhookSender } from './webhookSender.ts';

export interface EmulatorOptions {
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  redirectUris: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  dailyMeetingCreateLimit: number;
  /** Whether DELETE counts against the daily create limit (UNCONFIRMED, §6.2: probably not). */
  deleteCountsAgainstDailyLimit: boolean;
  /** How /oauth/revoke answers an unknown or already-revoked token (UNCONFIRMED, §1.7). */
  revokeUnknownToken: 'error' | 'success';
  /** Which meeting `timezone` ids a create accepts: Zoom's list (§10.4) or any zone Intl knows. */
  timezoneCheck: 'zoom_list' | 'lenient';
  /** The shape of a daily-limit 429: as observed live (§10.1) or as documented (§6.2). */
  dailyLimitAnswer: DailyLimitShape;
  /** Whether /oauth/revoke accepts an expired access token (UNCONFIRMED, §10.5). */
  revokeAcceptsExpiredAccessToken: boolean;
  /** Whether /oauth/revoke accepts a refresh token as `token` (UNCONFIRMED, §1.7, §10.5). */
  revokeAcceptsRefreshToken: boolean;
  /**
   * When the `app_deauthorized` that a revoke triggers is sent (§10.5): ms after the revoke answer
   * has gone out (0 = right after it), or `before_answer` (sent, first attempt awaited, then answered).
   */
  revokeWebhookDelayMs: number | 'before_answer';
}

export type DailyLimitShape = 'observed' | 'documented';

export interface Emulator {
  options: EmulatorOptions;
  state: EmulatorState;
  clock: EmulatorClock;
  faults: FaultBox;
  limiter: PerSecondLimiter;
  webhooks: WebhookSender;
  /** A fixed latency added to every Zoom call (benchmarks). */
  latencyMs: number;
  /** Resolvers of responses held by `timeout_after_commit`, released on close. */
  held: Set<() => void>;
  /** Requests waiting in a latency or delay phase (not yet processed), by operation. */
  inTransit: Map<string, number>;
  baseUrl(): string;
}

export type Call = Omit<CallLogEntry, 'seq' | 'at' | 'status' | 'method' | 'path'>;

/** Logs the call with the status it is answered with. */
export function logCall(emu: Emulator, c: Context, call: Call, status: number): void {
  emu.state.log({ at: emu.clock.now().toISOString(), status, ...call, method: c.req.method, path: c.req.path });
}

/** Zoom REST error body (docs/zoom-facts.md §6.1). */
export function restError(
  c: Context,
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return c.json({ code, message, ...extra }, status as 400);
}

/** Token-endpoint error body (docs/zoom-facts.md §1.6). */
export function oauthError(c: Context, error: string, reason: string, status = 400) {
  return c.json({ reason, error }, status as 400);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits `ms`, or less if `signal` aborts first (never rejects). */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Applies latency and the "before" faults for an operation. Returns a Response to send instead
 * (fault answered), or undefined to go on; `afterCommit` tells the route to hold its answer.
 */
export async function applyFaults(
  emu: Emulator,
  c: Context,
  operation: string,
  call: Call,
): Promise<{ response?: Response; afterCommit?: Fault; fault?: Fault }> {
  if (emu.latencyMs > 0) {
    const gone = await inTransit(emu, c, operation, emu.latencyMs);
    if (gone) return { response: gone };
  }
  const fault = emu.faults.take(operation, ['status', 'delay', 'timeout_after_commit', 'rate_limit', 'network_drop']);
  if (!fault) return {};
  const logged = { ...call, fault: fault.kind };
  switch (fault.kind) {
    case 'delay': {
      const gone = await inTransit(emu, c, operation, fault.delayMs ?? 1000);
      return gone ? { response: gone } : { fault };
    }
    case 'timeout_after_commit':
      return { afterCommit: fault, fault };
    case 'network_drop': {
      logCall(emu, c, logged, 0);
      const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
      incoming?.socket?.destroy();
      return { response: c.body(null, 500) };
    }
    case 'rate_limit': {
      logCall(emu, c, logged, 429);
      if (fault.daily) {
        const category = operation === 'meetings.create' ? 'Medium' : 'Light';
        return {
          response: dailyLimitAnswer(
            emu,
            c,
            fault.shape ?? emu.options.dailyLimitAnswer,
            emu.options.dailyMeetingCreateLimit,
            category,
          ),
        };
      }
      c.header('Retry-After', String(fault.retryAfterSeconds ?? 1));
      c.header('X-RateLimit-Type', 'QPS');
      c.header('X-RateLimit-Limit', '1');
      c.header('X-RateLimit-Remaining', '0');
      return {
        response: restError(
          c,
          429,
          429,
          'You have reached the maximum per-second rate limit for this API. Try again later.',
        ),
      };
    }
    default: {
      const status = fault.status ?? 500;
      logCall(emu, c, logged, status);
      if (fault.html)
        return {
          response: c.html(
            `<html><head><title>${status}</title></head><body><h1>${status}</h1><p>Injected by the emulator (not Zoom's JSON).</p></body></html>`,
            status as 400,
          ),
        };
      return { response: restError(c, status, status, 'Internal error (injected by the emulator).') };
    }
  }
}

/**
 * Latency and `delay` model the request still travelling to Zoom: if the client gives up (or dies)
 * meanwhile, the request never arrives and nothing happens — it is logged with status 0 and
 * `fault: "client_gone"`. (A request that did arrive is always processed; see
 * `timeout_after_commit` for an answer lost on the way back.)
 */
async function inTransit(emu: Emulator, c: Context, operation: string, ms: number): Promise<Response | undefined> {
  emu.inTransit.set(operation, (emu.inTransit.get(operation) ?? 0) + 1);
  const signal = c.req.raw.signal;
  try {
    await abortableDelay(ms, signal);
  } finally {
    emu.inTransit.set(operation, (emu.inTransit.get(operation) ?? 1) - 1);
  }
  if (!signal.aborted) return undefined;
  emu.state.log({
    at: emu.clock.now().toISOString(),
    status: 0,
    operation,
    fault: 'client_gone',
    method: c.req.method,
    path: c.req.path,
  });
  return new Response(null, { status: 499 });
}

export function nextMidnightIso(emu: Emulator): string {
  const now = emu.clock.now();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A daily-limit 429 in one of Zoom's two shapes. `observed` (§10.1, seen live): the per-user
 * message naming the limit, and only `X-RateLimit-Category`, `X-RateLimit-Limit` and
 * `X-RateLimit-Remaining` — no `Retry-After`, no `X-RateLimit-Type`. `documented` (§6.2): the
 * generic daily message with `Retry-After` as the next 00:00 UTC (ISO) and `X-RateLimit-Type: Daily-limit`.
 */
export function dailyLimitAnswer(
  emu: Emulator,
  c: Context,
  shape: DailyLimitShape,
  limit: number,
  category: string,
): Response {
  c.header('X-RateLimit-Category', category);
  c.header('X-RateLimit-Limit', String(limit));
  c.header('X-RateLimit-Remaining', '0');
  if (shape === 'observed') {
    c.header('Retry-After', undefined);
    c.header('X-RateLimit-Type', undefined);
    return restError(
      c,
      429,
      429,
      `You have exceeded the daily rate limit (${limit}) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.`,
    );
  }
  c.header('X-RateLimit-Type', 'Daily-limit');
  c.header('Retry-After', nextMidnightIso(emu));
  return restError(
    c,
    429,
    429,
    'You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.',
  );
}

/** Holds the answer forever (until the emulator closes): the operation happened, no one hears. */
export function holdForever(emu: Emulator): Promise<Response> {
  return new Promise((resolve) => {
    const release = () => resolve(new Response(null, { status: 503 }));
    emu.held.add(release);
  });
}
