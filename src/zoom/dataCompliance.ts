/**
 * The data-compliance notice after a deauthorization (docs/zoom-facts.md §8). Zoom deprecated this API;
 * the product sends it when `ZOOM_DATA_COMPLIANCE=on` (docs/product.md §6). Basic client auth, JSON body.
 */
import { restError, sendToZoom } from './zoomHttp.ts';
import { ZoomError } from './zoomErrors.ts';
import type { ZoomApiConfig } from './users.ts';

export interface ComplianceNotice {
  clientId: string;
  userId: string;
  accountId: string;
  /** The `payload` object of the `app_deauthorized` event, as received. */
  deauthorizationEventReceived: Record<string, unknown>;
}

export async function sendDataComplianceNotice(
  config: ZoomApiConfig & { clientId: string; clientSecret: string },
  notice: ComplianceNotice,
): Promise<void> {
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
  const response = await sendToZoom(
    `${config.apiBaseUrl}/oauth/data/compliance`,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        client_id: notice.clientId,
        user_id: notice.userId,
        account_id: notice.accountId,
        deauthorization_event_received: notice.deauthorizationEventReceived,
        compliance_completed: true,
      }),
    },
    config,
  );
  // The response shape is UNCONFIRMED (docs/zoom-facts.md §8): any 2xx counts as received.
  if (response.status >= 200 && response.status < 300) return;
  // Zoom deprecated this API: 404/410 say the endpoint itself is gone, not that this notice was
  // refused — no retry can succeed, and retrying for ten days helps no one.
  if (response.status === 404 || response.status === 410) {
    throw new ZoomError('zoom_endpoint_gone', `Zoom's Data Compliance endpoint is gone (HTTP ${response.status})`, {
      status: response.status,
    });
  }
  throw restError(response, config.now?.() ?? new Date());
}
