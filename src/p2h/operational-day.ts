import type { ShiftType } from '../vehicles/schema.js';

export const SLOTS_PER_DAY: Record<ShiftType, number> = { shift: 3, long_shift: 2, non_shift: 1 };

/** Hour (local) at which the operational day starts: shift work days run 05:00–05:00. */
const DAY_START_HOUR: Record<ShiftType, number> = { shift: 5, long_shift: 5, non_shift: 0 };

export interface LocalTime {
  date: string; // YYYY-MM-DD
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock date and time of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** "2026-01-21" minus one day → "2026-01-20" (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** The day a P2H belongs to: before 05:00 a shift unit's inspection still counts for the previous day. */
export function operationalDate(instant: Date, timeZone: string, shiftType: ShiftType): string {
  const local = localTime(instant, timeZone);
  return local.hour < DAY_START_HOUR[shiftType] ? addDays(local.date, -1) : local.date;
}

/**
 * The slot a driver most likely means at this time, from the usual windows
 * (shift 06–15 / 15–23 / 23–06, long shift 06–18 / 18–06). An hour early counts for the next slot
 * rather than being refused, so 05:xx is slot 1.
 */
export function suggestedSlot(instant: Date, timeZone: string, shiftType: ShiftType): number {
  const { hour } = localTime(instant, timeZone);
  switch (shiftType) {
    case 'shift':
      return hour >= 5 && hour < 15 ? 1 : hour >= 15 && hour < 23 ? 2 : 3;
    case 'long_shift':
      return hour >= 5 && hour < 18 ? 1 : 2;
    case 'non_shift':
      return 1;
  }
}

export type ComplianceColor = 'green' | 'yellow' | 'red';

/** green = every slot done, yellow = some, red = none. */
export function complianceColor(doneSlots: number, requiredSlots: number): ComplianceColor {
  if (doneSlots >= requiredSlots) return 'green';
  return doneSlots > 0 ? 'yellow' : 'red';
}

/** WITA for Asia/Makassar, WIB for Asia/Jakarta, WIT for Asia/Jayapura; the zone's own short name elsewhere. */
export function timeZoneAbbreviation(timeZone: string): string {
  const indonesian: Record<string, string> = {
    'Asia/Jakarta': 'WIB',
    'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  if (indonesian[timeZone]) return indonesian[timeZone];
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
