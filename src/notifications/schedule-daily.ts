import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';
import { localTime } from '../lib/time.js';

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/** Whether today's run (at `at`, local time in `timeZone`) is already due at `now`: a start after it catches up. */
export function dueToday(now: Date, at: TimeOfDay, timeZone: string): boolean {
  const local = localTime(now, timeZone);
  return local.hour * 60 + local.minute >= at.hour * 60 + at.minute;
}

/**
 * A once-a-day job at `at` in `timeZone` (croner), plus a catch-up run at start when today's time has
 * already passed (the process was down, or started late). The job itself makes repeats harmless (a
 * once-only key per day), so two processes or a restart after the run queue nothing more.
 */
export function scheduleDaily(options: {
  name: string;
  at: TimeOfDay;
  timeZone: string;
  now: () => Date;
  run: () => Promise<object>;
  log: Pick<FastifyBaseLogger, 'info' | 'error'>;
}): { stop(): void } {
  const runLogged = async (why: string) => {
    try {
      const fields: Record<string, unknown> = { ...(await options.run()), why };
      options.log.info(fields, `${options.name} done`);
    } catch (error) {
      options.log.error({ err: error, why }, `${options.name} failed`);
    }
  };
  const job = new Cron(`${options.at.minute} ${options.at.hour} * * *`, { timezone: options.timeZone, protect: true }, () => runLogged('schedule'));
  if (dueToday(options.now(), options.at, options.timeZone)) void runLogged('start-up catch-up');
  return { stop: () => job.stop() };
}
