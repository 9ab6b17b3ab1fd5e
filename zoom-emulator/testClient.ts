/** Helpers for the emulator's own tests: drive OAuth and REST over real HTTP, as a client would. */
import { createHash, randomBytes } from 'node:crypto';
import type { ZoomEmulator } from './startZoomEmulator.ts';

export const REDIRECT = 'http://localhost:3000/integrations/zoom/callback';

export function basic(emu: ZoomEmulator, secret = emu.clientSecret): string {
  return `Basic ${Buffer.from(`${emu.clientId}:${secret}`).toString('base64')}`;
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Submits the emulated sign-in form; returns the redirect Location. */
export async function authorize(
  emu: ZoomEmulator,
  options: {
    email?: string;
    userId?: string;
    state?: string;
    challenge?: string;
    method?: string;
    decision?: string;
    redirectUri?: string;
  } = {},
): Promise<URL> {
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: emu.clientId,
    redirect_uri: options.redirectUri ?? REDIRECT,
    decision: options.decision ?? 'authorize',
    ...(options.state ? { state: options.state } : {}),
    ...(options.challenge
      ? { code_challenge: options.challenge, code_challenge_method: options.method ?? 'S256' }
      : {}),
    ...(options.email ? { email: options.email } : {}),
    ...(options.userId ? { user_id: options.userId } : {}),
  });
  const response = await fetch(`${emu.url}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  if (response.status !== 302) throw new Error(`authorize answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!);
}

export async function token(
  emu: ZoomEmulator,
  params: Record<string, string>,
  options: { auth?: string; inQuery?: boolean } = {},
) {
  const search = new URLSearchParams(params);
  const response = await fetch(`${emu.url}/oauth/token${options.inQuery ? `?${search}` : ''}`, {
    method: 'POST',
    headers: { authorization: options.auth ?? basic(emu), 'content-type': 'application/x-www-form-urlencoded' },
    ...(options.inQuery ? {} : { body: search }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Full connect for a user: returns the token pair. */
export async function connect(emu: ZoomEmulator, email = 'host@demo.ekosistem.app') {
  const { verifier, challenge } = pkcePair();
  const location = await authorize(emu, { email, challenge, state: 's' });
  const result = await token(emu, {
    grant_type: 'authorization_code',
    code: location.searchParams.get('code')!,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  if (result.status !== 200) throw new Error(JSON.stringify(result.body));
  return result.body as { access_token: string; refresh_token: string; scope: string; expires_in: number };
}

export async function api(emu: ZoomEmulator, method: string, path: string, accessToken?: string, body?: unknown) {
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, body: json as Record<string, unknown> };
}
