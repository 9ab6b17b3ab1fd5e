/**
 * One place that sends HTTP to Zoom and turns its answers into values or classified ZoomErrors.
 * `fetch` is injectable (tests forbid nothing here: our tests use the emulator over real HTTP).
 */
import { ZoomError, parseRetryAfter } from './zoomErrors.ts';
import { nextUtcMidnight } from '../utcDay.ts';

export interface ZoomHttpOptions {
  fetch?: typeof fetch;
  /** Milliseconds before the call is abandoned (then `zoom_transient`, `maybeApplied` for writes). */
  timeoutMs?: number;
  now?: () => Date;
}

export interface ZoomResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty or non-JSON body (Zoom sometimes answers XML). */
  body: unknown;
}

/** Sends a request; network failures and timeouts become `zoom_transient`. */
export async function sendToZoom(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  options: ZoomHttpOptions = {},
): Promise<ZoomResponse> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const isWrite = init.method !== 'GET';
  let response: Response;
  try {
    response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new ZoomError('zoom_transient', timedOut ? `Zoom did not answer within ${timeoutMs} ms` : 'Could not reach Zoom', {
      // A write whose request went out may have been applied; we cannot tell, so say so.
      maybeApplied: isWrite,
      cause: error,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ZoomError('zoom_transient', 'Zoom’s answer was cut off', { status: response.status, maybeApplied: isWrite, cause: error });
  }
  let body: unknown;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * Classifies a non-2xx REST answer (`{code, message}` bodies, ZOOM-FACTS §6.1).
 * `notFoundCode` lets callers treat 404/3001 specially (delete: already gone).
 */
export function restError(response: ZoomResponse, now: Date): ZoomError {
  const { status } = response;
  const body = (response.body ?? {}) as { code?: unknown; message?: unknown };
  const zoomCode = typeof body.code === 'number' ? body.code : undefined;
  const zoomMessage = typeof body.message === 'string' ? body.message.slice(0, 300) : '';
  const describe = (what: string) => `${what} (HTTP ${status}${zoomCode !== undefined ? `, Zoom code ${zoomCode}` : ''}${zoomMessage ? `: ${zoomMessage}` : ''})`;
  const details = { status, ...(zoomCode !== undefined ? { zoomCode } : {}) };
  if (status === 429) {
    const retryAfter = response.headers.get('retry-after');
    // The daily cap (§6.2, §10.1) shows as any of: an ISO date in Retry-After, a "Daily…"
    // X-RateLimit-Type, or — as Zoom really answers — neither header and a message that names the
    // daily limit. It resets at 00:00 UTC, so without a date we wait for the next midnight.
    const isoRetryAfter = retryAfter !== null && !/^\s*\d+(\.\d+)?\s*$/.test(retryAfter);
    const dailyLimit = /daily/i.test(response.headers.get('x-ratelimit-type') ?? '') || isoRetryAfter || /daily (rate )?limit/i.test(zoomMessage);
    const retryAt = dailyLimit && !isoRetryAfter ? nextUtcMidnight(now) : parseRetryAfter(retryAfter, now);
    return new ZoomError('zoom_rate_limited', describe(dailyLimit ? 'Zoom daily limit reached' : 'Zoom rate limit reached'), {
      ...details,
      retryAt,
      dailyLimit,
    });
  }
  if (status === 401) return new ZoomError('zoom_access_token_dead', describe('Zoom refused the access token'), details);
  if (zoomCode === 4711) return new ZoomError('zoom_scope_missing', describe('The Zoom app lacks a required scope'), details);
  // Only Zoom's own "does not exist" (3001, or the legacy 300) means gone (§5, §10.6): a 404 HTML
  // page from a proxy or a wrong base URL says nothing about the meeting, so it is retried.
  if (status === 404 && (zoomCode === 3001 || zoomCode === 300)) {
    return new ZoomError('zoom_not_found', describe('Zoom has no such meeting'), details);
  }
  if (status === 404 && zoomCode === undefined) {
    return new ZoomError('zoom_transient', describe('Zoom answered 404 without its error body (a proxy or a wrong API address?)'), details);
  }
  // Deleting a meeting that is running (§10.3): not permanent, retried after it ends.
  if (zoomCode === 3002) return new ZoomError('zoom_meeting_in_progress', describe('The Zoom meeting is in progress'), details);
  if (status >= 500 || status === 408) return new ZoomError('zoom_transient', describe('Zoom had a temporary problem'), details);
  return new ZoomError('zoom_permanent', describe('Zoom refused the request'), details);
}
