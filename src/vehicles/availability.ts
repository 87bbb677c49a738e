/** Availability of a unit over a date range, from its out-of-service periods. Pure. */

export interface ServicePeriod {
  from: Date;
  /** null while the unit is still out of service. */
  to: Date | null;
  reason: string;
}

export interface Availability {
  hours_total: number;
  hours_out_of_service: number;
  availability_percent: number;
  periods: { from: string; to: string | null; reason: string }[];
}

const HOUR = 3_600_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Hours in [start, end) — end clipped to `now`, since the future has no availability yet — and the
 * hours of it the unit spent out of service. Overlapping periods count once. Periods are reported as
 * stored (an open one with `to: null`), limited to those touching the range.
 */
export function availabilityOver(periods: readonly ServicePeriod[], start: Date, end: Date, now: Date): Availability {
  const until = Math.min(end.getTime(), now.getTime());
  const from = start.getTime();
  const totalMs = Math.max(0, until - from);
  const touching = periods.filter((p) => p.from.getTime() < until && (p.to === null || p.to.getTime() > from));
  const clipped = touching
    .map((p) => [Math.max(p.from.getTime(), from), Math.min(p.to?.getTime() ?? until, until)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let outMs = 0;
  let coveredTo = -Infinity;
  for (const [a, b] of clipped) {
    const begin = Math.max(a, coveredTo);
    if (b > begin) outMs += b - begin;
    coveredTo = Math.max(coveredTo, b);
  }
  return {
    hours_total: round2(totalMs / HOUR),
    hours_out_of_service: round2(outMs / HOUR),
    availability_percent: totalMs === 0 ? 100 : round2(((totalMs - outMs) / totalMs) * 100),
    periods: touching.map((p) => ({ from: p.from.toISOString(), to: p.to?.toISOString() ?? null, reason: p.reason })),
  };
}
