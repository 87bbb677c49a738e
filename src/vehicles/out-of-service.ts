import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { vehicles } from './schema.js';

export interface OutOfServiceUnit {
  vehicle_id: number;
  unit_code: string;
  plate_number: string;
  /** The unresolved ABNORMAL defect first, else the admin's hold. */
  reason: string;
  since: Date;
}

/** Active units that may not run now (an unresolved ABNORMAL defect or an admin's hold), longest out first. */
export async function unitsOutOfService(db: Executor): Promise<OutOfServiceUnit[]> {
  const rows = await db
    .select({
      vehicle_id: vehicles.id,
      unit_code: vehicles.unitCode,
      plate_number: vehicles.plateNumber,
      reason: sql<string | null>`coalesce(${vehicles.defectStopReason}, ${vehicles.holdReason})`,
      since: vehicles.outOfServiceSince,
    })
    .from(vehicles)
    .where(and(eq(vehicles.isActive, true), isNotNull(vehicles.outOfServiceSince)))
    .orderBy(asc(vehicles.outOfServiceSince), asc(vehicles.unitCode));
  return rows.map((r) => ({ ...r, reason: r.reason ?? '', since: new Date(r.since!) }));
}
