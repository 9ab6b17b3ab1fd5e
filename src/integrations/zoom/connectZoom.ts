/**
 * Connect and callback (docs/product.md §3.1, §3.2): one-time state bound to the session, PKCE S256, the
 * granted scopes verified, and only the Zoom user id, account id, email and plan type kept.
 */
import { createHash } from 'node:crypto';
import { and, eq, lt, ne } from '../../db/orm.ts';
import type { Db } from '../../db/client.ts';
import { zoomConnections, zoomOauthStates } from '../../db/schema.ts';
import type { ActiveSession } from '../../auth/sessions.ts';
import {
  buildAuthorizeUrl,
  createAuthorizationRequest,
  exchangeAuthorizationCode,
  revokeToken,
} from '../../zoom/oauth.ts';
import { getCurrentUser, planTierOf } from '../../zoom/users.ts';
import { isZoomError } from '../../zoom/zoomErrors.ts';
import { REQUIRED_SCOPES, tokenAad, verifierAad, type ZoomIntegration } from './zoomIntegration.ts';

export const STATE_TTL_MS = 10 * 60_000;

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');

/** Creates the one-time state and returns Zoom's authorize URL for this session. */
export async function startZoomConnect(db: Db, zoom: ZoomIntegration, session: ActiveSession): Promise<string> {
  const request = await createAuthorizationRequest();
  const stateHash = hashState(request.state);
  const now = zoom.now();
  await db
    .delete(zoomOauthStates)
    .where(and(eq(zoomOauthStates.userId, session.user.id), lt(zoomOauthStates.expiresAt, now)));
  await db.insert(zoomOauthStates).values({
    stateHash,
    userId: session.user.id,
    sessionId: session.sessionId,
    codeVerifierSealed: zoom.vault.seal(request.codeVerifier, verifierAad(stateHash)),
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  return buildAuthorizeUrl(zoom.oauth, request);
}

export type ConnectOutcome =
  | { kind: 'connected'; email: string; planTier: string; zoomUserId: string; previousZoomUserId: string | undefined }
  | { kind: 'refused'; code: ConnectRefusal; message: string; missingScopes?: string[] };

export type ConnectRefusal =
  | 'zoom_state_missing'
  | 'zoom_state_invalid'
  | 'zoom_state_expired'
  | 'zoom_state_wrong_session'
  | 'zoom_access_denied'
  | 'zoom_scopes_missing'
  | 'zoom_exchange_failed';

const refuse = (code: ConnectRefusal, message: string, missingScopes?: string[]): ConnectOutcome => ({
  kind: 'refused',
  code,
  message,
  ...(missingScopes ? { missingScopes } : {}),
});

/**
 * Handles Zoom's redirect back. The state is consumed (deleted) before anything else, so a
 * replayed callback finds nothing. On any refusal nothing about the Zoom account is stored.
 */
export async function completeZoomConnect(
  db: Db,
  zoom: ZoomIntegration,
  session: ActiveSession,
  query: { code?: string | undefined; state?: string | undefined; error?: string | undefined },
): Promise<ConnectOutcome> {
  if (!query.state)
    return refuse('zoom_state_missing', 'The answer from Zoom had no state. Start again from Lets Meet → Manage.');
  const stateHash = hashState(query.state);
  const [stored] = await db.delete(zoomOauthStates).where(eq(zoomOauthStates.stateHash, stateHash)).returning();
  if (!stored) {
    return refuse(
      'zoom_state_invalid',
      'This Zoom sign-in link is not valid any more (it was used already or never issued). Start again from Lets Meet → Manage.',
    );
  }
  if (stored.sessionId !== session.sessionId || stored.userId !== session.user.id) {
    return refuse(
      'zoom_state_wrong_session',
      'This Zoom sign-in was started in another session. Start again from Lets Meet → Manage.',
    );
  }
  if (stored.expiresAt.getTime() <= zoom.now().getTime()) {
    return refuse(
      'zoom_state_expired',
      'The Zoom sign-in took longer than 10 minutes. Start again from Lets Meet → Manage.',
    );
  }
  if (query.error) {
    return refuse('zoom_access_denied', 'Zoom was not connected: the authorization was declined at Zoom.');
  }
  if (!query.code)
    return refuse(
      'zoom_state_invalid',
      'The answer from Zoom had no authorization code. Start again from Lets Meet → Manage.',
    );

  const codeVerifier = zoom.vault.open(stored.codeVerifierSealed, verifierAad(stateHash));
  let tokens: Awaited<ReturnType<typeof exchangeAuthorizationCode>>;
  let zoomUser: Awaited<ReturnType<typeof getCurrentUser>>;
  try {
    tokens = await exchangeAuthorizationCode(
      zoom.oauth,
      { code: query.code, state: query.state },
      { state: query.state, codeVerifier },
      zoom.now(),
    );
    const missing = REQUIRED_SCOPES.filter((scope) => !tokens!.scopes.includes(scope));
    if (missing.length > 0) {
      // Nothing is kept; the grant is revoked so no half-installed app stays at Zoom.
      await revokeToken({ ...zoom.oauth, timeoutMs: zoom.revokeTimeoutMs }, tokens.accessToken).catch(() => {});
      return refuse(
        'zoom_scopes_missing',
        `Zoom was not connected: the Zoom app did not grant ${missing.join(', ')}. ` +
          'The Zoom app’s admin must add these scopes on the Zoom App Marketplace (Manage → the app → Scopes), then connect again.',
        missing,
      );
    }
    zoomUser = await getCurrentUser(zoom.api, tokens.accessToken);
  } catch (error) {
    if (!isZoomError(error)) throw error;
    return refuse('zoom_exchange_failed', `Zoom could not be connected: ${error.message}. Try again in a moment.`);
  }

  const userId = session.user.id;
  const previous = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ zoomUserId: zoomConnections.zoomUserId })
      .from(zoomConnections)
      .where(eq(zoomConnections.userId, userId))
      .for('update');
    const values = {
      status: 'connected' as const,
      zoomUserId: zoomUser.id,
      zoomAccountId: zoomUser.accountId,
      zoomEmail: zoomUser.email,
      planType: zoomUser.type,
      scopes: tokens.scopes.join(' '),
      accessTokenSealed: zoom.vault.seal(tokens.accessToken, tokenAad(userId, 'access_token')),
      refreshTokenSealed: zoom.vault.seal(tokens.refreshToken, tokenAad(userId, 'refresh_token')),
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      connectedAt: zoom.now(),
      updatedAt: zoom.now(),
    };
    await tx
      .insert(zoomConnections)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: zoomConnections.userId, set: values });
    // Zoom keeps one live token pair per app and Zoom user (docs/zoom-facts.md §1.5): another of our users
    // connected to the same Zoom account just lost theirs.
    await tx
      .update(zoomConnections)
      .set({ status: 'needs_reconnect', accessTokenSealed: null, refreshTokenSealed: null, updatedAt: zoom.now() })
      .where(
        and(
          eq(zoomConnections.zoomUserId, zoomUser.id),
          ne(zoomConnections.userId, userId),
          eq(zoomConnections.status, 'connected'),
        ),
      );
    return before?.zoomUserId ?? undefined;
  });
  return {
    kind: 'connected',
    email: zoomUser.email,
    planTier: planTierOf(zoomUser.type),
    zoomUserId: zoomUser.id,
    previousZoomUserId: previous,
  };
}
