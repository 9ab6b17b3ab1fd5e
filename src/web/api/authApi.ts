/**
 * Accounts over JSON (docs/product.md §2, §9, §15): sign-up and its confirmation, sign-in and out,
 * sign out everywhere, password change and reset, and `GET|PUT /api/me` (name, language, time
 * zone). Every route here acts on the signed-in person's own account, or on the account a mailed
 * one-time token names.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { changePassword, readProfile, signIn, signOutEverywhere, updateProfile } from '../../auth/accounts.ts';
import {
  SIGNUP_ACCEPTED,
  confirmSignup,
  requestSignup,
  signupAccepted,
  type AccountMailDeps,
} from '../../auth/signupConfirmations.ts';
import { RESET_ACCEPTED, confirmPasswordReset, requestPasswordReset, resetAccepted } from '../../auth/passwordReset.ts';
import { LOCALES } from '../../i18n/locales.ts';
import { requestLocale } from '../middleware/locale.ts';
import { SESSION_COOKIE, deleteSession } from '../../auth/sessions.ts';
import { listMyEcosystems } from '../../ecosystems/ecosystems.ts';
import { getConnectionSummary } from '../../integrations/zoom/zoomConnections.ts';
import { emailSchema, timezoneSchema } from '../../meetings/meetingInput.ts';
import { lineSchema } from '../../freeText.ts';
import type { AppEnv } from '../appEnv.ts';
import { createApiRouter, errorResponses, jsonBody, jsonResponse, requireSession, startSession } from './apiRouter.ts';

const nameSchema = lineSchema(100);
/** A password someone chooses (at confirmation, reset or change). */
export const newPasswordSchema = z
  .string()
  .min(10, { message: 'must be at least 10 characters' })
  .max(200, { message: 'must be at most 200 characters' });
/** A one-time token from a mailed link (checked against its stored hash, never used by a GET). */
const tokenSchema = z.string().max(200);

/** One of the product's languages (docs/product.md §15). */
const localeSchema = z.enum(LOCALES).openapi({ example: 'fi' });

export const signupInput = z
  .strictObject({
    name: nameSchema,
    email: emailSchema,
    locale: localeSchema.optional().openapi({
      description:
        'The language of the confirmation mail and of the account. Default: the request’s (`Accept-Language`, or the language picked on the pages).',
    }),
    timezone: z.string().max(100).optional().openapi({
      description:
        'The zone the browser reports (IANA id): the account’s own time zone. Ignored when it is not a known zone.',
      example: 'Europe/Helsinki',
    }),
  })
  .openapi('Signup');
export const confirmSignupInput = z
  .strictObject({ token: tokenSchema, password: newPasswordSchema, name: nameSchema })
  .openapi('ConfirmSignup');
export const loginInput = z.strictObject({ email: emailSchema, password: z.string().min(1).max(200) }).openapi('Login');
export const passwordChangeInput = z
  .strictObject({ currentPassword: z.string().min(1).max(200), newPassword: newPasswordSchema })
  .openapi('PasswordChange');
export const resetRequestInput = z.strictObject({ email: emailSchema }).openapi('PasswordResetRequest');
export const resetConfirmInput = z
  .strictObject({ token: tokenSchema, password: newPasswordSchema })
  .openapi('PasswordResetConfirm');

const signupAcceptedSchema = z
  .object({ status: z.literal(SIGNUP_ACCEPTED.status), message: z.string() })
  .openapi('SignupAccepted', { description: 'The same answer whether or not the email has an account.' });
const resetAcceptedSchema = z
  .object({ status: z.literal(RESET_ACCEPTED.status), message: z.string() })
  .openapi('PasswordResetAccepted', { description: 'The same answer whether or not the email has an account.' });

const userSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    locale: localeSchema.openapi({ description: 'The language of their pages and mails.' }),
    timezone: z
      .string()
      .nullable()
      .openapi({ description: 'Their own time zone (IANA id); `null`: each record’s own.' }),
  })
  .openapi('User');

/**
 * `PUT /api/me` and the account page's form: what a person changes about themselves; fields not
 * named keep their value.
 */
export const profileChange = z
  .strictObject({
    name: nameSchema.optional(),
    locale: localeSchema.optional().openapi({
      description: 'Your language (en, fi or sv): pages and mails are in it from your next request.',
    }),
    timezone: timezoneSchema.nullable().optional().openapi({
      description: 'Your time zone (IANA id): pages and mails show you times in it. `null`: each record’s own.',
    }),
  })
  .openapi('ProfileChange');

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

export const appNow = (c: Context<AppEnv>): Date => (c.var.deps.now ?? (() => new Date()))();

/** What sign-up and password reset need from the request's dependencies. */
export function accountMailDeps(c: Context<AppEnv>): AccountMailDeps {
  const { database, queue, config } = c.var.deps;
  return {
    db: database.db,
    queue,
    appBaseUrl: config.appBaseUrl,
    mailLimits: config.mailQuota,
    now: () => appNow(c),
  };
}

