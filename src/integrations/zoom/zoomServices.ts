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
          subject: 'Reconnect Zoom to keep your meetings in sync',
          paragraphs: [
            'Zoom no longer accepts Ekosistem App’s access to your Zoom account, so new Zoom meetings cannot be created and cancelled ones cannot be removed.',
            'Open Lets Meet → Manage and click “Reconnect Zoom”. Waiting meetings will be created and removed as soon as you do.',
          ],
          actionUrl: `${appBaseUrl}/ecosystems`,
          actionLabel: 'Reconnect Zoom',
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
              subject: 'Ekosistem App was removed from your Zoom account',
              paragraphs: [
                'You (or your Zoom admin) removed Ekosistem App from Zoom. We deleted your Zoom tokens and will no longer create or remove Zoom meetings for you.',
                'Zoom meetings that were already created stay on your Zoom account. Records waiting for a Zoom meeting have been marked so you can change their location.',
                'To use Zoom again, connect it on Lets Meet → Manage.',
              ],
              actionUrl: `${appBaseUrl}/ecosystems`,
              actionLabel: 'Open Ekosistem App',
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
