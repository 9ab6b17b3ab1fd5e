/**
 * `app_deauthorized` (docs/product.md §5, docs/zoom-facts.md §7.6): the user removed our app at Zoom, or our own
 * revoke did. Tokens and the Zoom identity go at once; what the data-compliance notice needs is
 * kept on a zoom_deauthorizations row until the notice is sent (docs/product.md §6). Idempotent: a duplicate
 * delivery, the delivery that follows our own revoke (the row is already gone), and an unknown
 * Zoom user all find nothing to do.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq, inArray } from '../../db/orm.ts';
import { z } from 'zod';
import type { Db, Tx, Queries } from '../../db/client.ts';
import { zoomConnections, zoomDeauthorizations } from '../../db/schema.ts';

export const COMPLIANCE_WINDOW_MS = 10 * 24 * 3600_000;
export const COMPLIANCE_ALERT_AFTER_MS = 8 * 24 * 3600_000;

/**
 * What we need from the payload is checked; everything Zoom sent is kept (a loose object), since
 * the compliance notice must hand back the event "as received" (docs/zoom-facts.md §8).
 */
export const deauthorizationPayloadSchema = z.looseObject({
  account_id: z.string().min(1),
  user_id: z.string().min(1),
  client_id: z.string().optional(),
  deauthorization_time: z.string().optional(),
  signature: z.string().optional(),
});
export type DeauthorizationPayload = z.infer<typeof deauthorizationPayloadSchema>;

export const zoomUserRef = (zoomUserId: string) => createHash('sha256').update(zoomUserId).digest('hex').slice(0, 12);

export interface DeauthorizationHooks {
  /** Inside the transaction, per affected app user: tell the host, settle their pending Zoom work. */
  onHostDeauthorized(tx: Tx, userId: string, zoomUserId: string): Promise<void>;
  /** Inside the transaction: queue the compliance notice (or record that it is off). */
  onRecorded(tx: Tx, deauthorizationId: string, receivedAt: Date): Promise<void>;
}

export interface DeauthorizationResult {
  outcome: 'handled' | 'nothing_to_do' | 'duplicate';
  affectedUsers: number;
  deauthorizationId?: string;
}

export async function handleAppDeauthorized(
  db: Db,
  payload: DeauthorizationPayload,
  now: Date,
  hooks: DeauthorizationHooks,
): Promise<DeauthorizationResult> {
  const deauthorizedAt =
    payload.deauthorization_time && !Number.isNaN(Date.parse(payload.deauthorization_time))
      ? new Date(payload.deauthorization_time)
      : now;
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ userId: zoomConnections.userId })
      .from(zoomConnections)
      .where(eq(zoomConnections.zoomUserId, payload.user_id))
      .for('update');
    if (rows.length === 0) return { outcome: 'nothing_to_do', affectedUsers: 0 } as const;
    const id = randomUUID();
    const inserted = await tx
      .insert(zoomDeauthorizations)
      .values({
        id,
        zoomUserRef: zoomUserRef(payload.user_id),
        zoomUserId: payload.user_id,
        zoomAccountId: payload.account_id,
        eventPayload: payload as Record<string, unknown>,
        deauthorizedAt,
        receivedAt: now,
        deadlineAt: new Date(now.getTime() + COMPLIANCE_WINDOW_MS),
        noticeStatus: 'pending',
        affectedUsers: rows.length,
      })
      .onConflictDoNothing()
      .returning({ id: zoomDeauthorizations.id });
    if (inserted.length === 0) return { outcome: 'duplicate', affectedUsers: 0 } as const;
    const userIds = rows.map((r) => r.userId);
    await tx
      .update(zoomConnections)
      .set({
        status: 'deauthorized',
        accessTokenSealed: null,
        refreshTokenSealed: null,
        accessTokenExpiresAt: null,
        zoomUserId: null,
        zoomAccountId: null,
        zoomEmail: null,
        planType: null,
        scopes: '',
        updatedAt: now,
      })
      .where(inArray(zoomConnections.userId, userIds));
    for (const userId of userIds) await hooks.onHostDeauthorized(tx, userId, payload.user_id);
    await hooks.onRecorded(tx, id, now);
    return { outcome: 'handled', affectedUsers: rows.length, deauthorizationId: id } as const;
  });
}

/**
 * After the notice was sent, when notices are off, or when Zoom's endpoint is gone: drop the Zoom
 * identity and the payload.
 */
export async function forgetDeauthorizedIdentity(
  db: Queries,
  deauthorizationId: string,
  status: 'sent' | 'skipped' | 'endpoint_gone',
  now: Date,
  lastError: string | null = null,
): Promise<void> {
  await db
    .update(zoomDeauthorizations)
    .set({
      noticeStatus: status,
      ...(status === 'sent' ? { noticeSentAt: now } : {}),
      zoomUserId: null,
      zoomAccountId: null,
      eventPayload: null,
      noticeLastError: lastError,
    })
    .where(eq(zoomDeauthorizations.id, deauthorizationId));
}
