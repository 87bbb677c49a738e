import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Every minute, the ABNORMAL defects nobody took within DEFECT_ESCALATE_MINUTES are announced to the
 * group. The scheduler only enqueues: `escalate` (DefectsService.escalateDue) marks each defect in
 * the transaction that writes its message, so several workers or a restart never announce one twice,
 * and the delivery worker sends it. `protect` skips a tick while the previous one still runs.
 */
export function scheduleDefectEscalation(options: { escalate: () => Promise<number>; log: FastifyBaseLogger }): { stop(): void } {
  const run = async () => {
    try {
      const escalated = await options.escalate();
      if (escalated > 0) options.log.info({ escalated }, 'ABNORMAL defects nobody took were announced to the group');
    } catch (error) {
      options.log.error({ err: error }, 'defect escalation failed; retrying next minute');
    }
  };
  const job = new Cron('* * * * *', { protect: true }, run);
  return { stop: () => job.stop() };
}
