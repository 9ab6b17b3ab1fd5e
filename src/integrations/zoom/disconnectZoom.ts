/**
 * Disconnect (SPEC §3.5): revoke at Zoom within a bounded time, then delete the tokens in the
 * same request whether or not Zoom answered, and report which happened. Revoking makes Zoom send
 * `app_deauthorized`; by then nothing is left for it to do.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { zoomConnections } from '../../db/schema.ts';
import { revokeToken } from '../../zoom/oauth.ts';
import type { Logger } from '../../logger.ts';
import { tokenAad, type ZoomIntegration } from './zoomIntegration.ts';

/** `no_tokens`: the connection had already lost its tokens (needs reconnect, deauthorized). */
export type DisconnectOutcome = 'revoked' | 'revoke_failed' | 'no_tokens' | 'not_connected';

export async function disconnectZoom(deps: { db: Db; zoom: ZoomIntegration; log: Logger }, userId: string): Promise<DisconnectOutcome> {
  const { db, zoom } = deps;
  const [row] = await db.select().from(zoomConnections).where(eq(zoomConnections.userId, userId));
  if (!row) return 'not_connected';
  let outcome: DisconnectOutcome = 'no_tokens';
  if (row.accessTokenSealed) {
    outcome = 'revoke_failed';
    try {
      const accessToken = zoom.vault.open(row.accessTokenSealed, tokenAad(userId, 'access_token'));
      await revokeToken({ ...zoom.oauth, timeoutMs: zoom.revokeTimeoutMs }, accessToken);
      outcome = 'revoked';
    } catch (error) {
      deps.log.warn({ err: error, userId }, 'Zoom revoke failed; deleting the tokens anyway');
    }
  }
  // Always: the row (tokens, identity, scopes) goes. Meeting rows keep the Zoom user id that
  // created each meeting, which is what a later reconnect needs (SPEC §3.6).
  await db.delete(zoomConnections).where(eq(zoomConnections.userId, userId));
  return outcome;
}
