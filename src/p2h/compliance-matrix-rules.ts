/** The monthly compliance matrix's rules: plain functions, no I/O. */
import { addDays, localTime, startOfLocalDay } from '../lib/time.js';
import type { ShiftType } from '../vehicles/values.js';
import type { MatrixStatus, P2hStatus } from './values.js';

export { MATRIX_STATUSES, type MatrixStatus } from './values.js';

/** Hour (local) at which a unit's operational day starts, as in operational-day.ts. */
const DAY_START_HOUR: Record<ShiftType, number> = { shift: 5, long_shift: 5, non_shift: 0 };

/** How far ahead a month may be asked for: the next month (planning), nothing later. */
const MONTHS_AHEAD_ALLOWED = 1;

export type MonthCheck = { ok: true; days: string[] } | { ok: false; message: string };

/** "2026-02" → its days, or why not: not a month, or more than a month ahead of `today` (YYYY-MM-DD). */
export function monthDays(month: string, today: string): MonthCheck {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const monthNumber = Number(match?.[2]);
  if (!match || monthNumber < 1 || monthNumber > 12 || year < 2000) return { ok: false, message: 'harus berbentuk YYYY-MM, bulan 01–12' };
  const [thisYear, thisMonth] = today.split('-').map(Number) as [number, number];
  if ((year - thisYear) * 12 + (monthNumber - thisMonth) > MONTHS_AHEAD_ALLOWED) return { ok: false, message: 'paling jauh bulan depan' };
  const days: string[] = [];
  for (let day = `${month}-01`; day.startsWith(month); day = addDays(day, 1)) days.push(day);
  return { ok: true, days };
}

export interface CellFacts {
  date: string;
  /** The unit's current operational day: later days are the future. */
  today: string;
  filedSlots: number;
  requiredSlots: number;
  /** The unit was out of service at some time of that operational day. */
  outOfService: boolean;
}

/**
 * Every slot filed is complete even on a day the unit was stopped; otherwise a stop excuses the
 * missing slots (a stopped unit needs no P2H), else some filed is partial and none missing.
 */
export function cellStatus(facts: CellFacts): MatrixStatus {
  if (facts.date > facts.today) return 'future';
  if (facts.filedSlots >= facts.requiredSlots) return 'complete';
  if (facts.outOfService) return 'out_of_service';
  return facts.filedSlots > 0 ? 'partial' : 'missing';
}

const SEVERITY: Record<P2hStatus, number> = { normal: 0, warning: 1, abnormal: 2 };

/** The worst of a day's report statuses; null when there was no report. */
export function worstStatus(statuses: readonly P2hStatus[]): P2hStatus | null {
  let worst: P2hStatus | null = null;
  for (const status of statuses) if (worst === null || SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

export interface Period {
  from: Date;
  /** null while still out of service. */
  to: Date | null;
}

/** The instants an operational day runs over: shift units 05:00–05:00 local, non-shift midnight to midnight. */
export function operationalDayBounds(date: string, timeZone: string, shiftType: ShiftType): { start: Date; end: Date } {
  const offset = DAY_START_HOUR[shiftType] * 3_600_000;
  return {
    start: new Date(startOfLocalDay(date, timeZone).getTime() + offset),
    end: new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() + offset),
  };
}

export interface DayBounds {
  date: string;
  start: Date;
  end: Date;
}

/** The operational days of a month for one shift type: computed once per request, not per unit. */
export const monthBounds = (days: readonly string[], timeZone: string, shiftType: ShiftType): DayBounds[] =>
  days.map((date) => ({ date, ...operationalDayBounds(date, timeZone, shiftType) }));

/** The days on which any of the periods overlaps the unit's operational day, up to `now`. */
export function outOfServiceDays(periods: readonly Period[], days: readonly DayBounds[], now: Date): Set<string> {
  const out = new Set<string>();
  for (const day of days) {
    const until = Math.min(day.end.getTime(), now.getTime());
    if (periods.some((p) => p.from.getTime() < until && (p.to === null || p.to.getTime() > day.start.getTime()))) out.add(day.date);
  }
  return out;
}

/** The calendar month of an instant in a zone, for the default month. */
export const monthOf = (instant: Date, timeZone: string) => localTime(instant, timeZone).date.slice(0, 7);
