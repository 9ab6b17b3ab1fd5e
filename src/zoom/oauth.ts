/**
 * Zoom's user-managed OAuth (docs/zoom-facts.md §1), one function per protocol step, built on
 * oauth4webapi. Zoom publishes no discovery document, so the endpoints are spelled out here.
 *
 * @see https://developers.zoom.us/docs/integrations/oauth/
 */
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { ZoomError } from './zoomErrors.ts';

export interface ZoomOAuthConfig {
  /** `https://zoom.us`, or the emulator's URL. */
  oauthBaseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The token pair and what it was granted. Zoom's `scope` is space-separated (§1.3). */
export interface ZoomTokens {
  accessToken: string;
  refreshToken: string;
  /** Absolute expiry of the access token (Zoom: 1 hour, §1.4). */
  accessTokenExpiresAt: Date;
  scopes: string[];
}

function authorizationServer(config: ZoomOAuthConfig): oauth.AuthorizationServer {
  const base = config.oauthBaseUrl.replace(/\/+$/, '');
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    revocation_endpoint: `${base}/oauth/revoke`,
  };
}

function requestOptions(config: ZoomOAuthConfig) {
  return {
    signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
    ...(config.fetch ? { [oauth.customFetch]: config.fetch } : {}),
    // Dangerous option, spelled out: plain http is allowed only for a loopback host — the
    // emulator in development and tests. Real Zoom is always https.
    ...(isLoopbackHttp(config.oauthBaseUrl) ? { [oauth.allowInsecureRequests]: true } : {}),
  };
}

function isLoopbackHttp(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

/**
 * Zoom's client authentication: `Authorization: Basic base64(client_id:client_secret)` with the
 * raw values (docs/zoom-facts.md §1.3, Zoom's samples). oauth4webapi's ClientSecretBasic form-encodes both
 * first (RFC 6749 §2.3.1), which changes any `-`, `.` or `~` in them; Zoom documents the raw form.
 */
export function zoomClientAuth(clientSecret: string): oauth.ClientAuth {
  return function zoomBasicAuth(_as, client, _body, headers) {
    headers.set('authorization', `Basic ${Buffer.from(`${client.client_id}:${clientSecret}`).toString('base64')}`);
  };
}

/** PKCE verifier + S256 challenge and a random state (RFC 7636, docs/zoom-facts.md §1.2). */
export async function createAuthorizationRequest(): Promise<{
  state: string;
  codeVerifier: string;
  codeChallenge: string;
}> {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  return {
    state: oauth.generateRandomState(),
    codeVerifier,
    codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
  };
}

/**
 * The URL the browser is sent to. No `scope` parameter: Zoom takes scopes from the app's
 * Marketplace configuration and has rejected a `scope` parameter before (docs/zoom-facts.md §1.2).
 */
export function buildAuthorizeUrl(config: ZoomOAuthConfig, request: { state: string; codeChallenge: string }): string {
  const url = new URL(authorizationServer(config).authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', config.redirectUri);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  scope: z.string().default(''),
});

function toTokens(response: oauth.TokenEndpointResponse, now: Date): ZoomTokens {
  const parsed = tokenResponseSchema.safeParse(response);
  if (!parsed.success) {
    throw new ZoomError('zoom_permanent', 'Zoom’s token response lacks access_token, refresh_token or expires_in');
  }
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    accessTokenExpiresAt: new Date(now.getTime() + parsed.data.expires_in * 1000),
    scopes: parsed.data.scope.split(/\s+/).filter(Boolean),
  };
}

/** Maps token-endpoint failures (docs/zoom-facts.md §1.6: `{reason, error}` bodies) to ZoomErrors. */
function tokenEndpointError(error: unknown, step: string): ZoomError {
  if (error instanceof ZoomError) return error;
  if (error instanceof oauth.ResponseBodyError) {
    const details = { status: error.status, zoomCode: error.error };
    if (error.error === 'invalid_grant') {
      return new ZoomError('zoom_refresh_token_dead', `Zoom refused the grant during ${step} (invalid_grant)`, details);
    }
    if (error.error === 'invalid_client') {
      return new ZoomError('zoom_invalid_client', `Zoom refused the client credentials during ${step}`, details);
    }
    if (error.status >= 500)
      return new ZoomError('zoom_transient', `Zoom failed during ${step} (HTTP ${error.status})`, details);
    return new ZoomError('zoom_permanent', `Zoom refused ${step} (${error.error})`, details);
  }
  if (error instanceof oauth.OperationProcessingError) {
    const status = (error.cause as Response | undefined)?.status;
    if (status === 429)
      return new ZoomError('zoom_rate_limited', `Zoom rate-limited ${step}`, {
        status,
        retryAt: new Date(Date.now() + 1000),
      });
    if (status !== undefined && status >= 500)
      return new ZoomError('zoom_transient', `Zoom failed during ${step} (HTTP ${status})`, { status });
    return new ZoomError(
      'zoom_permanent',
      `Zoom’s answer to ${step} was not understood`,
      status === undefined ? {} : { status },
    );
  }
  // fetch rejects with TypeError (network) or a DOMException (timeout).
  return new ZoomError('zoom_transient', `Could not reach Zoom for ${step}`, { maybeApplied: true, cause: error });
}

/**
 * Exchanges the authorization code (Basic client auth, `code_verifier`, docs/zoom-facts.md §1.3).
 * `expectedState` is the state we stored for this session; the caller has already checked it is
 * one-time and unexpired.
 */
export async function exchangeAuthorizationCode(
  config: ZoomOAuthConfig,
  callback: { code: string; state: string },
  expected: { state: string; codeVerifier: string },
  now = new Date(),
): Promise<ZoomTokens> {
  const as = authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  try {
    const params = oauth.validateAuthResponse(as, client, new URLSearchParams(callback), expected.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      zoomClientAuth(config.clientSecret),
      params,
      config.redirectUri,
      expected.codeVerifier,
      requestOptions(config),
    );
    return toTokens(await oauth.processAuthorizationCodeResponse(as, client, response), now);
  } catch (error) {
    throw tokenEndpointError(error, 'the code exchange');
  }
}

/**
 * Refreshes the pair. Zoom rotates the refresh token on every refresh and kills the old pair at
 * once (docs/zoom-facts.md §1.5): the caller must persist the result before using it, under a lock.
 */
export async function refreshTokens(
  config: ZoomOAuthConfig,
  refreshToken: string,
  now = new Date(),
): Promise<ZoomTokens> {
  const as = authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      zoomClientAuth(config.clientSecret),
      refreshToken,
      requestOptions(config),
    );
    return toTokens(await oauth.processRefreshTokenResponse(as, client, response), now);
  } catch (error) {
    throw tokenEndpointError(error, 'the token refresh');
  }
}

/** Revokes the token at Zoom, which also uninstalls the app and sends `app_deauthorized` (§1.7). */
export async function revokeToken(config: ZoomOAuthConfig, token: string): Promise<void> {
  const as = authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  try {
    const response = await oauth.revocationRequest(
      as,
      client,
      zoomClientAuth(config.clientSecret),
      token,
      requestOptions(config),
    );
    await oauth.processRevocationResponse(response);
  } catch (error) {
    throw tokenEndpointError(error, 'the revoke');
  }
}
