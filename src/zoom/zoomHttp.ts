/**
 * One place that sends HTTP to Zoom and turns its answers into values or classified ZoomErrors.
 * Sent with `node:http`/`node:https` (a `fetch` call costs more than the rest of the request's
 * work around it: a Request, an AbortSignal and web streams for a few hundred bytes); a `fetch`
 * can be injected instead (tests of answers no real server gives).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ZoomError, parseRetryAfter } from './zoomErrors.ts';
import { nextUtcMidnight } from '../utcDay.ts';

export interface ZoomHttpOptions {
  fetch?: typeof fetch;
  /** Milliseconds before the call is abandoned (then `zoom_transient`, `maybeApplied` for writes). */
  timeoutMs?: number;
  now?: () => Date;
}

/** The answer's headers, by lower- or mixed-case name (a `Headers` is one). */
export interface ZoomResponseHeaders {
  get(name: string): string | null;
}

export interface ZoomResponse {
  status: number;
  headers: ZoomResponseHeaders;
  /** Parsed JSON, or undefined for an empty or non-JSON body (Zoom sometimes answers XML). */
  body: unknown;
}

type ZoomRequestInit = { method: string; headers: Record<string, string>; body?: string };

/** Why a call failed before its whole answer arrived: before any answer, or part-way through it. */
class CallFailed extends Error {
  readonly timedOut: boolean;
  readonly status: number | undefined;
  constructor(timedOut: boolean, status: number | undefined, cause: unknown) {
    super('Zoom call failed', { cause });
    this.timedOut = timedOut;
    this.status = status;
  }
}

/** Sends a request; network failures and timeouts become `zoom_transient`. */
export async function sendToZoom(
  url: string,
  init: ZoomRequestInit,
  options: ZoomHttpOptions = {},
): Promise<ZoomResponse> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const isWrite = init.method !== 'GET';
  let answer: { status: number; headers: ZoomResponseHeaders; text: string };
  try {
    answer = options.fetch
      ? await viaFetch(options.fetch, url, init, timeoutMs)
      : await viaNodeHttp(url, init, timeoutMs);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    // A write whose request went out may have been applied; we cannot tell, so say so.
    if (error.status !== undefined) {
      throw new ZoomError('zoom_transient', 'Zoom’s answer was cut off', {
        status: error.status,
        maybeApplied: isWrite,
        cause: error.cause,
      });
    }
    throw new ZoomError(
      'zoom_transient',
      error.timedOut ? `Zoom did not answer within ${timeoutMs} ms` : 'Could not reach Zoom',
      {
        maybeApplied: isWrite,
        cause: error.cause,
      },
    );
  }
  let body: unknown;
  if (answer.text) {
    try {
      body = JSON.parse(answer.text);
    } catch {
      body = undefined;
    }
  }
  return { status: answer.status, headers: answer.headers, body };
}

async function viaFetch(doFetch: typeof fetch, url: string, init: ZoomRequestInit, timeoutMs: number) {
  let response: Response;
  try {
    response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    throw new CallFailed(
      error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'),
      undefined,
      error,
    );
  }
  try {
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw new CallFailed(false, response.status, error);
  }
}

/**
 * Connections are kept open between calls, but closed after 4 s unused: sooner than servers
 * commonly close idle ones (Node's own: 5 s), so a request is not written into a connection the
 * server is closing. Nothing is ever sent twice: a create whose connection failed is ambiguous
 * (docs/product.md §4.6), never retried here.
 */
const IDLE_CONNECTION_MS = 4_000;
const httpAgent = new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' });
const httpsAgent = new HttpsAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS, scheduling: 'lifo' });

/**
 * One request with `node:http(s)`; redirects are not followed. The time limit covers the whole
 * call, answer included, as `AbortSignal.timeout` does for fetch.
 */
