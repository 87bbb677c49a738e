import type { ShiftType } from '../vehicles/schema.js';
import { addDays, localTime } from '../lib/time.js';
import type { ComplianceColor } from './values.js';

// bench/notify-expiry.ts still imports these from here; their one definition is src/lib/time.ts.
export { addDays, localTime } from '../lib/time.js';

export const SLOTS_PER_DAY: Record<ShiftType, number> = { shift: 3, long_shift: 2, non_shift: 1 };

/** Hour (local) at which the operational day starts: shift work days run 05:00–05:00. */
const DAY_START_HOUR: Record<ShiftType, number> = { shift: 5, long_shift: 5, non_shift: 0 };

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

/** green = every slot done, yellow = some, red = none. */
export function complianceColor(doneSlots: number, requiredSlots: number): ComplianceColor {
  if (doneSlots >= requiredSlots) return 'green';
  return doneSlots > 0 ? 'yellow' : 'red';
}
