/**
 * Everything the Zoom integration needs to talk to Zoom, assembled once from config (or from the
 * emulator in emulator mode) and passed down.
 */
import type { Config } from '../../config.ts';
import type { ZoomOAuthConfig } from '../../zoom/oauth.ts';
import type { ZoomApiConfig } from '../../zoom/users.ts';
import type { TokenVault } from './tokenVault.ts';

export const REQUIRED_SCOPES = ['meeting:write:meeting', 'meeting:delete:meeting', 'user:read:user'] as const;

export interface ZoomIntegration {
  oauth: ZoomOAuthConfig;
  api: ZoomApiConfig;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  dataCompliance: boolean;
  /** Meeting creates Zoom allows one user per UTC day (config; docs/zoom-facts.md §6.2). */
  dailyCreatesPerUser: number;
  /** Creates per second per Zoom account (config; 0 = not paced). */
  createsPerSecond: number;
  vault: TokenVault;
  /** Refresh when less than this is left of the access token (docs/product.md §3.4). */
  refreshMarginMs: number;
  /** Upper bound for the revoke call on disconnect (docs/product.md §3.5). */
  revokeTimeoutMs: number;
  now: () => Date;
}

export function createZoomIntegration(
  config: Config,
  vault: TokenVault,
  zoom: { clientId: string; clientSecret: string; webhookSecret: string; oauthBaseUrl: string; apiBaseUrl: string },
  overrides: Partial<Pick<ZoomIntegration, 'refreshMarginMs' | 'revokeTimeoutMs' | 'now'>> & {
    fetch?: typeof fetch;
  } = {},
): ZoomIntegration {
  const now = overrides.now ?? (() => new Date());
  return {
    oauth: {
      oauthBaseUrl: zoom.oauthBaseUrl,
      clientId: zoom.clientId,
      clientSecret: zoom.clientSecret,
      redirectUri: `${config.appBaseUrl}/integrations/zoom/callback`,
      ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
      timeoutMs: 15_000,
    },
    api: {
      apiBaseUrl: zoom.apiBaseUrl,
      timeoutMs: 30_000,
      now,
      ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
    },
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    webhookSecret: zoom.webhookSecret,
    dataCompliance: config.zoom.dataCompliance,
    dailyCreatesPerUser: config.zoom.dailyCreatesPerUser,
    createsPerSecond: config.zoom.createsPerSecond,
    vault,
    refreshMarginMs: overrides.refreshMarginMs ?? 5 * 60_000,
    revokeTimeoutMs: overrides.revokeTimeoutMs ?? 5_000,
    now,
  };
}

/** Associated data binding a sealed value to its row and column (tokenVault.ts). */
export const tokenAad = (userId: string, field: 'access_token' | 'refresh_token') =>
  `zoom_connections/${userId}/${field}`;
export const verifierAad = (stateHash: string) => `zoom_oauth_states/${stateHash}/code_verifier`;
