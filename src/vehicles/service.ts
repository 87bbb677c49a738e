import { and, asc, count, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { AuditActor, AuditLog } from '../audit/service.js';
import { pageOffset, type Paging } from '../lib/paging.js';
import { uniqueViolation, type Db, type Executor } from '../db/client.js';
import { addDays, startOfLocalDay } from '../lib/time.js';
import { availabilityOver, type Availability } from './availability.js';
import { changeUnitState, servicePeriods, unitStateOf, type StateChange } from './unit-state.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import { escapeLike } from '../users/service.js';
import { recordUnitChange } from './audit.js';
import {
  documentChanges,
  countDocumentsExpiringBefore,
  documentsExpiringBefore,
  documentsFor,
  writeDocuments,
  type DocumentExpiries,
  type ExpiringDocument,
} from './documents.js';
import type { CreateVehicleInput, UpdateVehicleInput, Vehicle, VehicleListQuery } from './api-schemas.js';
import { requireAssignableDriver, type UserLookup } from './drivers.js';
import { vehicles, vehicleTypes, type DocumentType, type VehicleRow } from './schema.js';
import { addTypeName, listTypeNames, resolveTypeNames } from './types.js';
import { normalizePlate, normalizeUnitCode, searchKey } from './unit-code.js';

/** What other features need to know about a unit. */
export type VehicleSummary = Pick<Vehicle, 'id' | 'unit_code' | 'plate_number' | 'vehicle_type' | 'shift_type' | 'brand' | 'is_active' | 'assigned_driver_id' | 'out_of_service' | 'out_of_service_reason'>;

export type { ExpiringDocument };

/** The columns of a VehicleSummary; exported so a feature's one-query read (P2H submit) selects the same. */
export const vehicleSummaryColumns = {
  id: vehicles.id,
  unit_code: vehicles.unitCode,
  plate_number: vehicles.plateNumber,
  vehicle_type: vehicles.vehicleType,
  shift_type: vehicles.shiftType,
  brand: vehicles.brand,
  is_active: vehicles.isActive,
  assigned_driver_id: vehicles.assignedDriverId,
  out_of_service: sql<boolean>`${vehicles.outOfServiceSince} is not null`,
  out_of_service_reason: sql<string | null>`coalesce(${vehicles.defectStopReason}, ${vehicles.holdReason})`,
};

export function toVehicle(row: VehicleRow, documents: DocumentExpiries): Vehicle {
  return {
    id: row.id,
    unit_code: row.unitCode,
    plate_number: row.plateNumber,
    vehicle_type: row.vehicleType,
    shift_type: row.shiftType,
    brand: row.brand,
    assigned_driver_id: row.assignedDriverId,
    is_active: row.isActive,
    out_of_service: row.outOfServiceSince !== null,
    ...unitStateOf(row),
    ...documents,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export const cleanBrand = (brand: string | null | undefined) => brand?.trim().replace(/\s+/g, ' ') || null;

export class VehiclesService {
  constructor(
    private readonly db: Db,
    private readonly findUser: UserLookup,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** `actor`: who registered it; null for the demo seed. */
  async create(actor: AuditActor | null, input: CreateVehicleInput): Promise<Vehicle> {
    const [vehicleType] = await resolveTypeNames(this.db, [input.vehicle_type], 'vehicle_type');
    if (input.assigned_driver_id != null) await requireAssignableDriver(this.findUser, input.assigned_driver_id);
    const unitCode = normalizeUnitCode(input.unit_code);
    const plate = normalizePlate(input.plate_number);
    // Vehicle and documents commit together: a refused unit code leaves no stray documents.
    const id = await this.unitCodeConflict(unitCode, () =>
      this.db.transaction(async (tx) => {
        const now = this.clock();
        const [row] = await tx
          .insert(vehicles)
          .values({
            unitCode,
            unitCodeKey: searchKey(unitCode),
            plateNumber: plate,
            plateKey: searchKey(plate),
            vehicleType: vehicleType!,
            shiftType: input.shift_type,
            brand: cleanBrand(input.brand),
            assignedDriverId: input.assigned_driver_id ?? null,
            // From the clock like every later update, so updated_at never runs backwards.
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: vehicles.id });
        await writeDocuments(tx, row!.id, documentChanges(input), now);
        await recordUnitChange(this.audit, tx, actor, 'create', null, await this.viewIn(tx, row!.id));
        return row!.id;
      }),
    );
    return this.get(id);
  }

  /** One page of units ordered by unit code; documents for that page come in one further query. */
  async list(query: VehicleListQuery & Paging): Promise<{ items: Vehicle[]; total: number }> {
    const filters: SQL[] = [eq(vehicles.isActive, query.is_active ?? true)];
    // Type names are few and typed by hand: "bus" filters Bus.
    if (query.vehicle_type) filters.push(sql`lower(${vehicles.vehicleType}) = ${query.vehicle_type.trim().toLowerCase()}`);
    if (query.shift_type) filters.push(eq(vehicles.shiftType, query.shift_type));
    // Keys hold letters and digits only, so "p309" finds "P.309" and "kt1234" finds "KT 1234 AB".
    const key = query.q ? searchKey(query.q) : '';
    if (key) {
      const term = `%${escapeLike(key)}%`;
      filters.push(or(like(vehicles.unitCodeKey, term), like(vehicles.plateKey, term))!);
    }
    const where = and(...filters);
    const [rows, [totalRow]] = await Promise.all([
      this.db
        .select()
        .from(vehicles)
        .where(where)
        // Units that may not run come first: that is what a coordinator and a security post look for.
        .orderBy(sql`${vehicles.outOfServiceSince} is null`, asc(vehicles.unitCode), asc(vehicles.id))
        .limit(query.page_size)
        .offset(pageOffset(query)),
      this.db.select({ total: count() }).from(vehicles).where(where),
    ]);
    return { items: await this.withDocuments(rows), total: totalRow?.total ?? 0 };
  }

  async get(id: number): Promise<Vehicle> {
    const [item] = await this.withDocuments([await this.requireRow(id)]);
    return item!;
  }

  async update(actor: AuditActor | null, id: number, input: UpdateVehicleInput): Promise<Vehicle> {
    const current = await this.requireRow(id);
    const changes: Partial<typeof vehicles.$inferInsert> = { updatedAt: this.clock() };
    if (input.unit_code !== undefined) {
      changes.unitCode = normalizeUnitCode(input.unit_code);
      changes.unitCodeKey = searchKey(changes.unitCode);
    }
    if (input.plate_number !== undefined) {
      changes.plateNumber = normalizePlate(input.plate_number);
      changes.plateKey = searchKey(changes.plateNumber);
    }
    if (input.vehicle_type !== undefined) [changes.vehicleType] = await resolveTypeNames(this.db, [input.vehicle_type], 'vehicle_type');
    if (input.shift_type !== undefined) changes.shiftType = input.shift_type;
    if (input.brand !== undefined) changes.brand = cleanBrand(input.brand);
    if (input.is_active !== undefined) changes.isActive = input.is_active;
    if (input.assigned_driver_id !== undefined) {
      // Only a new assignment is checked: re-sending a whole edit form must not fail on an unchanged driver.
      if (input.assigned_driver_id !== null && input.assigned_driver_id !== current.assignedDriverId) {
        await requireAssignableDriver(this.findUser, input.assigned_driver_id);
      }
      changes.assignedDriverId = input.assigned_driver_id;
    }
    await this.unitCodeConflict(changes.unitCode ?? current.unitCode, () =>
      this.db.transaction(async (tx) => {
        const before = await this.viewIn(tx, id, true);
        await tx.update(vehicles).set(changes).where(eq(vehicles.id, id));
        await writeDocuments(tx, id, documentChanges(input), this.clock());
        const after = await this.viewIn(tx, id);
        await recordUnitChange(this.audit, tx, actor, before.is_active && !after.is_active ? 'deactivate' : 'update', before, after);
      }),
    );
    return this.get(id);
  }

  /** DELETE deactivates: reports keep pointing at the unit. */
  deactivate(actor: AuditActor | null, id: number): Promise<Vehicle> {
    return this.update(actor, id, { is_active: false });
  }

  /**
   * Keeps the defect reason for being out of service, inside the defects feature's transaction:
   * null once no ABNORMAL defect is unresolved. Says whether the unit's state flipped.
   */
  setDefectStop(tx: Executor, vehicleId: number, reason: string | null, at: Date): Promise<StateChange | undefined> {
    return changeUnitState(tx, vehicleId, { defectStopReason: reason }, at);
  }

  /** An admin holds a unit out of service by hand (a reason is required); holding again replaces the reason. */
  async holdOutOfService(actor: AuditActor | null, id: number, reason: string): Promise<Vehicle> {
    await this.requireRow(id);
    await this.db.transaction(async (tx) => {
      const before = await this.viewIn(tx, id, true);
      await changeUnitState(tx, id, { holdReason: reason.trim() }, this.clock());
      await recordUnitChange(this.audit, tx, actor, 'out_of_service', before, await this.viewIn(tx, id));
    });
    return this.get(id);
  }

  /** Ends an admin's hold; refused while an ABNORMAL defect keeps the unit stopped. */
  async returnToService(actor: AuditActor | null, id: number): Promise<Vehicle> {
    const row = await this.requireRow(id);
    if (row.defectStopReason !== null) {
      throw new DomainError('UNRESOLVED_ABNORMAL_DEFECT', `Unit ${row.unitCode} masih STOP OPERASI: ${row.defectStopReason}. Perbaiki atau tutup defect-nya dulu`);
    }
    await this.db.transaction(async (tx) => {
      const before = await this.viewIn(tx, id, true);
      await changeUnitState(tx, id, { holdReason: null }, this.clock());
      await recordUnitChange(this.audit, tx, actor, 'return_to_service', before, await this.viewIn(tx, id));
    });
    return this.get(id);
  }

  /** Hours out of service between two local dates (both included) in the P2H time zone. */
  async availability(id: number, range: { from: string; to: string }, timeZone: string): Promise<Availability> {
    await this.requireRow(id);
    const start = startOfLocalDay(range.from, timeZone);
    const end = startOfLocalDay(addDays(range.to, 1), timeZone);
    return availabilityOver(await servicePeriods(this.db, id, start, end), start, end, this.clock());
  }

  /** For the expiry scheduler and the admin list: documents of active units expiring on or before `date`. */
  documentsExpiringBefore(date: string, types?: DocumentType[]): Promise<ExpiringDocument[]> {
    return documentsExpiringBefore(this.db, date, { types });
  }

  countDocumentsExpiringBefore(date: string): Promise<number> {
    return countDocumentsExpiringBefore(this.db, date);
  }

  /** `executor`: the caller's open transaction, when there is one (PGlite has one connection). */
  async summary(id: number, executor: Executor = this.db): Promise<VehicleSummary | undefined> {
    const [row] = await executor.select(vehicleSummaryColumns).from(vehicles).where(eq(vehicles.id, id));
    return row;
  }

  async summariesByIds(ids: number[], executor: Executor = this.db): Promise<Map<number, VehicleSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await executor.select(vehicleSummaryColumns).from(vehicles).where(inArray(vehicles.id, unique));
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Active units, ordered by unit code: the rows of the compliance board. */
  listActiveSummaries(): Promise<VehicleSummary[]> {
    return this.db.select(vehicleSummaryColumns).from(vehicles).where(eq(vehicles.isActive, true)).orderBy(asc(vehicles.unitCode));
  }

  typeNames(): Promise<string[]> {
    return listTypeNames(this.db);
  }

  /** Stored spellings of typed type names; 422 UNKNOWN_VEHICLE_TYPE naming `field` when one is unknown. */
  resolveTypes(names: string[], field: string): Promise<string[]> {
    return resolveTypeNames(this.db, names, field);
  }

  /** A new vehicle type; 409 VEHICLE_TYPE_EXISTS when it exists in any letter case. */
  addType(name: string): Promise<string> {
    return addTypeName(this.db, name);
  }

  async ensureTypes(names: string[]): Promise<void> {
    if (names.length === 0) return;
    await this.db
      .insert(vehicleTypes)
      .values(names.map((name) => ({ name })))
      .onConflictDoNothing();
  }

  private async withDocuments(rows: VehicleRow[], executor: Executor = this.db): Promise<Vehicle[]> {
    const documents = await documentsFor(
      executor,
      rows.map((r) => r.id),
    );
    return rows.map((row) => toVehicle(row, documents.get(row.id)!));
  }

  /** The unit as GET shows it, read inside the transaction that changes it; `lock` holds the row until it commits. */
  private async viewIn(tx: Executor, id: number, lock = false): Promise<Vehicle> {
    const query = tx.select().from(vehicles).where(eq(vehicles.id, id));
    const [row] = lock ? await query.for('update') : await query;
    const [view] = await this.withDocuments([row!], tx);
    return view!;
  }

  private async requireRow(id: number): Promise<VehicleRow> {
    const [row] = await this.db.select().from(vehicles).where(eq(vehicles.id, id));
    if (!row) throw new DomainError('VEHICLE_NOT_FOUND', `Unit dengan id ${id} tidak ditemukan`);
    return row;
  }

  private async unitCodeConflict<T>(unitCode: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (uniqueViolation(error)?.constraint === 'vehicles_unit_code_key_key') {
        throw new DomainError('UNIT_CODE_EXISTS', `Nomor lambung ${unitCode} sudah terdaftar untuk unit lain`, {
          details: [{ field: 'unit_code', code: 'unit_code_exists', message: `${unitCode} sudah terdaftar` }],
        });
      }
      throw error;
    }
  }
}
