/**
 * Assembles the Zoom integration's pieces for the app and the worker: the provider (port
 * implementation), the reconnect and deauthorization reactions, and the job handlers.
 */
import type { Db } from '../../db/client.ts';
import type { JobQueue } from '../../jobs/jobQueue.ts';
import type { Logger } from '../../logger.ts';
import { handleJob, type RegisteredJob } from '../../jobs/defineJob.ts';
import { resumeAfterReconnect } from '../../meetings/removeProviderMeetings.ts';
import { settleDeauthorizedHost } from '../../meetings/settleDeauthorizedHost.ts';
import { notifyHost } from '../../meetings/notifyAttendees.ts';
import { SYSTEM_NOTICE } from '../../mail/mailGate.ts';
import type { MeetingProvider } from '../../meetings/provider.ts';
import {
  checkComplianceDeadlineHandler,
  checkComplianceDeadlineJob,
  queueComplianceNotice,
  sendComplianceNoticeHandler,
  sendComplianceNoticeJob,
} from './complianceNotice.ts';
import { handleAppDeauthorized, type DeauthorizationPayload, type DeauthorizationResult } from './deauthorization.ts';
import { createZoomMeetingProvider } from './zoomMeetingProvider.ts';
import type { ZoomIntegration } from './zoomIntegration.ts';

export interface ZoomServices {
  zoom: ZoomIntegration;
  provider: MeetingProvider;
  onZoomConnected(userId: string, zoomUserId: string): Promise<void>;
  onZoomDeauthorized(payload: DeauthorizationPayload): Promise<DeauthorizationResult>;
  jobs: RegisteredJob[];
}

export function createZoomServices(deps: {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'discard'>;
  log: Logger;
  zoom: ZoomIntegration;
  appBaseUrl: string;
}): ZoomServices {
  const { db, queue, log, zoom, appBaseUrl } = deps;
  const notifyDeps = { queue, appBaseUrl };
  const provider = createZoomMeetingProvider({
    db,
    zoom,
    log,
    onNeedsReconnect: (tx, userId) =>
      notifyHost(
        tx,
        notifyDeps,
        userId,
        {
          write: ({ t }) => ({
            subject: t('mail.notice.reconnect.subject'),
            paragraphs: [t('mail.notice.reconnect.lost'), t('mail.notice.reconnect.howTo')],
            actionLabel: t('mail.notice.reconnect.action'),
          }),
          actionUrl: `${appBaseUrl}/ecosystems`,
        },
        SYSTEM_NOTICE,
      ),
  });
  return {
    zoom,
    provider,
    async onZoomConnected(userId, zoomUserId) {
      const resumed = await resumeAfterReconnect({ db, queue, now: zoom.now }, userId, zoomUserId);
      if (resumed.creates || resumed.deletes)
        log.info({ userId, ...resumed }, 'Zoom reconnected: waiting work resumed');
    },
    onZoomDeauthorized(payload) {
      return handleAppDeauthorized(db, payload, zoom.now(), {
        async onHostDeauthorized(tx, userId) {
          await settleDeauthorizedHost(tx, userId, zoom.now());
          await notifyHost(
            tx,
            notifyDeps,
            userId,
            {
              write: ({ t }) => ({
                subject: t('mail.notice.deauthorized.subject'),
                paragraphs: [
                  t('mail.notice.deauthorized.removed'),
                  t('mail.notice.deauthorized.kept'),
                  t('mail.notice.deauthorized.again'),
                ],
                actionLabel: t('mail.notice.deauthorized.action'),
              }),
              actionUrl: `${appBaseUrl}/ecosystems`,
            },
            SYSTEM_NOTICE,
          );
        },
        onRecorded: (tx, id, receivedAt) => queueComplianceNotice(tx, queue, zoom, id, receivedAt),
      });
    },
    jobs: [
      handleJob(sendComplianceNoticeJob, sendComplianceNoticeHandler({ db, zoom, log })),
      handleJob(checkComplianceDeadlineJob, checkComplianceDeadlineHandler({ db, zoom, log })),
    ],
  };
}
