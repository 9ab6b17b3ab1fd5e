/**
 * Shared plumbing for the JSON API: a router whose request validation failures answer
 * 400 `{error: {code: "invalid_input", message}}` naming the field, and the common schemas.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import { SESSION_COOKIE, SESSION_TTL_MS, createSession, type ActiveSession } from '../../auth/sessions.ts';
import { UnauthenticatedError } from '../../errors.ts';
import type { AppEnv } from '../appEnv.ts';
import { validationErrorFrom } from '../errorResponses.ts';
import { loadSession } from '../middleware/session.ts';

export function createApiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationErrorFrom(result.error);
    },
  });
}

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })
  .openapi('Error');

export const errorResponses = {
  400: { description: 'Invalid input', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'Not signed in', content: { 'application/json': { schema: errorSchema } } },
  403: { description: 'Not allowed', content: { 'application/json': { schema: errorSchema } } },
  404: {
    description: 'Not found (also for ids of other ecosystems)',
    content: { 'application/json': { schema: errorSchema } },
  },
  409: { description: 'Conflict', content: { 'application/json': { schema: errorSchema } } },
  422: {
    description: 'Refused by someone else’s choice (e.g. the host has not allowed Zoom for others)',
    content: { 'application/json': { schema: errorSchema } },
  },
  429: {
    description: 'A limit was reached (e.g. `mail_quota`, `host_booking_limit`); see Retry-After',
    content: { 'application/json': { schema: errorSchema } },
  },
  503: {
    description: 'The server is at one of its own bounds (`busy`: too many password checks at once); see Retry-After',
    content: { 'application/json': { schema: errorSchema } },
  },
} as const;

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** A JSON body that may be left out (then nothing is validated and the handler sees none). */
export const optionalJsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: false },
});

export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

export function idParam<K extends string>(name: K) {
  const shape = {
    [name]: z.string().openapi({ param: { name, in: 'path' }, example: '3f1c2d4e-0000-4000-8000-000000000000' }),
  };
  return z.object(shape as { [P in K]: z.ZodString });
}

/** The signed-in session (looked up on first use: see `sessionMiddleware`), or 401. */
export async function requireSession(c: Context<AppEnv>): Promise<ActiveSession> {
  const session = await loadSession(c);
  if (!session) throw new UnauthenticatedError();
  return session;
}

/** Starts a session for the user and sets the cookie (HttpOnly, SameSite=Lax, Secure on https). */
export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const { token } = await createSession(c.var.deps.database.db, userId);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.secureCookies,
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}
