/**
 * Using and refreshing a host's Zoom tokens (docs/product.md §3.4). Zoom rotates the refresh token on every
 * refresh and kills the previous pair at once (docs/zoom-facts.md §1.5), so two refreshes racing would
 * leave one side with a dead pair. Hence: one refresh at a time per connection across all
 * processes — a `SELECT … FOR UPDATE` on the connection row, a re-read inside the lock (someone
 * may have refreshed while we waited), and the rotated pair written in the same transaction.
 */
import { eq } from '../../db/orm.ts';
import type { Db, Tx } from '../../db/client.ts';
import { zoomConnections } from '../../db/schema.ts';
import { refreshTokens } from '../../zoom/oauth.ts';
import { isZoomError, type ZoomError } from '../../zoom/zoomErrors.ts';
import { countEvent } from '../../metrics.ts';
import type { Logger } from '../../logger.ts';
import { tokenAad, type ZoomIntegration } from './zoomIntegration.ts';

/** The host has no usable connection: work for them must wait for a reconnect. */
export class ZoomNotConnectedError extends Error {
  readonly code = 'zoom_not_connected';
  readonly status: 'not_connected' | 'needs_reconnect' | 'deauthorized';
  constructor(status: ZoomNotConnectedError['status']) {
    super(`The host's Zoom connection is ${status.replace('_', ' ')}`);
    this.name = 'ZoomNotConnectedError';
    this.status = status;
  }
}

export interface TokenDeps {
  db: Db;
  zoom: ZoomIntegration;
  log: Logger;
  /** Called (inside the transaction) when Zoom refused the refresh token: tell the host. */
  onNeedsReconnect?: (tx: Tx, userId: string) => Promise<void>;
}

interface UsableToken {
  accessToken: string;
  generation: number;
  zoomUserId: string;
}

/** The connection columns a call needs, as read by `readToken` or by a caller's own statement. */
export type StoredToken = Pick<
  typeof zoomConnections.$inferSelect,
  'status' | 'accessTokenSealed' | 'accessTokenExpiresAt' | 'zoomUserId' | 'tokenGeneration'
>;

/** The columns of StoredToken, for a caller that reads them in its own statement. */
export const storedTokenColumns = {
  status: zoomConnections.status,
  accessTokenSealed: zoomConnections.accessTokenSealed,
  accessTokenExpiresAt: zoomConnections.accessTokenExpiresAt,
  zoomUserId: zoomConnections.zoomUserId,
  tokenGeneration: zoomConnections.tokenGeneration,
};

async function readToken(
  deps: TokenDeps,
  userId: string,
  stored?: StoredToken,
): Promise<UsableToken & { expiresAt: Date }> {
  const [row] = stored
    ? [stored]
    : await deps.db.select(storedTokenColumns).from(zoomConnections).where(eq(zoomConnections.userId, userId));
  if (!row) throw new ZoomNotConnectedError('not_connected');
  if (row.status !== 'connected' || !row.accessTokenSealed || !row.accessTokenExpiresAt || !row.zoomUserId) {
    throw new ZoomNotConnectedError(row.status === 'connected' ? 'needs_reconnect' : row.status);
  }
  return {
    accessToken: deps.zoom.vault.open(row.accessTokenSealed, tokenAad(userId, 'access_token')),
    generation: row.tokenGeneration,
    zoomUserId: row.zoomUserId,
    expiresAt: row.accessTokenExpiresAt,
  };
}

/**
 * Refreshes under the row lock unless someone else already did. `staleGeneration` is the token
 * generation the caller saw fail (or saw near expiry); if the row has moved on, its token is used.
 */
