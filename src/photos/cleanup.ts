import type { Logger } from 'pino';
import { scheduleClaimedJob } from '../cluster/scheduled-job.js';
import type { ScheduleClaims } from '../cluster/schedule-claims.js';

/**
 * Every hour, the photos nobody attached within 24 hours (an answer abandoned, a report never sent)
 * are removed with their files (PhotosService.removeAbandoned). Each row is deleted only while still
 * unattached, so a repeat never removes a photo that was just attached; each hour is claimed
 * (schedule_runs), so one worker of many does the work.
 */
export function schedulePhotoCleanup(options: {
  removeAbandoned: () => Promise<number>;
  claims: ScheduleClaims;
  now: () => Date;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}): { stop(): Promise<void> } {
  return scheduleClaimedJob({
    job: 'photo-cleanup',
    name: 'removal of photos not attached within 24 hours',
    // Minute 17, away from the top of the hour where other jobs cluster.
    pattern: '17 * * * *',
    claims: options.claims,
    leaseMs: 10 * 60_000,
    now: options.now,
    run: async () => ({ removed: await options.removeAbandoned() }),
    worthLogging: (result) => result.removed > 0,
    log: options.log,
  });
}
