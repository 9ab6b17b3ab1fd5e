/**
 * Zoom failures, classified once so callers decide by `code`, never by message:
 *
 * | code                         | when                                                        | caller does                  |
 * |------------------------------|-------------------------------------------------------------|------------------------------|
 * | `zoom_refresh_token_dead`    | token endpoint `invalid_grant` (docs/zoom-facts.md §1.6)             | connection → needs_reconnect |
 * | `zoom_access_token_dead`     | REST 401 code 124 (§5, §1.8)                                 | refresh once, retry once     |
 * | `zoom_scope_missing`         | REST 400 code 4711 (§2.1)                                    | stop, tell the host          |
 * | `zoom_rate_limited`          | 429; `retryAt` from `Retry-After` (seconds or ISO date, §6.2)| retry at `retryAt`           |
 * | `zoom_transient`             | 5xx, network error, timeout, 404 without Zoom's JSON body    | retry with backoff           |
 * | `zoom_not_found`             | 404 code 3001 or legacy 300 (§5, §10.6)                      | delete: already gone         |
 * | `zoom_meeting_in_progress`   | DELETE answered 400 code 3002 (§10.3)                        | delete again after it ends   |
 * | `zoom_invalid_client`        | token endpoint `invalid_client`                              | configuration problem        |
 * | `zoom_endpoint_gone`         | Data Compliance API answered 404/410 (deprecated, §8)        | record it, alert once        |
 * | `zoom_permanent`             | any other 4xx, or a 2xx whose body is not what Zoom documents| stop, tell the host          |
 *
 * Messages never contain tokens, codes or secrets: they are built from status, Zoom's numeric
 * code and Zoom's own message only.
 */

export type ZoomErrorCode =
  | 'zoom_refresh_token_dead'
  | 'zoom_access_token_dead'
  | 'zoom_scope_missing'
  | 'zoom_rate_limited'
  | 'zoom_transient'
  | 'zoom_not_found'
  | 'zoom_meeting_in_progress'
  | 'zoom_invalid_client'
  | 'zoom_endpoint_gone'
  | 'zoom_permanent';

export class ZoomError extends Error {
  readonly code: ZoomErrorCode;
  /** HTTP status Zoom answered, if it answered. */
  readonly status: number | undefined;
  /** Zoom's numeric error code (`code` in REST bodies), or the OAuth `error` string. */
  readonly zoomCode: number | string | undefined;
  /** For `zoom_rate_limited`: when to try again. */
  readonly retryAt: Date | undefined;
  /**
   * True when the request may have reached Zoom and had its effect although no answer arrived
   * (timeout or connection lost after sending). See docs/product.md §4.6 — creates are then ambiguous.
   */
  readonly maybeApplied: boolean;
  /** For `zoom_rate_limited`: the per-user daily cap (Retry-After is a date), not a per-second limit. */
  readonly dailyLimit: boolean;
  constructor(
    code: ZoomErrorCode,
    message: string,
    details: {
      status?: number;
      zoomCode?: number | string;
      retryAt?: Date;
      maybeApplied?: boolean;
      dailyLimit?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ZoomError';
    this.code = code;
    this.status = details.status;
    this.zoomCode = details.zoomCode;
    this.retryAt = details.retryAt;
    this.maybeApplied = details.maybeApplied ?? false;
    this.dailyLimit = details.dailyLimit ?? false;
  }

  /** Whether trying the same call again later can succeed without anyone acting. */
  get retryable(): boolean {
    return this.code === 'zoom_transient' || this.code === 'zoom_rate_limited';
  }
}

export const isZoomError = (error: unknown, code?: ZoomErrorCode): error is ZoomError =>
  error instanceof ZoomError && (code === undefined || error.code === code);

/**
 * Parses `Retry-After`: Zoom sends seconds for per-second limits and an ISO date-time for the
 * daily limit (docs/zoom-facts.md §6.2). Falls back to `fallbackSeconds` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null, now: Date, fallbackSeconds = 1): Date {
  if (header) {
    const trimmed = header.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return new Date(Math.max(date, now.getTime()));
  }
  return new Date(now.getTime() + fallbackSeconds * 1000);
}
