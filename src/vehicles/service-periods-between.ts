import { and, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { vehicleServicePeriods } from './schema.js';

export interface UnitServicePeriod {
  vehicle_id: number;
  from: Date;
  /** null while the unit is still out of service. */
  to: Date | null;
}

/** Every unit's out-of-service periods that touch [from, to), in one query (the compliance matrix's month). */
export function servicePeriodsBetween(db: Executor, from: Date, to: Date): Promise<UnitServicePeriod[]> {
  return db
    .select({ vehicle_id: vehicleServicePeriods.vehicleId, from: vehicleServicePeriods.startedAt, to: vehicleServicePeriods.endedAt })
    .from(vehicleServicePeriods)
    .where(and(lt(vehicleServicePeriods.startedAt, to), or(isNull(vehicleServicePeriods.endedAt), gt(vehicleServicePeriods.endedAt, from))));
}
