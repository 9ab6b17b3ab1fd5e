/**
 * `GET /v2/users/me` (docs/zoom-facts.md §3). We read only what the help page says we keep: id, account
 * id, email and plan type.
 *
 * @see https://developers.zoom.us/docs/api/users/#tag/users/GET/users/{userId}
 */
import { z } from 'zod';
import { restError, sendToZoom, type ZoomHttpOptions } from './zoomHttp.ts';
import { ZoomError } from './zoomErrors.ts';

export interface ZoomApiConfig extends ZoomHttpOptions {
  /** `https://api.zoom.us`, or the emulator's URL; REST lives under `/v2`. */
  apiBaseUrl: string;
}

const userSchema = z.object({
  id: z.string().min(1),
  account_id: z.string().min(1),
  email: z.string().min(1),
  type: z.number().int(),
});

export interface ZoomUser {
  id: string;
  accountId: string;
  email: string;
  /** 1 Basic, 2 Licensed, others shown as-is (§3). */
  type: number;
}

export function planTierOf(type: number): string {
  if (type === 1) return 'Basic';
  if (type === 2) return 'Licensed';
  return `Type ${type}`;
}

export function bearerHeaders(accessToken: string): Record<string, string> {
  // Zoom accepts the token only in this header (docs/zoom-facts.md §1.8), never in the query.
  return { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
}

export async function getCurrentUser(config: ZoomApiConfig, accessToken: string): Promise<ZoomUser> {
  const response = await sendToZoom(
    `${config.apiBaseUrl}/v2/users/me`,
    { method: 'GET', headers: bearerHeaders(accessToken) },
    config,
  );
  if (response.status !== 200) throw restError(response, config.now?.() ?? new Date());
  const parsed = userSchema.safeParse(response.body);
  if (!parsed.success)
    throw new ZoomError('zoom_permanent', 'Zoom’s user answer lacks id, account_id, email or type', { status: 200 });
  return { id: parsed.data.id, accountId: parsed.data.account_id, email: parsed.data.email, type: parsed.data.type };
}
