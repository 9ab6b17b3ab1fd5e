/** What the provision and remove jobs need (and the request path that tries them at once). */
import type { Db } from '../db/client.ts';
import type { JobQueue } from '../jobs/jobQueue.ts';
import type { Logger } from '../logger.ts';
import type { MeetingProvider } from './provider.ts';

export interface ProviderJobDeps {
  db: Db;
  queue: Pick<JobQueue, 'enqueue' | 'discard'>;
  provider: MeetingProvider;
  appBaseUrl: string;
  log: Logger;
  now: () => Date;
}
