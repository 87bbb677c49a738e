/**
 * Whether a unit may run. Two independent reasons keep it out of service — an unresolved ABNORMAL
 * defect (kept up to date by the defects feature) and an admin's hold — and every change of the
 * resulting state opens or closes a service period, from which availability is computed.
 */
import { and, asc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { vehicles, vehicleServicePeriods } from './schema.js';
import type { ServicePeriod } from './availability.js';

export type OperationalStatus = 'ready' | 'out_of_service';

export interface UnitState {
  operational_status: OperationalStatus;
  out_of_service_reason: string | null;
  out_of_service_since: string | null;
}

interface StateColumns {
  holdReason: string | null;
  defectStopReason: string | null;
  outOfServiceSince: Date | null;
}

/** The unsafe defect is named first: it is what a security post has to stop the unit for. */
export function unitStateOf(row: StateColumns): UnitState {
  const reason = row.defectStopReason ?? row.holdReason;
  return {
    operational_status: reason === null ? 'ready' : 'out_of_service',
    out_of_service_reason: reason,
    out_of_service_since: reason === null ? null : (row.outOfServiceSince?.toISOString() ?? null),
  };
}

export interface StateChange {
  before: OperationalStatus;
  after: OperationalStatus;
}

/**
 * Sets one of the two reasons (undefined leaves it as it is) on a locked row, then opens or closes
 * the service period when the unit's state flips. Runs inside the caller's transaction.
 */
export async function changeUnitState(
  tx: Executor,
  vehicleId: number,
  patch: { holdReason?: string | null; defectStopReason?: string | null },
  at: Date,
): Promise<StateChange | undefined> {
  const [row] = await tx
    .select({ holdReason: vehicles.holdReason, defectStopReason: vehicles.defectStopReason, outOfServiceSince: vehicles.outOfServiceSince })
    .from(vehicles)
    .where(eq(vehicles.id, vehicleId))
    // NO KEY UPDATE, not UPDATE: a report being filed on this unit holds KEY SHARE on it (its foreign
    // key) while it waits for the unit's defect lock, and FOR UPDATE would wait for that report.
    .for('no key update');
  if (!row) return undefined;
  const next = {
    holdReason: patch.holdReason === undefined ? row.holdReason : patch.holdReason,
    defectStopReason: patch.defectStopReason === undefined ? row.defectStopReason : patch.defectStopReason,
  };
  const before = unitStateOf(row).operational_status;
  const after: OperationalStatus = next.holdReason === null && next.defectStopReason === null ? 'ready' : 'out_of_service';
  const outOfServiceSince = after === 'ready' ? null : (row.outOfServiceSince ?? at);
  await tx
    .update(vehicles)
    .set({ ...next, outOfServiceSince, updatedAt: at })
    .where(eq(vehicles.id, vehicleId));
  if (before === 'ready' && after === 'out_of_service') {
    const reason = next.defectStopReason ?? next.holdReason ?? '';
    await tx.insert(vehicleServicePeriods).values({ vehicleId, startedAt: at, reason });
  } else if (before === 'out_of_service' && after === 'ready') {
    await tx
      .update(vehicleServicePeriods)
      .set({ endedAt: at })
      .where(and(eq(vehicleServicePeriods.vehicleId, vehicleId), isNull(vehicleServicePeriods.endedAt)));
  }
  return { before, after };
}

/** The unit's service periods that touch [from, to). */
export async function servicePeriods(db: Executor, vehicleId: number, from: Date, to: Date): Promise<ServicePeriod[]> {
  const rows = await db
    .select({ from: vehicleServicePeriods.startedAt, to: vehicleServicePeriods.endedAt, reason: vehicleServicePeriods.reason })
    .from(vehicleServicePeriods)
    .where(
      and(
        eq(vehicleServicePeriods.vehicleId, vehicleId),
        lt(vehicleServicePeriods.startedAt, to),
        or(isNull(vehicleServicePeriods.endedAt), gt(vehicleServicePeriods.endedAt, from)),
      ),
    )
    .orderBy(asc(vehicleServicePeriods.startedAt));
  return rows;
}
