/**
 * Zoom's OAuth endpoints for a user-managed app (docs/zoom-facts.md §1): authorize (an emulated sign-in
 * page), token (authorization_code and refresh_token grants, Basic client auth, parameters from
 * the form body or the query), revoke, and the data-compliance notice (§8).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { applyFaults, holdForever, logCall, oauthError, type Call, type Emulator } from './context.ts';
import { authorizePage, errorPage } from './html.ts';
import { tokenIdOf, type EmulatedUser, type TokenPair } from './state.ts';
import { createUser } from './users.ts';

const CODE_TTL_MS = 5 * 60_000; // docs/zoom-facts.md §1.2

const secretEquals = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Checks `Authorization: Basic base64(client_id:client_secret)` (§1.3). */
export function clientAuthenticated(emu: Emulator, c: Context): boolean {
  const header = c.req.header('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  return (
    secretEquals(decoded.slice(0, colon), emu.options.clientId) &&
    secretEquals(decoded.slice(colon + 1), emu.options.clientSecret)
  );
}

/** Parameters from the x-www-form-urlencoded body, else the query string (both accepted, §1.3). */
async function params(c: Context): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(c.req.url).searchParams) out[k] = v;
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const text = await c.req.text();
    for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  }
  return out;
}

function issuePair(emu: Emulator, user: EmulatedUser): TokenPair {
  const now = emu.clock.now().getTime();
  const accessToken = `emu_at_${randomBytes(24).toString('base64url')}`;
  const pair: TokenPair = {
    userId: user.id,
    accessToken,
    refreshToken: `emu_rt_${randomBytes(24).toString('base64url')}`,
    accessExpiresAt: new Date(now + emu.options.accessTokenTtlSeconds * 1000),
    refreshExpiresAt: new Date(now + emu.options.refreshTokenTtlSeconds * 1000),
    tokenId: tokenIdOf(accessToken),
    scopes: [...user.scopes],
  };
  // One live pair per user: a new grant or refresh kills the previous pair at once (§1.5).
  emu.state.pairs.set(user.id, pair);
  return pair;
}

function tokenResponse(emu: Emulator, pair: TokenPair) {
  return {
    access_token: pair.accessToken,
    token_type: 'bearer',
    refresh_token: pair.refreshToken,
    expires_in: emu.options.accessTokenTtlSeconds,
    scope: pair.scopes.join(' '),
    api_url: emu.baseUrl(),
  };
}

function validateAuthorizeParams(emu: Emulator, p: Record<string, string | undefined>): string | undefined {
  if (p['response_type'] !== 'code') return 'response_type must be "code".';
  if (p['client_id'] !== emu.options.clientId) return 'Invalid client_id.';
  if (!p['redirect_uri'] || !emu.options.redirectUris.includes(p['redirect_uri'])) return 'Redirect URI mismatch.'; // 4709
  const method = p['code_challenge_method'];
  if (p['code_challenge'] && method && method !== 'S256' && method !== 'plain')
    return 'Unsupported code_challenge_method.';
  return undefined;
}

