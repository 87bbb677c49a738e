import { Cron } from 'croner';
import type { Logger } from 'pino';
import { renewEvery } from './claim-rules.js';
import type { ScheduleClaims } from './schedule-claims.js';

/**
 * A croner tick may fire a few milliseconds off its time, and processes' clocks differ a little: the
 * due time is the schedule's latest time up to this much after now, the same instant in every process.
 * (croner's previousRuns works in whole seconds and leaves the reference second out: hence 2 s.)
 */
const DUE_TOLERANCE_MS = 2_000;

export interface ClaimedJobOptions<T extends object> {
  /** The key in schedule_runs, e.g. `expiry-digest`. */
  job: string;
  /** For the logs. */
  name: string;
  /** Cron pattern of the due times (croner), in `timeZone` when given. */
  pattern: string;
  timeZone?: string;
  claims: ScheduleClaims;
  /** How long a claim lives without renewal before another process may take the run over. */
  leaseMs: number;
  now: () => Date;
  /**
   * Which missed due time to run late: checked at start and every minute for the latest due time.
   * Without it a missed time is simply skipped (the next one does the same work).
   */
  catchUp?: (dueAt: Date, now: Date) => boolean;
  run: (dueAt: Date) => Promise<T>;
  /** Whether a result is worth an info line (every-minute jobs that did nothing stay quiet). */
  worthLogging?: (result: T) => boolean;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/** The schedule's latest due time at `now` (croner, in its time zone). */
export function latestDue(schedule: Cron, now: Date): Date | undefined {
  return schedule.previousRuns(1, new Date(now.getTime() + DUE_TOLERANCE_MS))[0];
}

/**
 * Runs a scheduled job once per due time whatever the number of workers: each due time is claimed in
 * schedule_runs, renewed while it runs and marked finished with its result. A job with `catchUp`
 * checks every minute for a due time nobody finished (this process was down, the holder died or the
 * run failed and its lease ran out) and runs it then.
 */
export function scheduleClaimedJob<T extends object>(options: ClaimedJobOptions<T>): { stop(): Promise<void> } {
  const { job, claims, log } = options;
  const schedule = new Cron(options.pattern, { timezone: options.timeZone, paused: true });
  let settled: number | undefined; // the latest due time known finished: no query for it again
  let running: Promise<void> | undefined;

  const attempt = async (dueAt: Date, why: string) => {
    if (settled === dueAt.getTime()) return;
    const claim = await claims.claim(job, dueAt, options.leaseMs);
    if (claim.kind === 'finished') {
      settled = dueAt.getTime();
      return;
    }
    if (claim.kind === 'held') return;
    if (claim.tookOverFrom) log.warn({ job, due_at: dueAt, from: claim.tookOverFrom }, `${options.name}: took over a run its holder did not finish`);
    const renewal = setInterval(() => {
      claims.renew(job, dueAt).then(
        (held) => held || log.warn({ job, due_at: dueAt }, `${options.name}: another process took this run over`),
        (error: unknown) => log.warn({ err: error, job }, `${options.name}: could not renew the claim`),
      );
    }, renewEvery(options.leaseMs)).unref();
    try {
      const result = await options.run(dueAt);
      clearInterval(renewal);
      await claims.finish(job, dueAt, result);
      settled = dueAt.getTime();
      const fields: Record<string, unknown> = { ...result, job, due_at: dueAt, why };
      if (options.worthLogging?.(result) ?? true) log.info(fields, `${options.name} done`);
    } catch (error) {
      clearInterval(renewal);
      log.error({ err: error, job, due_at: dueAt, why }, `${options.name} failed; retried once its claim's lease runs out`);
      await claims.fail(job, dueAt, error instanceof Error ? error.message : String(error)).catch(() => {});
    }
  };

  const check = () => {
    const now = options.now();
    const dueAt = latestDue(schedule, now);
    if (!dueAt) return;
    if (options.catchUp && !options.catchUp(dueAt, now)) return;
    const why = now.getTime() - dueAt.getTime() < 60_000 ? 'schedule' : 'catch-up';
    running ??= attempt(dueAt, why)
      .catch((error: unknown) => log.error({ err: error, job }, `${options.name}: could not claim the run`))
      .finally(() => {
        running = undefined;
      });
  };

  // A catch-up job looks every minute (its due time included); the others tick at their due times.
  const ticker = new Cron(options.catchUp ? '* * * * *' : options.pattern, { timezone: options.timeZone }, check);
  if (options.catchUp) check();
  return {
    /** Stops the schedule and waits for a run in progress, so its result is written before the database closes. */
    stop: async () => {
      ticker.stop();
      schedule.stop();
      await running;
    },
  };
}
