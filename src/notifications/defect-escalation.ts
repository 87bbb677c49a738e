import type { Logger } from 'pino';
import { scheduleClaimedJob } from '../cluster/scheduled-job.js';
import type { ScheduleClaims } from '../cluster/schedule-claims.js';

/**
 * Every minute, the ABNORMAL defects nobody took within DEFECT_ESCALATE_MINUTES are announced to the
 * group. The scheduler only enqueues: `escalate` (DefectsService.escalateDue) marks each defect in
 * the transaction that writes its message, so a repeat never announces one twice, and the delivery
 * worker sends it. Each minute is claimed (schedule_runs), so one worker of many does the work.
 */
export function scheduleDefectEscalation(options: {
  escalate: () => Promise<number>;
  claims: ScheduleClaims;
  now: () => Date;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}): { stop(): Promise<void> } {
  return scheduleClaimedJob({
    job: 'defect-escalation',
    name: 'escalation of ABNORMAL defects nobody took',
    pattern: '* * * * *',
    claims: options.claims,
    leaseMs: 60_000,
    now: options.now,
    // A missed minute is not caught up: the next one finds the same defects.
    run: async () => ({ escalated: await options.escalate() }),
    worthLogging: (result) => result.escalated > 0,
    log: options.log,
  });
}
