/**
 * The data-compliance notice as durable jobs (docs/product.md §6): sent within 10 days of the
 * deauthorization, retried with backoff, and an ops alert (error log + metric) when day 8 passes
 * without success. A second job, scheduled for day 8 at deauthorization time, makes the alert
 * fire on time even while the sender is backing off.
 */
import { and, eq, ne } from '../../db/orm.ts';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { zoomDeauthorizations } from '../../db/schema.ts';
import { defineJob, type JobHandler } from '../../jobs/defineJob.ts';
import type { JobQueue } from '../../jobs/jobQueue.ts';
import { sendDataComplianceNotice } from '../../zoom/dataCompliance.ts';
import { isZoomError } from '../../zoom/zoomErrors.ts';
import { countEvent } from '../../metrics.ts';
import type { Logger } from '../../logger.ts';
import { COMPLIANCE_ALERT_AFTER_MS, forgetDeauthorizedIdentity } from './deauthorization.ts';
import type { ZoomIntegration } from './zoomIntegration.ts';

export const sendComplianceNoticeJob = defineJob(
  'zoom.send-compliance-notice',
  z.object({ deauthorizationId: z.uuid() }),
  // ~10 minutes, doubling up to 6 hours: about 45 attempts fit in the 10-day window.
  { retryLimit: 60, retryDelay: 600, retryBackoff: true, retryDelayMax: 6 * 3600, expireInSeconds: 120 },
);

export const checkComplianceDeadlineJob = defineJob(
  'zoom.check-compliance-deadline',
  z.object({ deauthorizationId: z.uuid() }),
  { retryLimit: 20, retryDelay: 60, retryBackoff: true, expireInSeconds: 60 },
);

/** Inside the deauthorization transaction: queue the notice and its day-8 check, or skip it. */
export async function queueComplianceNotice(
  tx: Tx,
  queue: Pick<JobQueue, 'enqueue'>,
  zoom: Pick<ZoomIntegration, 'dataCompliance'>,
  deauthorizationId: string,
  receivedAt: Date,
): Promise<void> {
  if (!zoom.dataCompliance) {
    await forgetDeauthorizedIdentity(tx, deauthorizationId, 'skipped', receivedAt);
    return;
  }
  await queue.enqueue(tx, sendComplianceNoticeJob, { deauthorizationId });
  await queue.enqueue(
    tx,
    checkComplianceDeadlineJob,
    { deauthorizationId },
    { startAfter: new Date(receivedAt.getTime() + COMPLIANCE_ALERT_AFTER_MS) },
  );
}

function raiseOverdueAlert(
  log: Logger,
  row: { id: string; zoomUserRef: string; deadlineAt: Date; noticeAttempts: number; noticeLastError: string | null },
) {
  countEvent(
    'zoom_compliance_notice_overdue_total',
    'Data-compliance notices still unsent 8 days after deauthorization',
  );
  log.error(
    {
      deauthorizationId: row.id,
      zoomUserRef: row.zoomUserRef,
      deadline: row.deadlineAt.toISOString(),
      attempts: row.noticeAttempts,
      lastError: row.noticeLastError,
    },
    'ALERT: Zoom data-compliance notice unsent 8 days after deauthorization; the 10-day deadline is near',
  );
}

