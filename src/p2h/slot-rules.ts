import type { Role } from '../users/schema.js';
import { isAdmin } from '../users/rules.js';
import type { ShiftType } from '../vehicles/schema.js';
import { localTime } from '../lib/time.js';
import { SLOTS_PER_DAY } from './operational-day.js';

/** Local minutes after midnight; a window whose `closes` is before `opens` runs past midnight. */
interface SlotWindow {
  slot: number;
  opens: number;
  closes: number;
}

const at = (hour: number, minute = 0) => hour * 60 + minute;

/**
 * When a driver may file each slot: the usual windows (shift 06–15 / 15–23 / 23–06, long shift
 * 06–18 / 18–06), opening an hour early (being early is not refused) and closing 30 minutes late,
 * so a form started just before the end still goes through. Night slots end at 05:00, where the
 * next operational day begins; a non-shift unit's one slot is open all its day.
 */
const DRIVER_WINDOWS: Record<ShiftType, SlotWindow[]> = {
  shift: [
    { slot: 1, opens: at(5), closes: at(15, 30) },
    { slot: 2, opens: at(14), closes: at(23, 30) },
    { slot: 3, opens: at(22), closes: at(5) },
  ],
  long_shift: [
    { slot: 1, opens: at(5), closes: at(18, 30) },
    { slot: 2, opens: at(17), closes: at(5) },
  ],
  non_shift: [{ slot: 1, opens: at(0), closes: at(24) }],
};

export interface OpenSlot {
  slot: number;
  /** Local HH:MM until which it stays open. */
  until: string;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function contains(window: SlotWindow, minute: number): boolean {
  return window.opens < window.closes ? minute >= window.opens && minute < window.closes : minute >= window.opens || minute < window.closes;
}

/** The slots a driver may file at this instant (one, or two where the next one's early hour overlaps). */
export function driverOpenSlots(instant: Date, timeZone: string, shiftType: ShiftType): OpenSlot[] {
  const { hour, minute } = localTime(instant, timeZone);
  return DRIVER_WINDOWS[shiftType]
    .filter((window) => contains(window, at(hour, minute)))
    .map((window) => ({ slot: window.slot, until: hhmm(window.closes) }));
}

export interface SlotQuestion {
  instant: Date;
  timeZone: string;
  shiftType: ShiftType;
  slot: number;
  role: Role;
}

export type SlotDecision = { ok: true } | { ok: false; code: 'SLOT_NOT_OPEN'; open: OpenSlot[] };

/**
 * May this person file this slot now? The operational day is always the clock's, so nobody files
 * another day; an admin may file any slot of it (a missed or early inspection), a driver only an
 * open one, so nobody can fill the day's slots at its start and block the real inspections.
 */
export function slotDecision(question: SlotQuestion): SlotDecision {
  if (isAdmin(question.role)) return { ok: true };
  const open = driverOpenSlots(question.instant, question.timeZone, question.shiftType);
  return open.some((o) => o.slot === question.slot) ? { ok: true } : { ok: false, code: 'SLOT_NOT_OPEN', open };
}

/** The slots this person may file now on a unit: every slot for an admin, the open ones for a driver. */
export function fileableSlots(instant: Date, timeZone: string, shiftType: ShiftType, role: Role): number[] {
  if (isAdmin(role)) return Array.from({ length: SLOTS_PER_DAY[shiftType] }, (_, i) => i + 1);
  return driverOpenSlots(instant, timeZone, shiftType).map((o) => o.slot);
}

/** "shift 1 sampai 15:30 WITA dan shift 2 sampai 23:30 WITA": what the refusal tells the driver. */
export function describeOpenSlots(open: OpenSlot[], zone: string): string {
  return open.map((o) => `shift ${o.slot} sampai ${o.until} ${zone}`).join(' dan ');
}

/**
 * With P2H_ASSIGNED_ONLY a unit that has an assigned driver takes reports from that driver or an
 * admin; a unit with no assigned driver (a pool unit) takes anyone's.
 */
export function mayReportForUnit(input: { assignedOnly: boolean; assignedDriverId: number | null; actorId: number; role: Role }): boolean {
  if (!input.assignedOnly || input.assignedDriverId === null || isAdmin(input.role)) return true;
  return input.assignedDriverId === input.actorId;
}
