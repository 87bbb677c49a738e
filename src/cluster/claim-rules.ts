/**
 * Who runs a scheduled job's due time, as plain rules: the claims in `schedule_runs` apply them.
 * A run is claimed once; a finished run is never run again; a claim whose holder neither finished
 * nor renewed it within the lease (the process died, or the run failed) may be taken over.
 */

export interface ScheduleRunState {
  claimedBy: string;
  claimedAt: Date;
  finishedAt: Date | null;
}

export type ClaimDecision =
  /** Nobody holds it, or the holder's lease ran out: this process runs it now. */
  | { kind: 'take_over' }
  /** Done once already (by anyone): nothing to do. */
  | { kind: 'finished' }
  /** Someone else is running it within their lease. */
  | { kind: 'held'; by: string; leaseEndsAt: Date };

export function claimDecision(existing: ScheduleRunState, now: Date, leaseMs: number): ClaimDecision {
  if (existing.finishedAt) return { kind: 'finished' };
  const leaseEndsAt = new Date(existing.claimedAt.getTime() + leaseMs);
  if (now.getTime() >= leaseEndsAt.getTime()) return { kind: 'take_over' };
  return { kind: 'held', by: existing.claimedBy, leaseEndsAt };
}

/** How often a running claim is renewed: a few times per lease, so one late renewal never loses it. */
export function renewEvery(leaseMs: number): number {
  return Math.max(1_000, Math.floor(leaseMs / 3));
}
