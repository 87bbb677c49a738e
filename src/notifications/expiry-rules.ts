/**
 * When a document-expiry alert is due. Pure calendar arithmetic on `YYYY-MM-DD` strings: no clock,
 * no time zone. The caller decides what "today" is (the local date in P2H_TIMEZONE).
 *
 * Each alert has a *slot key*. The caller records (document, expiry_date, key) under a unique
 * constraint and sends only when the insert succeeds, so:
 * - each slot is announced once per expiry date (no "same alert every day forever");
 * - a scan missed while the system was down yields the slot for the *current* state at the next
 *   run: one catch-up alert, not one per threshold that passed meanwhile;
 * - renewing a document (new expiry_date) starts the sequence again.
 */

/** Days before expiry at which a document is announced (d30 … d0); after expiry, weekly (w1, w2, …). */
export const THRESHOLDS = [30, 14, 7, 3, 1, 0] as const;

/** Documents further from expiry than this are not announced. */
export const FIRST_THRESHOLD = THRESHOLDS[0];

export interface DueExpiryAlert {
  /** `d30`, `d14`, `d7`, `d3`, `d1`, `d0` before/on the expiry date; `w1`, `w2`, … per week expired. */
  key: string;
  /** Calendar days from today to the expiry date: 0 on the expiry date, negative once expired. */
  daysLeft: number;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything that is not a real calendar date. */
function epochDay(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear avoids that, and the round trip rejects 2026-02-30.
  back.setUTCFullYear(year, month - 1, day);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`Invalid date: ${date}`);
  }
  return Math.round(back.getTime() / DAY_MS);
}

/**
 * Calendar days from `from` to `to` (`YYYY-MM-DD`): positive when `to` is later.
 * Computed in UTC, so daylight-saving changes and leap years cannot shift it by a day.
 */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/**
 * The alert slot a document is in today, or undefined when it is more than 30 days from expiry.
 * Before expiry: the smallest threshold not smaller than daysLeft (20 days → d30, 10 → d14, 5 → d7,
 * 2 → d3, 1 → d1, 0 → d0). After expiry: `w${ceil(daysExpired / 7)}` (1–7 days → w1, 8–14 → w2, …).
 */
export function dueExpiryAlert(expiryDate: string, today: string): DueExpiryAlert | undefined {
  const daysLeft = daysBetween(today, expiryDate);
  if (daysLeft > FIRST_THRESHOLD) return undefined;
  if (daysLeft < 0) return { key: `w${Math.ceil(-daysLeft / 7)}`, daysLeft };
  let slot: number = FIRST_THRESHOLD;
  for (const threshold of THRESHOLDS) if (daysLeft <= threshold) slot = threshold;
  return { key: `d${slot}`, daysLeft };
}

export type ExpiryUrgency = 'expired' | 'urgent' | 'warning';

/** ≤ 0 days: expired (stop operasi); ≤ 7: very urgent; otherwise a warning. */
export function expiryUrgency(daysLeft: number): ExpiryUrgency {
  if (daysLeft <= 0) return 'expired';
  if (daysLeft <= 7) return 'urgent';
  return 'warning';
}

/**
 * The slot key of dueExpiryAlert as a SQL expression over an integer day count (expiry − today),
 * built from THRESHOLDS so both follow one list; the scan uses it to skip already-announced slots
 * in the database. Meaningful only for daysLeft ≤ FIRST_THRESHOLD.
 */
export function dueExpiryKeySql(daysLeft: string): string {
  const ascending = [...THRESHOLDS].sort((a, b) => a - b);
  const before = ascending.map((t) => `when ${daysLeft} <= ${t} then 'd${t}'`).join(' ');
  // ceil(n / 7) in integer arithmetic: (n + 6) / 7.
  return `(case when ${daysLeft} < 0 then 'w' || ((-(${daysLeft}) + 6) / 7) ${before} end)`;
}