function viaNodeHttp(
  url: string,
  init: ZoomRequestInit,
  timeoutMs: number,
): Promise<{ status: number; headers: ZoomResponseHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    let timedOut = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new CallFailed(timedOut, response?.statusCode, error));
    };
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    let request: ReturnType<typeof httpRequest>;
    try {
      const secure = url.startsWith('https:');
      request = (secure ? httpsRequest : httpRequest)(url, {
        method: init.method,
        headers,
        agent: secure ? httpsAgent : httpAgent,
      });
    } catch (error) {
      fail(error);
      return;
    }
    timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    request.on('error', fail);
    request.on('response', (incoming: IncomingMessage) => {
      response = incoming;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', fail);
      incoming.on('close', () => {
        if (!incoming.complete) fail(new Error('the connection closed before the answer ended'));
      });
      incoming.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: incoming.statusCode ?? 0,
          headers: headersOf(incoming.headers),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.end(init.body);
  });
}

function headersOf(headers: IncomingHttpHeaders): ZoomResponseHeaders {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * Classifies a non-2xx REST answer (`{code, message}` bodies, docs/zoom-facts.md §6.1).
 * `notFoundCode` lets callers treat 404/3001 specially (delete: already gone).
 */
export function restError(response: ZoomResponse, now: Date): ZoomError {
  const { status } = response;
  const body = (response.body ?? {}) as { code?: unknown; message?: unknown };
  const zoomCode = typeof body.code === 'number' ? body.code : undefined;
  const zoomMessage = typeof body.message === 'string' ? body.message.slice(0, 300) : '';
  const describe = (what: string) =>
    `${what} (HTTP ${status}${zoomCode !== undefined ? `, Zoom code ${zoomCode}` : ''}${zoomMessage ? `: ${zoomMessage}` : ''})`;
  const details = { status, ...(zoomCode !== undefined ? { zoomCode } : {}) };
  if (status === 429) {
    const retryAfter = response.headers.get('retry-after');
    // The daily cap (docs/zoom-facts.md §6.2, §10.1) shows as any of: an ISO date in Retry-After, a "Daily…"
    // X-RateLimit-Type, or — as Zoom really answers — neither header and a message that names the
    // daily limit. It resets at 00:00 UTC, so without a date we wait for the next midnight.
    const isoRetryAfter = retryAfter !== null && !/^\s*\d+(\.\d+)?\s*$/.test(retryAfter);
    const dailyLimit =
      /daily/i.test(response.headers.get('x-ratelimit-type') ?? '') ||
      isoRetryAfter ||
      /daily (rate )?limit/i.test(zoomMessage);
    const retryAt = dailyLimit && !isoRetryAfter ? nextUtcMidnight(now) : parseRetryAfter(retryAfter, now);
    return new ZoomError(
      'zoom_rate_limited',
      describe(dailyLimit ? 'Zoom daily limit reached' : 'Zoom rate limit reached'),
      {
        ...details,
        retryAt,
        dailyLimit,
      },
    );
  }
  if (status === 401)
    return new ZoomError('zoom_access_token_dead', describe('Zoom refused the access token'), details);
  if (zoomCode === 4711)
    return new ZoomError('zoom_scope_missing', describe('The Zoom app lacks a required scope'), details);
  // Only Zoom's own "does not exist" (3001, or the legacy 300) means gone (docs/zoom-facts.md §5, §10.6): a 404 HTML
  // page from a proxy or a wrong base URL says nothing about the meeting, so it is retried.
  if (status === 404 && (zoomCode === 3001 || zoomCode === 300)) {
    return new ZoomError('zoom_not_found', describe('Zoom has no such meeting'), details);
  }
  if (status === 404 && zoomCode === undefined) {
    return new ZoomError(
      'zoom_transient',
      describe('Zoom answered 404 without its error body (a proxy or a wrong API address?)'),
      details,
    );
  }
  // Deleting a meeting that is running (docs/zoom-facts.md §10.3): not permanent, retried after it ends.
  if (zoomCode === 3002)
    return new ZoomError('zoom_meeting_in_progress', describe('The Zoom meeting is in progress'), details);
  if (status >= 500 || status === 408)
    return new ZoomError('zoom_transient', describe('Zoom had a temporary problem'), details);
  return new ZoomError('zoom_permanent', describe('Zoom refused the request'), details);
}
