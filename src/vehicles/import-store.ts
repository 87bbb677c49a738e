import { eq, inArray } from 'drizzle-orm';
import type { AuditActor, AuditEntry, AuditLog } from '../audit/service.js';
import { uniqueViolation, type Db, type Executor } from '../db/client.js';
import { inBatches } from '../lib/batches.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import type { Vehicle } from './api-schemas.js';
import { unitChangeEntries } from './audit.js';
import { documentsFor, EXPIRY_FIELDS, writeDocuments, type DocumentChanges } from './documents.js';
import { vehicleDocuments, vehicles, DOCUMENT_TYPES, type ShiftType, type VehicleRow } from './schema.js';
import { toVehicle } from './service.js';
import { searchKey } from './unit-code.js';

/** One valid row of a units sheet, normalised; an absent brand or date leaves the stored one alone. */
export interface VehicleImportRow extends DocumentChanges {
  /** Its row in the sheet. */
  row: number;
  unit_code: string;
  unit_code_key: string;
  plate_number: string;
  vehicle_type: string;
  shift_type: ShiftType;
  brand?: string;
}

export interface PlannedVehicle {
  input: VehicleImportRow;
  action: 'create' | 'update' | 'unchanged';
  /** The unit as it is now; undefined for a new one. */
  current?: Vehicle;
}

/**
 * The vehicles feature's writes for a bulk import (imports never touch its tables themselves):
 * what each row would do, and doing all of it in one transaction, batched, with its audit entries.
 */
export class VehicleImportStore {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** What each row would do against the units stored now (a dry run). */
  plan(rows: VehicleImportRow[]): Promise<PlannedVehicle[]> {
    return this.planIn(this.db, rows, false);
  }

  /**
   * Plans again inside one transaction, with the matching units locked, and writes every create and
   * update with its audit entries: all or nothing. A unit created meanwhile by someone else → 409 IMPORT_CONFLICT.
   */
  async apply(actor: AuditActor | null, rows: VehicleImportRow[]): Promise<PlannedVehicle[]> {
    try {
      return await this.db.transaction(async (tx) => {
        const planned = await this.planIn(tx, rows, true);
        const now = this.clock();
        const entries: AuditEntry[] = [];
        for (const batch of inBatches(planned.filter((p) => p.action === 'create'))) entries.push(...(await this.createBatch(tx, actor, batch, now)));
        for (const batch of inBatches(planned.filter((p) => p.action === 'update'))) entries.push(...(await this.updateBatch(tx, actor, batch, now)));
        await this.audit.record(tx, entries);
        return planned;
      });
    } catch (error) {
      if (uniqueViolation(error)?.constraint === 'vehicles_unit_code_key_key') {
        throw new DomainError('IMPORT_CONFLICT', 'Ada unit yang baru saja didaftarkan orang lain dengan nomor lambung yang sama. Jalankan impor lagi');
      }
      throw error;
    }
  }

  private async planIn(executor: Executor, rows: VehicleImportRow[], lock: boolean): Promise<PlannedVehicle[]> {
    const current = new Map<string, Vehicle>();
    for (const batch of inBatches(rows)) {
      const query = executor.select().from(vehicles).where(inArray(vehicles.unitCodeKey, batch.map((r) => r.unit_code_key)));
      for (const view of await this.views(executor, lock ? await query.for('update') : await query)) current.set(searchKey(view.unit_code), view);
    }
    return rows.map((input) => {
      const stored = current.get(input.unit_code_key);
      if (!stored) return { input, action: 'create' };
      return { input, current: stored, action: changesOf(input, stored) ? 'update' : 'unchanged' };
    });
  }

  private async createBatch(tx: Executor, actor: AuditActor | null, batch: PlannedVehicle[], now: Date): Promise<AuditEntry[]> {
    const inserted = await tx
      .insert(vehicles)
      .values(
        batch.map(({ input }) => ({
          unitCode: input.unit_code,
          unitCodeKey: input.unit_code_key,
          plateNumber: input.plate_number,
          plateKey: searchKey(input.plate_number),
          vehicleType: input.vehicle_type,
          shiftType: input.shift_type,
          brand: input.brand ?? null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const idOf = new Map(inserted.map((row) => [row.unitCodeKey, row.id]));
    const documents = batch.flatMap(({ input }) =>
      DOCUMENT_TYPES.flatMap((type) => {
        const expiryDate = input[EXPIRY_FIELDS[type]];
        return expiryDate ? [{ vehicleId: idOf.get(input.unit_code_key)!, documentType: type, expiryDate, updatedAt: now }] : [];
      }),
    );
    for (const chunk of inBatches(documents)) await tx.insert(vehicleDocuments).values(chunk);
    return (await this.views(tx, inserted)).flatMap((view) => unitChangeEntries(actor, 'create', null, view));
  }

  private async updateBatch(tx: Executor, actor: AuditActor | null, batch: PlannedVehicle[], now: Date): Promise<AuditEntry[]> {
    for (const { input, current } of batch) {
      const changes = changesOf(input, current!)!;
      if (Object.keys(changes.unit).length > 0) await tx.update(vehicles).set({ ...changes.unit, updatedAt: now }).where(eq(vehicles.id, current!.id));
      await writeDocuments(tx, current!.id, changes.documents, now);
    }
    const rows = await tx.select().from(vehicles).where(inArray(vehicles.id, batch.map((p) => p.current!.id)));
    const after = new Map((await this.views(tx, rows)).map((view) => [view.id, view]));
    return batch.flatMap(({ current }) => unitChangeEntries(actor, 'update', current!, after.get(current!.id)!));
  }

  private async views(executor: Executor, rows: VehicleRow[]): Promise<Vehicle[]> {
    const documents = await documentsFor(executor, rows.map((r) => r.id));
    return rows.map((row) => toVehicle(row, documents.get(row.id)!));
  }
}

/** What a row changes on a stored unit; undefined when nothing. */
function changesOf(input: VehicleImportRow, stored: Vehicle): { unit: Partial<typeof vehicles.$inferInsert>; documents: DocumentChanges } | undefined {
  const unit: Partial<typeof vehicles.$inferInsert> = {};
  if (input.unit_code !== stored.unit_code) Object.assign(unit, { unitCode: input.unit_code, unitCodeKey: input.unit_code_key });
  if (input.plate_number !== stored.plate_number) Object.assign(unit, { plateNumber: input.plate_number, plateKey: searchKey(input.plate_number) });
  if (input.vehicle_type !== stored.vehicle_type) unit.vehicleType = input.vehicle_type;
  if (input.shift_type !== stored.shift_type) unit.shiftType = input.shift_type;
  if (input.brand !== undefined && input.brand !== stored.brand) unit.brand = input.brand;
  const documents: DocumentChanges = {};
  for (const field of Object.values(EXPIRY_FIELDS)) {
    if (input[field] !== undefined && input[field] !== stored[field]) documents[field] = input[field];
  }
  return Object.keys(unit).length > 0 || Object.keys(documents).length > 0 ? { unit, documents } : undefined;
}

