/**
 * Disconnect (docs/product.md §3.5, docs/zoom-facts.md §10.5), in this order:
 * 1. under the connection's row lock, take a live access token — refreshing an expired one first,
 *    since whether Zoom revokes an expired token is UNCONFIRMED — and delete the row (tokens,
 *    identity, scopes) in the same transaction;
 * 2. only then call Zoom's revoke, within a bounded time.
 * Revoke makes Zoom send `app_deauthorized`, which may arrive before revoke answers: by then the
 * row is gone, so the webhook finds nothing to do — no "app removed" mail, no deauthorization
 * record, no compliance notice for a disconnect the host made here. The tokens go whether or not
 * Zoom answers; the outcome says what happened at Zoom.
 */
import { eq } from '../../db/orm.ts';
import type { Db } from '../../db/client.ts';
import { zoomConnections } from '../../db/schema.ts';
import { refreshTokens, revokeToken } from '../../zoom/oauth.ts';
import { isZoomError } from '../../zoom/zoomErrors.ts';
import type { Logger } from '../../logger.ts';
import { tokenAad, type ZoomIntegration } from './zoomIntegration.ts';

/**
 * - `revoked`: Zoom confirmed the revoke (the app is removed from the host's Zoom account);
 * - `revoke_failed`: Zoom could not be reached, or refused the revoke;
 * - `no_tokens`: the connection had no usable tokens (needs reconnect, or Zoom refused the
 *   refresh), so nothing could be revoked from here;
 * - `not_connected`: there was no connection.
 */
/** What the host is told of each is in the `zoom.disconnect` messages of src/i18n/catalogues. */
export type DisconnectOutcome = 'revoked' | 'revoke_failed' | 'no_tokens' | 'not_connected';

/** An access token counts as live for revoke if it has at least this long left. */
const LIVE_FOR_REVOKE_MS = 60_000;

export async function disconnectZoom(
  deps: { db: Db; zoom: ZoomIntegration; log: Logger },
  userId: string,
): Promise<DisconnectOutcome> {
  const { db, zoom } = deps;
  const taken = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(zoomConnections).where(eq(zoomConnections.userId, userId)).for('update');
    if (!row) return undefined;
    let token: string | undefined;
    let usable = row.accessTokenSealed !== null;
    if (row.status === 'connected' && row.accessTokenSealed) {
      const live =
        row.accessTokenExpiresAt !== null &&
        row.accessTokenExpiresAt.getTime() - zoom.now().getTime() > LIVE_FOR_REVOKE_MS;
      if (live) {
        token = zoom.vault.open(row.accessTokenSealed, tokenAad(userId, 'access_token'));
      } else if (row.refreshTokenSealed) {
        try {
          const refreshed = await refreshTokens(
            zoom.oauth,
            zoom.vault.open(row.refreshTokenSealed, tokenAad(userId, 'refresh_token')),
            zoom.now(),
          );
          token = refreshed.accessToken;
        } catch (error) {
          // A dead refresh token means Zoom no longer accepts our access at all.
          if (isZoomError(error, 'zoom_refresh_token_dead')) usable = false;
          deps.log.warn(
            { err: error, userId },
            'Zoom refused or did not answer the refresh before revoke; deleting the tokens without revoking',
          );
        }
      }
    }
    // Always: the row goes before revoke is called. Meeting rows keep the Zoom user id that
    // created each meeting, which is what a later reconnect needs (docs/product.md §3.6).
    await tx.delete(zoomConnections).where(eq(zoomConnections.userId, userId));
    return { token, usable };
  });
  if (!taken) return 'not_connected';
  if (!taken.token) return taken.usable ? 'revoke_failed' : 'no_tokens';
  try {
    await revokeToken({ ...zoom.oauth, timeoutMs: zoom.revokeTimeoutMs }, taken.token);
    return 'revoked';
  } catch (error) {
    deps.log.warn({ err: error, userId }, 'Zoom revoke failed; the tokens are deleted here');
    return 'revoke_failed';
  }
}
