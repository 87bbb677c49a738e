import { Cron } from 'croner';
import type { Logger } from 'pino';

/**
 * Every hour, the photos nobody attached within 24 hours (an answer abandoned, a report never sent)
 * are removed with their files (PhotosService.removeAbandoned). Each row is deleted only while still
 * unattached, so several workers or a restart never remove a photo that was just attached.
 * `protect` skips a tick while the previous one still runs.
 */
export function schedulePhotoCleanup(options: { removeAbandoned: () => Promise<number>; log: Pick<Logger, 'info' | 'error'> }): { stop(): void } {
  const run = async () => {
    try {
      const removed = await options.removeAbandoned();
      if (removed > 0) options.log.info({ removed }, 'removed photos not attached within 24 hours');
    } catch (error) {
      options.log.error({ err: error }, 'photo cleanup failed; retrying next hour');
    }
  };
  // Minute 17, away from the top of the hour where other jobs cluster.
  const job = new Cron('17 * * * *', { protect: true }, run);
  return { stop: () => job.stop() };
}