export function sendComplianceNoticeHandler(deps: {
  db: Db;
  zoom: ZoomIntegration;
  log: Logger;
}): JobHandler<{ deauthorizationId: string }> {
  return async function sendComplianceNotice({ deauthorizationId }, context) {
    const { db, zoom } = deps;
    const [row] = await db.select().from(zoomDeauthorizations).where(eq(zoomDeauthorizations.id, deauthorizationId));
    if (row?.noticeStatus !== 'pending') return; // sent already, or skipped
    if (!row.zoomUserId || !row.zoomAccountId || !row.eventPayload) {
      context.log.error({ deauthorizationId }, 'compliance notice has lost its data; marking skipped');
      await forgetDeauthorizedIdentity(db, deauthorizationId, 'skipped', zoom.now());
      return;
    }
    try {
      await sendDataComplianceNotice(
        { ...zoom.api, clientId: zoom.clientId, clientSecret: zoom.clientSecret },
        {
          clientId: zoom.clientId,
          userId: row.zoomUserId,
          accountId: row.zoomAccountId,
          deauthorizationEventReceived: row.eventPayload,
        },
      );
    } catch (error) {
      const now = zoom.now();
      const message = error instanceof Error ? error.message.slice(0, 300) : String(error);
      if (isZoomError(error, 'zoom_endpoint_gone')) {
        await recordEndpointGone(deps, row.id, row.noticeAttempts + 1, message, now);
        return;
      }
      await db
        .update(zoomDeauthorizations)
        .set({ noticeAttempts: row.noticeAttempts + 1, noticeLastError: message })
        .where(eq(zoomDeauthorizations.id, deauthorizationId));
      if (!row.alertedAt && now.getTime() - row.receivedAt.getTime() >= COMPLIANCE_ALERT_AFTER_MS) {
        await db
          .update(zoomDeauthorizations)
          .set({ alertedAt: now })
          .where(eq(zoomDeauthorizations.id, deauthorizationId));
        raiseOverdueAlert(deps.log, { ...row, noticeAttempts: row.noticeAttempts + 1, noticeLastError: message });
      }
      countEvent('zoom_compliance_notices_total', 'Data-compliance notice attempts by outcome', { outcome: 'error' });
      throw error;
    }
    countEvent('zoom_compliance_notices_total', 'Data-compliance notice attempts by outcome', { outcome: 'sent' });
    await forgetDeauthorizedIdentity(db, deauthorizationId, 'sent', zoom.now());
    context.log.info({ deauthorizationId, attempts: row.noticeAttempts + 1 }, 'Zoom data-compliance notice sent');
  };
}

/**
 * Zoom's deprecated Data Compliance endpoint answered 404/410: a final, recorded outcome. The Zoom
 * identity is dropped now, as after a sent notice, and operators get one alert — on the first
 * deauthorization that finds the endpoint gone, not on each one after it.
 */
async function recordEndpointGone(
  deps: { db: Db; log: Logger },
  deauthorizationId: string,
  attempts: number,
  message: string,
  now: Date,
): Promise<void> {
  const alreadyKnown = await deps.db.transaction(async (tx) => {
    await tx
      .update(zoomDeauthorizations)
      .set({ noticeAttempts: attempts })
      .where(eq(zoomDeauthorizations.id, deauthorizationId));
    await forgetDeauthorizedIdentity(tx, deauthorizationId, 'endpoint_gone', now, message);
    const [earlier] = await tx
      .select({ id: zoomDeauthorizations.id })
      .from(zoomDeauthorizations)
      .where(
        and(eq(zoomDeauthorizations.noticeStatus, 'endpoint_gone'), ne(zoomDeauthorizations.id, deauthorizationId)),
      )
      .limit(1);
    return Boolean(earlier);
  });
  countEvent('zoom_compliance_notices_total', 'Data-compliance notice attempts by outcome', {
    outcome: 'endpoint_gone',
  });
  if (alreadyKnown) {
    deps.log.info({ deauthorizationId }, 'Zoom Data Compliance endpoint still gone; notice recorded as endpoint_gone');
    return;
  }
  countEvent('zoom_compliance_endpoint_gone_alerts_total', "Operator alerts: Zoom's Data Compliance endpoint is gone");
  deps.log.error(
    { deauthorizationId, lastError: message },
    "ALERT: Zoom's Data Compliance endpoint is gone (404/410). Notices are recorded as endpoint_gone and the Zoom data is deleted at once; set ZOOM_DATA_COMPLIANCE=off if Zoom has retired the API for good",
  );
}

export function checkComplianceDeadlineHandler(deps: {
  db: Db;
  zoom: ZoomIntegration;
  log: Logger;
}): JobHandler<{ deauthorizationId: string }> {
  return async function checkComplianceDeadline({ deauthorizationId }) {
    const [row] = await deps.db
      .select()
      .from(zoomDeauthorizations)
      .where(eq(zoomDeauthorizations.id, deauthorizationId));
    if (row?.noticeStatus !== 'pending' || row.alertedAt) return;
    await deps.db
      .update(zoomDeauthorizations)
      .set({ alertedAt: deps.zoom.now() })
      .where(eq(zoomDeauthorizations.id, deauthorizationId));
    raiseOverdueAlert(deps.log, row);
  };
}