async function refreshUnderLock(deps: TokenDeps, userId: string, staleGeneration: number): Promise<UsableToken> {
  const { zoom } = deps;
  let deadRefreshToken: ZoomError | undefined;
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(zoomConnections).where(eq(zoomConnections.userId, userId)).for('update');
    if (!row) throw new ZoomNotConnectedError('not_connected');
    if (row.status !== 'connected' || !row.refreshTokenSealed || !row.accessTokenSealed || !row.zoomUserId) {
      throw new ZoomNotConnectedError(row.status === 'connected' ? 'needs_reconnect' : row.status);
    }
    const fresh =
      row.accessTokenExpiresAt && row.accessTokenExpiresAt.getTime() - zoom.now().getTime() > zoom.refreshMarginMs;
    if (row.tokenGeneration !== staleGeneration && fresh) {
      // Refreshed by another caller while we waited for the lock.
      return {
        accessToken: zoom.vault.open(row.accessTokenSealed, tokenAad(userId, 'access_token')),
        generation: row.tokenGeneration,
        zoomUserId: row.zoomUserId,
      };
    }
    const refreshToken = zoom.vault.open(row.refreshTokenSealed, tokenAad(userId, 'refresh_token'));
    try {
      const tokens = await refreshTokens(zoom.oauth, refreshToken, zoom.now());
      countEvent('zoom_token_refreshes_total', 'Zoom token refreshes by outcome', { outcome: 'ok' });
      await tx
        .update(zoomConnections)
        .set({
          accessTokenSealed: zoom.vault.seal(tokens.accessToken, tokenAad(userId, 'access_token')),
          refreshTokenSealed: zoom.vault.seal(tokens.refreshToken, tokenAad(userId, 'refresh_token')),
          accessTokenExpiresAt: tokens.accessTokenExpiresAt,
          scopes: tokens.scopes.join(' ') || row.scopes,
          tokenGeneration: row.tokenGeneration + 1,
          updatedAt: zoom.now(),
        })
        .where(eq(zoomConnections.userId, userId));
      return { accessToken: tokens.accessToken, generation: row.tokenGeneration + 1, zoomUserId: row.zoomUserId };
    } catch (error) {
      if (!isZoomError(error, 'zoom_refresh_token_dead')) {
        countEvent('zoom_token_refreshes_total', 'Zoom token refreshes by outcome', { outcome: 'error' });
        throw error;
      }
      countEvent('zoom_token_refreshes_total', 'Zoom token refreshes by outcome', { outcome: 'invalid_grant' });
      // The pair is dead at Zoom: drop it, ask the host to reconnect (docs/product.md §3.4).
      await tx
        .update(zoomConnections)
        .set({ status: 'needs_reconnect', accessTokenSealed: null, refreshTokenSealed: null, updatedAt: zoom.now() })
        .where(eq(zoomConnections.userId, userId));
      await deps.onNeedsReconnect?.(tx, userId);
      deadRefreshToken = error;
      return undefined;
    }
  });
  if (!result) {
    deps.log.warn(
      { userId, zoomCode: deadRefreshToken?.zoomCode },
      'Zoom refused the refresh token; connection needs reconnect',
    );
    throw new ZoomNotConnectedError('needs_reconnect');
  }
  return result;
}

/**
 * Runs `call` with a valid access token for the user's Zoom connection: refreshed ahead of expiry,
 * and refreshed once more (then retried once) if Zoom answers 401 code 124. `stored`: the
 * connection as the caller just read it (saves a read); a token rotated since then is dead at
 * Zoom, and the 401 path picks up the rotated one.
 */
export async function withZoomAccessToken<T>(
  deps: TokenDeps,
  userId: string,
  call: (accessToken: string, zoomUserId: string) => Promise<T>,
  stored?: StoredToken,
): Promise<T> {
  const current = await readToken(deps, userId, stored);
  let token: UsableToken = current;
  if (current.expiresAt.getTime() - deps.zoom.now().getTime() <= deps.zoom.refreshMarginMs) {
    token = await refreshUnderLock(deps, userId, current.generation);
  }
  try {
    return await call(token.accessToken, token.zoomUserId);
  } catch (error) {
    if (!isZoomError(error, 'zoom_access_token_dead')) throw error;
    const refreshed = await refreshUnderLock(deps, userId, token.generation);
    return call(refreshed.accessToken, refreshed.zoomUserId);
  }
}