export function oauthRoutes(emu: Emulator) {
  const routes = new Hono();

  routes.get('/oauth/authorize', (c) => {
    const p = c.req.query();
    const problem = validateAuthorizeParams(emu, p);
    logCall(
      emu,
      c,
      { operation: 'oauth.authorize', ...(p['state'] ? { state: p['state'] } : {}) },
      problem ? 400 : 200,
    );
    if (problem) return c.html(errorPage(problem), 400);
    return c.html(authorizePage([...emu.state.users.values()], p));
  });

  routes.post('/oauth/authorize', async (c) => {
    const p = await params(c);
    const problem = validateAuthorizeParams(emu, p);
    const call: Call = { operation: 'oauth.authorize.decision', ...(p['state'] ? { state: p['state'] } : {}) };
    if (problem) {
      logCall(emu, c, call, 400);
      return c.html(errorPage(problem), 400);
    }
    const redirect = new URL(p['redirect_uri']!);
    if (p['state'] !== undefined) redirect.searchParams.set('state', p['state']);
    if (p['decision'] !== 'authorize') {
      redirect.searchParams.set('error', 'access_denied');
      logCall(emu, c, call, 302);
      return c.redirect(redirect.toString(), 302);
    }
    // A typed email wins over the pre-selected choice; an unknown email becomes a new Licensed user.
    const email = (p['email'] ?? '').trim();
    const user = email
      ? (emu.state.userByEmail(email) ?? createUser(emu, { email }))
      : p['user_id']
        ? emu.state.users.get(p['user_id'])
        : undefined;
    if (!user) {
      logCall(emu, c, call, 400);
      return c.html(errorPage('Choose a Zoom user or type an email.'), 400);
    }
    user.installed = true;
    const code = randomBytes(18).toString('base64url');
    const method = p['code_challenge']
      ? ((p['code_challenge_method'] as 'S256' | 'plain' | undefined) ?? 'plain')
      : undefined;
    emu.state.codes.set(code, {
      code,
      userId: user.id,
      redirectUri: p['redirect_uri']!,
      codeChallenge: p['code_challenge'],
      codeChallengeMethod: method,
      state: p['state'],
      expiresAt: new Date(emu.clock.now().getTime() + CODE_TTL_MS),
      used: false,
    });
    redirect.searchParams.set('code', code);
    logCall(emu, c, { ...call, userId: user.id }, 302);
    return c.redirect(redirect.toString(), 302);
  });

  routes.post('/oauth/token', async (c) => {
    const p = await params(c);
    const grant = p['grant_type'];
    const operation =
      grant === 'refresh_token'
        ? 'oauth.token.refresh_token'
        : grant === 'authorization_code'
          ? 'oauth.token.authorization_code'
          : 'oauth.token';
    const call: Call = { operation };
    if (!clientAuthenticated(emu, c)) {
      logCall(emu, c, call, 400);
      return oauthError(c, 'invalid_client', 'Invalid client_id or client_secret');
    }
    const pre = await applyFaults(emu, c, operation, call);
    if (pre.response) return pre.response;
    if (emu.faults.take(operation, ['invalid_grant'])) {
      logCall(emu, c, { ...call, fault: 'invalid_grant' }, 400);
      return oauthError(c, 'invalid_grant', 'Invalid Token!');
    }
    const now = emu.clock.now().getTime();

    if (grant === 'authorization_code') {
      const code = p['code'] ? emu.state.codes.get(p['code']) : undefined;
      if (!code || code.used || code.expiresAt.getTime() <= now) {
        if (code) code.used = true;
        logCall(emu, c, call, 400);
        return oauthError(
          c,
          'invalid_grant',
          code && code.expiresAt.getTime() <= now ? 'Code is expired.' : 'Invalid authorization code.',
        );
      }
      code.used = true; // one use, even if the rest fails
      if (p['redirect_uri'] !== code.redirectUri) {
        logCall(emu, c, { ...call, userId: code.userId }, 400);
        return oauthError(c, 'invalid_request', 'Redirect URI mismatch.');
      }
      let pkce = 'none';
      if (code.codeChallenge) {
        const verifier = p['code_verifier'] ?? '';
        const computed =
          code.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
        const ok = /^[A-Za-z0-9._~-]{43,128}$/.test(verifier) && secretEquals(computed, code.codeChallenge);
        pkce = ok ? `${code.codeChallengeMethod}-ok` : 'failed';
        if (!ok) {
          logCall(emu, c, { ...call, userId: code.userId, pkce }, 400);
          return oauthError(c, 'invalid_grant', 'Invalid code_verifier.');
        }
      }
      const user = emu.state.users.get(code.userId);
      if (!user) {
        logCall(emu, c, call, 400);
        return oauthError(c, 'invalid_grant', 'Invalid Token!');
      }
      const pair = issuePair(emu, user);
      const body = tokenResponse(emu, pair);
      logCall(
        emu,
        c,
        { ...call, userId: user.id, tokenId: pair.tokenId, pkce, ...(code.state ? { state: code.state } : {}) },
        200,
      );
      if (pre.afterCommit) return holdForever(emu);
      return c.json(body);
    }

    if (grant === 'refresh_token') {
      const pair = p['refresh_token'] ? emu.state.pairByRefreshToken(p['refresh_token']) : undefined;
      const user = pair ? emu.state.users.get(pair.userId) : undefined;
      if (!pair || !user || pair.refreshExpiresAt.getTime() <= now || !user.installed) {
        logCall(emu, c, call, 400);
        return oauthError(c, 'invalid_grant', 'Invalid Token!');
      }
      // Rotation: the new pair replaces the old; both old tokens die now (§1.5).
      const rotated = issuePair(emu, user);
      rotated.scopes = [...pair.scopes];
      const body = tokenResponse(emu, rotated);
      logCall(emu, c, { ...call, userId: user.id, tokenId: rotated.tokenId }, 200);
      if (pre.afterCommit) return holdForever(emu);
      return c.json(body);
    }

    logCall(emu, c, call, 400);
    return oauthError(c, 'unsupported_grant_type', 'unsupported grant type');
  });

  routes.post('/oauth/revoke', async (c) => {
    const p = await params(c);
    const call: Call = { operation: 'oauth.revoke' };
    if (!clientAuthenticated(emu, c)) {
      logCall(emu, c, call, 400);
      return oauthError(c, 'invalid_client', 'Invalid client_id or client_secret');
    }
    const pre = await applyFaults(emu, c, 'oauth.revoke', call);
    if (pre.response) return pre.response;
    const token = p['token'] ?? '';
    const byAccess = emu.state.pairByAccessToken(token);
    const pair = byAccess ?? emu.state.pairByRefreshToken(token);
    if (!pair) {
      logCall(emu, c, call, emu.options.revokeUnknownToken === 'success' ? 200 : 400);
      // UNCONFIRMED (§1.7): Zoom's answer for an unknown or revoked token; configurable.
      return emu.options.revokeUnknownToken === 'success'
        ? c.json({ status: 'success' })
        : oauthError(c, 'invalid_request', 'Invalid Token!');
    }
    // UNCONFIRMED (§10.5): whether an expired access token, or a refresh token, is accepted.
    // Refused by default, as a token Zoom does not know; nothing is revoked then.
    const now = emu.clock.now().getTime();
    const refusal = byAccess
      ? pair.accessExpiresAt.getTime() <= now && !emu.options.revokeAcceptsExpiredAccessToken
        ? 'expired access token'
        : undefined
      : !emu.options.revokeAcceptsRefreshToken
        ? 'refresh token'
        : pair.refreshExpiresAt.getTime() <= now
          ? 'expired refresh token'
          : undefined;
    if (refusal) {
      logCall(emu, c, { ...call, userId: pair.userId, tokenId: pair.tokenId, refused: refusal }, 400);
      return oauthError(c, 'invalid_request', 'Invalid Token!');
    }
    // The pair dies and the app is uninstalled now; `app_deauthorized` follows the answer (§10.5).
    const user = emu.state.users.get(pair.userId);
    emu.state.pairs.delete(pair.userId);
    logCall(emu, c, { ...call, userId: pair.userId, tokenId: pair.tokenId }, 200);
    const event = user ? removeApp(emu, user) : undefined;
    if (event) {
      const delay = emu.options.revokeWebhookDelayMs;
      if (delay === 'before_answer') await emu.webhooks.sendAndWait('app_deauthorized', event);
      else
        emu.webhooks.sendAfter(pre.afterCommit ? Promise.resolve() : answerSent(c), delay, 'app_deauthorized', event);
    }
    if (pre.afterCommit) return holdForever(emu);
    return c.json({ status: 'success' });
  });

  routes.post('/oauth/data/compliance', async (c) => {
    const call: Call = { operation: 'oauth.data_compliance' };
    if (!clientAuthenticated(emu, c)) {
      logCall(emu, c, call, 401);
      return c.json({ code: 401, message: 'Invalid client_id or client_secret.' }, 401);
    }
    const pre = await applyFaults(emu, c, 'oauth.data_compliance', call);
    if (pre.response) return pre.response;
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      logCall(emu, c, call, 400);
      return c.json({ code: 300, message: 'Request Body should be a valid JSON object.' }, 400);
    }
    const b = (body ?? {}) as Record<string, unknown>;
    const errors = [
      ...(b['client_id'] === emu.options.clientId ? [] : [{ field: 'client_id', message: 'Invalid field.' }]),
      ...(typeof b['user_id'] === 'string' && b['user_id'] ? [] : [{ field: 'user_id', message: 'Invalid field.' }]),
      ...(typeof b['account_id'] === 'string' && b['account_id']
        ? []
        : [{ field: 'account_id', message: 'Invalid field.' }]),
      ...(b['deauthorization_event_received'] && typeof b['deauthorization_event_received'] === 'object'
        ? []
        : [{ field: 'deauthorization_event_received', message: 'Invalid field.' }]),
      ...(b['compliance_completed'] === true ? [] : [{ field: 'compliance_completed', message: 'Invalid field.' }]),
    ];
    if (errors.length) {
      logCall(emu, c, call, 400);
      return c.json({ code: 300, message: 'Validation Failed.', errors }, 400);
    }
    emu.state.compliance.push({ at: emu.clock.now().toISOString(), body: b });
    logCall(emu, c, { ...call, userId: String(b['user_id']) }, 200);
    if (pre.afterCommit) return holdForever(emu);
    // The response shape is UNCONFIRMED (docs/zoom-facts.md §8).
    return c.json({ status: 'success' });
  });

  return routes;
}

