/** Reading a user's Zoom connection as the UI and API show it (never a token). */
import { eq } from '../../db/orm.ts';
import type { Queries } from '../../db/client.ts';
import { zoomConnections } from '../../db/schema.ts';
import { planTierOf } from '../../zoom/users.ts';

export type ConnectionStatus = 'not_connected' | 'connected' | 'needs_reconnect' | 'deauthorized';

export interface ConnectionSummary {
  status: ConnectionStatus;
  email?: string;
  planTier?: string;
  scopes?: string[];
  zoomUserId?: string;
}

export async function getConnectionSummary(db: Queries, userId: string): Promise<ConnectionSummary> {
  const [row] = await db.select().from(zoomConnections).where(eq(zoomConnections.userId, userId));
  if (!row) return { status: 'not_connected' };
  return {
    status: row.status,
    ...(row.zoomEmail ? { email: row.zoomEmail } : {}),
    ...(row.planType !== null ? { planTier: planTierOf(row.planType) } : {}),
    ...(row.scopes ? { scopes: row.scopes.split(' ').filter(Boolean) } : {}),
    ...(row.zoomUserId ? { zoomUserId: row.zoomUserId } : {}),
  };
}
