import { and, asc, count, eq, isNull, min, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AuditActor, AuditLog } from '../audit/service.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import type { VehiclesService } from '../vehicles/service.js';
import defaultChecklist from './default-checklist.json' with { type: 'json' };
import type { ApplicableItem, ChecklistItem, ChecklistSection, CreateItemInput, UpdateItemInput } from './api-schemas.js';
import { checklistItems, type ChecklistItemRow } from './schema.js';

const applicableColumns = {
  id: checklistItems.id,
  section: checklistItems.section,
  item_name: checklistItems.itemName,
  order: checklistItems.order,
};

function toApiItem(row: ChecklistItemRow): ChecklistItem {
  return {
    id: row.id,
    section: row.section,
    item_name: row.itemName,
    order: row.order,
    vehicle_types: row.vehicleTypes,
    is_active: row.isActive,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/**
 * The one rule of which items a vehicle type fills in: active, and meant for every type or for
 * this one. `vehicleType` is a value or a column (the submit path joins it to the unit's type).
 */
export function applicableTo(vehicleType: string | SQLWrapper): SQL {
  return and(eq(checklistItems.isActive, true), or(isNull(checklistItems.vehicleTypes), sql`${vehicleType} = any(${checklistItems.vehicleTypes})`))!;
}

/** " rem  depan " → "REM DEPAN": sections group by exact text, so spelling is made uniform. */
const normalizeSection = (section: string) => section.trim().replace(/\s+/g, ' ').toUpperCase();
const normalizeName = (name: string) => name.trim().replace(/\s+/g, ' ');

export class ChecklistService {
  constructor(
    private readonly db: Db,
    private readonly vehicles: VehiclesService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Active items that apply to a vehicle type, in checklist order. */
  applicableItems(vehicleType: string): Promise<ApplicableItem[]> {
    return this.db
      .select(applicableColumns)
      .from(checklistItems)
      .where(applicableTo(vehicleType))
      .orderBy(asc(checklistItems.order), asc(checklistItems.id));
  }

  /** What a driver fills in for a unit; without a unit, every active item. */
  async itemsFor(vehicleId: number | undefined): Promise<ApplicableItem[]> {
    if (vehicleId === undefined) {
      return this.db
        .select(applicableColumns)
        .from(checklistItems)
        .where(eq(checklistItems.isActive, true))
        .orderBy(asc(checklistItems.order), asc(checklistItems.id));
    }
    const vehicle = await this.vehicles.summary(vehicleId);
    if (!vehicle) throw new DomainError('VEHICLE_NOT_FOUND', `Unit dengan id ${vehicleId} tidak ditemukan`);
    return this.applicableItems(vehicle.vehicle_type);
  }

  /** Every item, retired ones included, for the admin screen (a checklist is tens of items: no paging). */
  async listAll(filter: { is_active?: boolean } = {}): Promise<ChecklistItem[]> {
    const rows = await this.db
      .select()
      .from(checklistItems)
      .where(filter.is_active === undefined ? undefined : eq(checklistItems.isActive, filter.is_active))
      .orderBy(asc(checklistItems.order), asc(checklistItems.id));
    return rows.map(toApiItem);
  }

  async get(id: number): Promise<ChecklistItem> {
    return toApiItem(await this.requireRow(id));
  }

  async create(actor: AuditActor | null, input: CreateItemInput): Promise<ChecklistItem> {
    const vehicleTypes = await this.resolveTypes(input.vehicle_types);
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(checklistItems)
        .values({
          section: normalizeSection(input.section),
          itemName: normalizeName(input.item_name),
          order: input.order,
          vehicleTypes: vehicleTypes ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const item = toApiItem(row!);
      await this.audit.record(tx, { actor, action: 'create', entity: 'checklist_item', entityId: item.id, before: null, after: item });
      return item;
    });
  }

  /** `actor`: who edited it; null for the demo seed. */
  async update(actor: AuditActor | null, id: number, input: UpdateItemInput): Promise<ChecklistItem> {
    await this.requireRow(id);
    const changes: Partial<typeof checklistItems.$inferInsert> = { updatedAt: this.clock() };
    if (input.section !== undefined) changes.section = normalizeSection(input.section);
    if (input.item_name !== undefined) changes.itemName = normalizeName(input.item_name);
    if (input.order !== undefined) changes.order = input.order;
    if (input.vehicle_types !== undefined) changes.vehicleTypes = await this.resolveTypes(input.vehicle_types);
    if (input.is_active !== undefined) changes.isActive = input.is_active;
    return this.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(checklistItems).where(eq(checklistItems.id, id)).for('update');
      const [row] = await tx.update(checklistItems).set(changes).where(eq(checklistItems.id, id)).returning();
      const before = toApiItem(locked!);
      const after = toApiItem(row!);
      const action = before.is_active && !after.is_active ? 'deactivate' : 'update';
      await this.audit.recordChange(tx, { actor, action, entity: 'checklist_item', entityId: id, before, after });
      return after;
    });
  }

  /** DELETE retires: submitted reports refer to the item, so it is never removed. */
  retire(actor: AuditActor | null, id: number): Promise<ChecklistItem> {
    return this.update(actor, id, { is_active: false });
  }

  /** Sections of the active checklist, in the order of their first item. */
  async sections(): Promise<ChecklistSection[]> {
    const first = min(checklistItems.order);
    const rows = await this.db
      .select({ section: checklistItems.section, order: first, item_count: count() })
      .from(checklistItems)
      .where(eq(checklistItems.isActive, true))
      .groupBy(checklistItems.section)
      .orderBy(asc(first), asc(checklistItems.section));
    return rows.map((r) => ({ section: r.section, order: r.order ?? 0, item_count: r.item_count }));
  }

  /** On a new database: the default vehicle types and the 39-item default checklist. */
  async installDefaults(): Promise<boolean> {
    await this.vehicles.ensureTypes(defaultChecklist.vehicle_types);
    const [existing] = await this.db.select({ total: count() }).from(checklistItems);
    if ((existing?.total ?? 0) > 0) return false;
    await this.db.insert(checklistItems).values(
      defaultChecklist.items.map((item) => ({ section: item.section, itemName: item.item_name, order: item.order, vehicleTypes: null })),
    );
    return true;
  }

  private async resolveTypes(names: string[] | null | undefined): Promise<string[] | null> {
    if (names == null) return null;
    return this.vehicles.resolveTypes(names, 'vehicle_types');
  }

  private async requireRow(id: number): Promise<ChecklistItemRow> {
    const [row] = await this.db.select().from(checklistItems).where(eq(checklistItems.id, id));
    if (!row) throw new DomainError('CHECKLIST_ITEM_NOT_FOUND', `Item checklist dengan id ${id} tidak ditemukan`);
    return row;
  }
}
