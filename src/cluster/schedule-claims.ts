import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { claimDecision } from './claim-rules.js';
import { scheduleRuns } from './schema.js';

export type ClaimOutcome = { kind: 'claimed'; tookOverFrom: string | null } | { kind: 'finished' } | { kind: 'held'; by: string };

/**
 * Claims of scheduled runs in `schedule_runs`, one row per (job, due time), shared by every worker:
 * the first to insert the row runs it; a finished row is never run again; an unfinished one whose
 * lease ran out (its holder died or failed) is taken over under a row lock, so only one process wins.
 */
export class ScheduleClaims {
  constructor(
    private readonly db: Db,
    /** This process (system_processes.id): written as claimed_by. */
    readonly holder: string,
    private readonly clock: Clock,
  ) {}

  async claim(job: string, dueAt: Date, leaseMs: number): Promise<ClaimOutcome> {
    const now = this.clock();
    const inserted = await this.db
      .insert(scheduleRuns)
      .values({ job, dueAt, claimedBy: this.holder, claimedAt: now })
      .onConflictDoNothing()
      .returning({ job: scheduleRuns.job });
    if (inserted.length > 0) return { kind: 'claimed', tookOverFrom: null };
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(scheduleRuns).where(this.run(job, dueAt)).for('update');
      // Pruned between the insert and here (only runs weeks old are): the next attempt inserts it.
      if (!row) return { kind: 'held' as const, by: 'nobody' };
      const decision = claimDecision(row, now, leaseMs);
      if (decision.kind === 'finished') return { kind: 'finished' as const };
      if (decision.kind === 'held') return { kind: 'held' as const, by: decision.by };
      await tx.update(scheduleRuns).set({ claimedBy: this.holder, claimedAt: now, result: null }).where(this.run(job, dueAt));
      return { kind: 'claimed' as const, tookOverFrom: row.claimedBy };
    });
  }

  /** Keeps this process's claim alive while it runs; false when it no longer holds it. */
  async renew(job: string, dueAt: Date): Promise<boolean> {
    const renewed = await this.db
      .update(scheduleRuns)
      .set({ claimedAt: this.clock() })
      .where(and(this.run(job, dueAt), eq(scheduleRuns.claimedBy, this.holder), isNull(scheduleRuns.finishedAt)))
      .returning({ job: scheduleRuns.job });
    return renewed.length > 0;
  }

  /** Marks the run done with what it did, while this process still holds it; false otherwise. */
  async finish(job: string, dueAt: Date, result: object): Promise<boolean> {
    const finished = await this.db
      .update(scheduleRuns)
      .set({ finishedAt: this.clock(), result })
      .where(and(this.run(job, dueAt), eq(scheduleRuns.claimedBy, this.holder), isNull(scheduleRuns.finishedAt)))
      .returning({ job: scheduleRuns.job });
    return finished.length > 0;
  }

  /**
   * Records why the run failed and leaves it unfinished: once its lease runs out (no renewal now),
   * the next check of any worker, this one included, runs it again.
   */
  async fail(job: string, dueAt: Date, error: string): Promise<void> {
    await this.db
      .update(scheduleRuns)
      .set({ result: { error } })
      .where(and(this.run(job, dueAt), eq(scheduleRuns.claimedBy, this.holder), isNull(scheduleRuns.finishedAt)));
  }

  /** Forgets runs due before `before` (the every-minute jobs add 1 440 rows a day). */
  async pruneBefore(before: Date): Promise<number> {
    const removed = await this.db.delete(scheduleRuns).where(lt(scheduleRuns.dueAt, before)).returning({ job: scheduleRuns.job });
    return removed.length;
  }

  private run(job: string, dueAt: Date) {
    return and(eq(scheduleRuns.job, job), eq(scheduleRuns.dueAt, dueAt));
  }
}
