/**
 * The jobs through which a provider meeting follows its record (docs/product.md §4): provision after a
 * create/reschedule, remove after a cancel/reschedule. Payloads carry ids only; handlers re-read
 * the record, so a job written by older code or run twice does the right thing.
 *
 * expireInSeconds (60) exceeds the longest Zoom call (30 s timeout, src/integrations/zoom), so an
 * attempt still `active` after it belonged to a process that died; pg-boss then retries it.
 */
import { z } from 'zod';
import { defineJob } from '../jobs/defineJob.ts';

export const provisionMeetingJob = defineJob(
  'meetings.provision',
  z.object({ meetingId: z.uuid(), ecosystemId: z.uuid() }),
  { retryLimit: 12, retryDelay: 10, retryBackoff: true, retryDelayMax: 3600, expireInSeconds: 60 },
);

/**
 * Deletes are retried at most 30 s apart (an hour of tries; reconciliation re-drives anything
 * left after that), so once Zoom is back after an outage of any length, every cancelled
 * meeting is gone within about 30 s rather than after the hour-long gaps of a plain backoff.
 */
export const removeProviderMeetingJob = defineJob(
  'meetings.remove-provider-meeting',
  z.object({ meetingId: z.uuid(), ecosystemId: z.uuid() }),
  { retryLimit: 120, retryDelay: 10, retryBackoff: true, retryDelayMax: 30, expireInSeconds: 60 },
);