/**
 * The client address for the login throttle and the mail gate. With `TRUST_PROXY=n` (docs/product.md §8)
 * the n proxies in front each append the address they saw to `X-Forwarded-For`, so the client is
 * the entry n places left of the socket peer; entries further left were written by the client and
 * are not believed. With 0 (the default) the header is ignored and the socket peer is the client.
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

/** Signs the browser out here: the session row goes, the cookie is cleared. */
async function endThisSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(c.var.deps.database.db, token);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export function authApi() {
  const api = createApiRouter();
  const signedIn = z.object({ user: userSchema });

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/signup',
      description:
        'Starts a sign-up: mails a confirmation link to a new email, or tells the owner of a taken one that someone tried. ' +
        'Creates no account and no session, and answers alike for new and taken emails; the password and name are chosen on the confirmation step (docs/product.md §2). ' +
        '429 `mail_quota` when this client address asked for too many sign-up and reset mails this hour.',
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
      const { locale: chosen, ...input } = c.req.valid('json');
      const locale = chosen ?? requestLocale(c);
      const outcome = await requestSignup(accountMailDeps(c), { ...input, locale, clientAddress: clientAddress(c) });
      // The outcome says whether the email has an account: logs only, never the response.
      c.var.log.info({ outcome }, 'sign-up requested');
      return c.json(signupAccepted(locale), 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/confirm',
      description:
        'Uses up the token from the sign-up mail and creates the account with the password and name chosen here; signs in. ' +
        '400 `invalid_confirmation` for an unknown, expired or used token; 409 `account_exists` when the email already has an account.',
      request: jsonBody(confirmSignupInput),
      responses: { 201: jsonResponse('Account created and signed in', signedIn), ...errorResponses },
    }),
    async (c) => {
      const user = await confirmSignup(c.var.deps.database.db, c.req.valid('json'), appNow(c));
      await startSession(c, user.id);
      return c.json({ user }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      description:
        '429 with Retry-After after too many failed sign-ins for the account or from the client address (no password is checked then); the password-reset link always gets the owner back in.',
      request: jsonBody(loginInput),
      responses: { 200: jsonResponse('Signed in', signedIn), ...errorResponses },
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
      await endThisSession(c);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout-everywhere',
      description: 'Ends every session of the signed-in person, on every device, this one included.',
      responses: { 204: { description: 'Signed out everywhere' }, ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      await signOutEverywhere(c.var.deps.database.db, { userId: session.user.id, sessionId: session.sessionId });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      description:
        'Changes the signed-in person’s password; their other sessions end. 400 `wrong_password` when the current password is not right ' +
        '(counted like a failed sign-in of the account).',
      request: jsonBody(passwordChangeInput),
      responses: { 204: { description: 'Changed; other sessions ended' }, ...errorResponses },
    }),
    async (c) => {
      const session = await requireSession(c);
      await changePassword(c.var.deps.database.db, session, c.req.valid('json'), appNow(c));
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset',
      description:
        'Mails the owner of the email a one-time link to choose a new password (1 hour). Answers alike for every email. ' +
        '429 `mail_quota` when this client address asked for too many sign-up and reset mails this hour.',
      request: jsonBody(resetRequestInput),
      responses: {
        202: jsonResponse('Accepted: a link is on its way if an account uses this email', resetAcceptedSchema),
        ...errorResponses,
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const outcome = await requestPasswordReset(accountMailDeps(c), { ...input, clientAddress: clientAddress(c) });
      c.var.log.info({ outcome }, 'password reset requested');
      return c.json(resetAccepted(requestLocale(c)), 202);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/confirm',
      description:
        'Uses up the token from the reset mail: sets the password, ends every session of the account, lifts its sign-in lock and signs in. ' +
        '400 `invalid_reset` for an unknown, expired or used token.',
      request: jsonBody(resetConfirmInput),
      responses: { 200: jsonResponse('Password set and signed in', signedIn), ...errorResponses },
    }),
    async (c) => {
      const user = await confirmPasswordReset(c.var.deps.database.db, c.req.valid('json'), appNow(c));
      await startSession(c, user.id);
      return c.json({ user }, 200);
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
      // Never a token: only status, email, plan tier and scopes (docs/product.md §9).
      const { zoomUserId: _internal, ...zoom } = await getConnectionSummary(db, session.user.id);
      const profile = await readProfile(db, session.user.id);
      return c.json(
        {
          user: { id: session.user.id, email: session.user.email, ...profile },
          ecosystems: memberships.map((m) => ({ id: m.ecosystemId, name: m.ecosystemName, role: m.role })),
          zoom,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/me',
      description:
        'Changes your name, language and time zone; fields not named keep their value. 400 `invalid_input` (nothing changed) for a language other than en, fi or sv, or an unknown zone.',
      request: jsonBody(profileChange),
      responses: {
        200: jsonResponse('You, changed', z.object({ user: userSchema })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const session = await requireSession(c);
      const changed = await updateProfile(c.var.deps.database.db, session.user.id, c.req.valid('json'));
      return c.json({ user: { id: session.user.id, email: session.user.email, ...changed } }, 200);
    },
  );

  return api;
}
