import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { vehicles, vehicleTypes, type ShiftType } from './schema.js';

/** What other features need to know about a unit. */
export interface VehicleSummary {
  id: number;
  unit_code: string;
  plate_number: string;
  vehicle_type: string;
  shift_type: ShiftType;
  brand: string | null;
  is_active: boolean;
}

const summaryColumns = {
  id: vehicles.id,
  unit_code: vehicles.unitCode,
  plate_number: vehicles.plateNumber,
  vehicle_type: vehicles.vehicleType,
  shift_type: vehicles.shiftType,
  brand: vehicles.brand,
  is_active: vehicles.isActive,
};

export class VehiclesService {
  constructor(private readonly db: Db) {}

  async summary(id: number): Promise<VehicleSummary | undefined> {
    const [row] = await this.db.select(summaryColumns).from(vehicles).where(eq(vehicles.id, id));
    return row;
  }

  async summariesByIds(ids: number[]): Promise<Map<number, VehicleSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.select(summaryColumns).from(vehicles).where(inArray(vehicles.id, unique));
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Active units, ordered by unit code: the rows of the compliance board. */
  listActiveSummaries(): Promise<VehicleSummary[]> {
    return this.db.select(summaryColumns).from(vehicles).where(and(eq(vehicles.isActive, true))).orderBy(asc(vehicles.unitCode));
  }

  async typeNames(): Promise<string[]> {
    const rows = await this.db.select({ name: vehicleTypes.name }).from(vehicleTypes).orderBy(asc(vehicleTypes.name));
    return rows.map((r) => r.name);
  }

  async ensureTypes(names: string[]): Promise<void> {
    if (names.length === 0) return;
    await this.db
      .insert(vehicleTypes)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing();
  }
}
