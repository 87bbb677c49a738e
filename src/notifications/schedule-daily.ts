import type { Logger } from 'pino';
import { scheduleClaimedJob } from '../cluster/scheduled-job.js';
import type { ScheduleClaims } from '../cluster/schedule-claims.js';
import { localTime } from '../lib/time.js';

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * Which missed daily run is still worth running late. `today`: only today's (a digest or summary is
 * about the day it is queued on, so yesterday's run would only repeat today's); `latest`: the latest
 * one whatever its day (the per-document expiry scan announces every threshold passed meanwhile).
 */
export type CatchUp = 'today' | 'latest';

export function worthCatchingUp(dueAt: Date, now: Date, timeZone: string, catchUp: CatchUp): boolean {
  return catchUp === 'latest' || localTime(dueAt, timeZone).date === localTime(now, timeZone).date;
}

/**
 * A once-a-day job at `at` in `timeZone`, run once per day by whichever worker claims it first
 * (schedule_runs), and caught up after a start past its time (the process was down, started late,
 * or the worker that claimed it died). The job itself also makes repeats harmless (a once-only key
 * per day), so even `npm run summary:check` after the schedule queues nothing more.
 */
export function scheduleDaily(options: {
  job: string;
  name: string;
  at: TimeOfDay;
  timeZone: string;
  catchUp: CatchUp;
  claims: ScheduleClaims;
  now: () => Date;
  run: () => Promise<object>;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}): { stop(): Promise<void> } {
  return scheduleClaimedJob({
    job: options.job,
    name: options.name,
    pattern: `${options.at.minute} ${options.at.hour} * * *`,
    timeZone: options.timeZone,
    claims: options.claims,
    // Renewed while it runs, so a first scan of a large fleet may take longer than this.
    leaseMs: 2 * 60_000,
    now: options.now,
    catchUp: (dueAt, now) => worthCatchingUp(dueAt, now, options.timeZone, options.catchUp),
    run: () => options.run(),
    log: options.log,
  });
}
