import type { ShiftType } from '../../api/types';
import type { I18n } from '../../i18n';
import { appHour } from '../../i18n/format';

const SLOT_COUNT: Record<ShiftType, number> = { shift: 3, long_shift: 2, non_shift: 1 };

export function slotsFor(shiftType: ShiftType): number[] {
  return Array.from({ length: SLOT_COUNT[shiftType] }, (_, i) => i + 1);
}

export function slotLabel(t: I18n['t'], shiftType: ShiftType, slot: number): string {
  return shiftType === 'non_shift' ? t('common.daily') : t('common.shift', { n: slot });
}

/**
 * The slot a driver most likely means now, by the usual windows (shift 06–15 / 15–23 / 23–06,
 * long shift 06–18 / 18–06), on the phone's clock read in WITA, among the slots the server says are open;
 * a slot already done gives way to the first open one.
 */
export function suggestedSlot(shiftType: ShiftType, now: Date, done: number[], open: number[]): number | undefined {
  const hour = appHour(now);
  let byTime = 1;
  if (shiftType === 'shift') byTime = hour >= 6 && hour < 15 ? 1 : hour >= 15 && hour < 23 ? 2 : 3;
  if (shiftType === 'long_shift') byTime = hour >= 6 && hour < 18 ? 1 : 2;
  const fileable = (slot: number) => open.includes(slot) && !done.includes(slot);
  if (fileable(byTime)) return byTime;
  return slotsFor(shiftType).find(fileable);
}
