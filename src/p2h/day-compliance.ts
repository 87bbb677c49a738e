import { and, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import type { VehicleSummary } from '../vehicles/service.js';
import { operationalDate } from './operational-day.js';
import { p2hReports } from './schema.js';

export interface DayCompliance {
  /** Active units that may run (out-of-service units need no P2H and are not counted). */
  total_units: number;
  /** Of those, units with at least one P2H on their current operational day. */
  inspected_units: number;
  /** The others, by unit code. */
  missing: { vehicle_id: number; unit_code: string; plate_number: string }[];
}

/**
 * Today's compliance for the daily summary: which units have a P2H on their current operational
 * day (a shift unit's day turns at 05:00, a non-shift unit's at midnight) and which have none yet.
 */
export async function dayCompliance(db: Executor, units: readonly VehicleSummary[], now: Date, timeZone: string): Promise<DayCompliance> {
  const running = units.filter((u) => !u.out_of_service);
  const dayOf = (unit: VehicleSummary) => operationalDate(now, timeZone, unit.shift_type);
  const dates = [...new Set(running.map(dayOf))];
  const inspected = new Set<string>();
  if (dates.length > 0) {
    const rows = await db
      .selectDistinct({ vehicleId: p2hReports.vehicleId, date: p2hReports.operationalDate })
      .from(p2hReports)
      .where(and(inArray(p2hReports.operationalDate, dates), isNull(p2hReports.deletedAt)));
    for (const row of rows) inspected.add(`${row.vehicleId}|${row.date}`);
  }
  const missing = running
    .filter((u) => !inspected.has(`${u.id}|${dayOf(u)}`))
    .map((u) => ({ vehicle_id: u.id, unit_code: u.unit_code, plate_number: u.plate_number }))
    .sort((a, b) => a.unit_code.localeCompare(b.unit_code));
  return { total_units: running.length, inspected_units: running.length - missing.length, missing };
}
