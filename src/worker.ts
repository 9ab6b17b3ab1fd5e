/**
 * The job registry: every capability's handlers, assembled here at the top so the queue
 * mechanism (src/jobs) never imports the capabilities it runs.
 */
import type { RegisteredJob } from './jobs/defineJob.ts';
import { handleJob } from './jobs/defineJob.ts';
import { sendMailBatchHandler, sendMailJob, sendMailHandler } from './mail/sendMailJob.ts';
import { createMailTransport, type MailTransport } from './mail/mailTransport.ts';
import { provisionMeetingJob, removeProviderMeetingJob } from './meetings/providerJobs.ts';
import { provisionMeeting } from './meetings/provisionMeeting.ts';
import { removeProviderMeetings } from './meetings/removeProviderMeetings.ts';
import { reconcileZoomWork, reconcileZoomWorkJob } from './meetings/reconcileZoomWork.ts';
import { sendReminder, sendReminderJob } from './meetings/reminders.ts';
import { expireRequest, expireRequestJob } from './meetings/approval.ts';
import type { AppDeps } from './appDeps.ts';

export function buildJobRegistry(
  deps: AppDeps,
  transport: MailTransport = createMailTransport({ smtpUrl: deps.config.smtpUrl }),
): RegisteredJob[] {
  const jobDeps = deps.providerJobs;
  return [
    handleJob(
      sendMailJob,
      sendMailHandler({ db: deps.database.db, transport }),
      sendMailBatchHandler({ db: deps.database.db, transport }),
    ),
    handleJob(provisionMeetingJob, (data, context) => provisionMeeting(jobDeps, data, context)),
    handleJob(removeProviderMeetingJob, (data, context) => removeProviderMeetings(jobDeps, data, context)),
    handleJob(sendReminderJob, async (data, context) => {
      const outcome = await sendReminder(jobDeps, data);
      context.log.info({ meetingId: data.meetingId, minutesBefore: data.minutesBefore, outcome }, 'reminder');
    }),
    handleJob(expireRequestJob, async (data, context) => {
      const outcome = await expireRequest(jobDeps, data);
      context.log.info({ meetingId: data.meetingId, outcome }, 'booking request expiry');
    }),
    handleJob(reconcileZoomWorkJob, async (_data, context) => {
      const report = await reconcileZoomWork(jobDeps);
      if (report.provisions || report.removals) context.log.info(report, 'reconciliation queued work');
    }),
  ];
}
