import { and, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Actor } from '../users/service.js';
import type { VehicleSummary } from '../vehicles/service.js';
import type { Compliance } from './api-schemas.js';
import { complianceColor, operationalDate, SLOTS_PER_DAY } from './operational-day.js';
import { p2hReports } from './schema.js';
import { fileableSlots, mayReportForUnit } from './slot-rules.js';

/** One unit's day on the board; `open_slots` are the slots the caller may still file now (empty for any other day). */
export type UnitCompliance = Compliance;

export interface ComplianceQuestion {
  actor: Actor;
  units: VehicleSummary[];
  now: Date;
  timezone: string;
  assignedOnly: boolean;
  /** Without a date, each unit's current operational day (a shift unit's turns at 05:00, a non-shift unit's at midnight). */
  date?: string;
}

/** Which slots each unit has done on a day, and which the caller may still file. */
export async function complianceBoard(db: Db, question: ComplianceQuestion): Promise<UnitCompliance[]> {
  const { actor, units, now, timezone } = question;
  const today = (unit: VehicleSummary) => operationalDate(now, timezone, unit.shift_type);
  const dayOf = (unit: VehicleSummary) => question.date ?? today(unit);
  const dates = [...new Set(units.map(dayOf))];
  const done = new Map<string, Set<number>>();
  if (dates.length > 0) {
    const rows = await db
      .selectDistinct({ vehicleId: p2hReports.vehicleId, date: p2hReports.operationalDate, slot: p2hReports.shiftNumber })
      .from(p2hReports)
      .where(and(inArray(p2hReports.operationalDate, dates), isNull(p2hReports.deletedAt)));
    for (const row of rows) {
      const key = `${row.vehicleId}|${row.date}`;
      done.set(key, (done.get(key) ?? new Set()).add(row.slot));
    }
  }
  // Stopped units first: the board is where a security post looks for the units that may not leave.
  const ordered = [...units.filter((u) => u.out_of_service), ...units.filter((u) => !u.out_of_service)];
  return ordered.map((unit) => {
    const day = dayOf(unit);
    const required = SLOTS_PER_DAY[unit.shift_type];
    const slots = [...(done.get(`${unit.id}|${day}`) ?? [])].filter((s) => s <= required).sort();
    const mayFile =
      day === today(unit) &&
      mayReportForUnit({ assignedOnly: question.assignedOnly, assignedDriverId: unit.assigned_driver_id, actorId: actor.id, role: actor.role });
    return {
      vehicle_id: unit.id,
      unit_code: unit.unit_code,
      plate_number: unit.plate_number,
      shift_type: unit.shift_type,
      operational_date: day,
      required_slots: required,
      done_slots: slots,
      open_slots: mayFile ? fileableSlots(now, timezone, unit.shift_type, actor.role).filter((s) => !slots.includes(s)) : [],
      color: complianceColor(slots.length, required),
      out_of_service: unit.out_of_service,
      out_of_service_reason: unit.out_of_service_reason,
    };
  });
}