/** The app is removed for the user: tokens die and `app_deauthorized` is sent (§1.7, §7.6). */
export function uninstall(emu: Emulator, user: EmulatedUser): void {
  emu.webhooks.send('app_deauthorized', removeApp(emu, user));
}

/** Kills the user's tokens and uninstalls the app; returns the `app_deauthorized` payload (§7.6). */
function removeApp(emu: Emulator, user: EmulatedUser): Record<string, unknown> {
  emu.state.pairs.delete(user.id);
  user.installed = false;
  return {
    account_id: user.accountId,
    user_id: user.id,
    signature: randomBytes(32).toString('hex'),
    deauthorization_time: emu.clock.now().toISOString(),
    client_id: emu.options.clientId,
  };
}

/** Resolves once the answer has been handed to the network (or the connection is gone). */
function answerSent(c: Context): Promise<void> {
  const outgoing = (
    c.env as
      | {
          outgoing?: {
            writableFinished?: boolean;
            destroyed?: boolean;
            once?(event: string, listener: () => void): unknown;
          };
        }
      | undefined
  )?.outgoing;
  if (!outgoing?.once) return new Promise((resolve) => setImmediate(resolve));
  if (outgoing.writableFinished || outgoing.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    outgoing.once!('finish', resolve);
    outgoing.once!('close', resolve);
  });
}
