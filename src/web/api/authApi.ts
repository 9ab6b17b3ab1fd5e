/** `POST /api/auth/signup`, `/confirm`, `/login`, `/logout` and `GET /api/me` (SPEC §9). */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { signIn } from '../../auth/accounts.ts';
import { SIGNUP_ACCEPTED, confirmSignup, requestSignup, type SignupDeps } from '../../auth/signupConfirmations.ts';
import { SESSION_COOKIE, deleteSession } from '../../auth/sessions.ts';
import { listMyEcosystems } from '../../ecosystems/ecosystems.ts';
import { getConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import { emailSchema } from '../../meetings/meetingInput.ts';
import { lineSchema } from '../../freeText.ts';
import type { AppEnv } from '../appEnv.ts';
import { createApiRouter, errorResponses, jsonBody, jsonResponse, requireSession, startSession } from './apiRouter.ts';

export const signupInput = z
  .strictObject({
    name: lineSchema(100),
    email: emailSchema,
    password: z.string().min(10, { message: 'must be at least 10 characters' }).max(200),
  })
  .openapi('Signup');

export const confirmSignupInput = z.strictObject({ token: z.string().max(200) }).openapi('ConfirmSignup');

const signupAcceptedSchema = z
  .object({ status: z.literal(SIGNUP_ACCEPTED.status), message: z.string() })
  .openapi('SignupAccepted', { description: 'The same answer whether or not the email has an account.' });

export const loginInput = z.strictObject({ email: emailSchema, password: z.string().min(1).max(200) }).openapi('Login');

const userSchema = z.object({ id: z.string(), name: z.string(), email: z.string() }).openapi('User');

export const meSchema = z
  .object({
    user: userSchema,
    ecosystems: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(['admin', 'host', 'member']) })),
    zoom: z.object({
      status: z.enum(['not_connected', 'connected', 'needs_reconnect', 'deauthorized']),
      email: z.string().optional(),
      planTier: z.string().optional(),
      scopes: z.array(z.string()).optional(),
    }),
  })
  .openapi('Me');

/** What sign-up and its confirmation need from the request's dependencies. */
export function signupDeps(c: Context<AppEnv>): SignupDeps {
  const { database, queue, config, now } = c.var.deps;
  return { db: database.db, queue, appBaseUrl: config.appBaseUrl, now };
}

export const appNow = (c: Context<AppEnv>): Date => (c.var.deps.now ?? (() => new Date()))();

/**
 * The client address for the login throttle. With `TRUST_PROXY=n` (SPEC §8) the n proxies in front
 * each append the address they saw to `X-Forwarded-For`, so the client is the entry n places left
 * of the socket peer; entries further left were written by the client and are not believed. With
 * 0 (the default) the header is ignored and the socket peer is the client.
 */
export function clientAddress(c: Context<AppEnv>): string {
  let peer = 'unknown';
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
  }
  const hops = c.var.deps.config.trustProxy;
  if (hops === 0) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - hops)]!.slice(0, 64);
}

export function authApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/signup',
      description:
        'Starts a sign-up: mails a confirmation link to a new email, or tells the owner of a taken one that someone tried. ' +
        'Creates no account and no session, and answers alike for new and taken emails (SPEC §2).',
      request: jsonBody(signupInput),
      responses: {
        202: jsonResponse(
          'Accepted: a confirmation mail is on its way (if the address may receive one)',
          signupAcceptedSchema,
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const outcome = await requestSignup(signupDeps(c), c.req.valid('json'));
      // The outcome says whether the email has an account: logs only, never the response.
      c.var.log.info({ outcome }, 'sign-up requested');
      return c.json(SIGNUP_ACCEPTED, 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/confirm',
      description:
        'Uses up the token from the sign-up mail: creates the account, signs in. 400 `invalid_confirmation` for an unknown, expired or used token; 409 `account_exists` when the email already has an account.',
      request: jsonBody(confirmSignupInput),
      responses: {
        201: jsonResponse('Account created and signed in', z.object({ user: userSchema })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const user = await confirmSignup(c.var.deps.database.db, c.req.valid('json').token, appNow(c));
      await startSession(c, user.id);
      return c.json({ user }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      request: jsonBody(loginInput),
      responses: { 200: jsonResponse('Signed in', z.object({ user: userSchema })), ...errorResponses },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const user = await signIn(c.var.deps.database.db, { ...input, clientAddress: clientAddress(c) });
      await startSession(c, user.id);
      return c.json({ user }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'post', path: '/auth/logout', responses: { 204: { description: 'Signed out' } } }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(c.var.deps.database.db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      responses: { 200: jsonResponse('The signed-in user', meSchema), ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      const { db } = c.var.deps.database;
      const memberships = await listMyEcosystems(db, session.user.id);
      // Never a token: only status, email, plan tier and scopes (SPEC §9).
      const { zoomUserId: _internal, ...zoom } = await getConnectionSummary(db, session.user.id);
      return c.json(
        {
          user: session.user,
          ecosystems: memberships.map((m) => ({ id: m.ecosystemId, name: m.ecosystemName, role: m.role })),
          zoom,
        },
        200,
      );
    },
  );

  return api;
}
