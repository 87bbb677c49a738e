import { and, asc, count, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { VehiclesService } from '../vehicles/service.js';
import defaultChecklist from './default-checklist.json' with { type: 'json' };
import { checklistItems } from './schema.js';

export interface ApplicableItem {
  id: number;
  section: string;
  item_name: string;
  order: number;
}

export class ChecklistService {
  constructor(
    private readonly db: Db,
    private readonly vehicles: VehiclesService,
  ) {}

  /** Active items that apply to a vehicle type, in checklist order. */
  applicableItems(vehicleType: string): Promise<ApplicableItem[]> {
    return this.db
      .select({ id: checklistItems.id, section: checklistItems.section, item_name: checklistItems.itemName, order: checklistItems.order })
      .from(checklistItems)
      .where(
        and(
          eq(checklistItems.isActive, true),
          or(isNull(checklistItems.vehicleTypes), sql`${vehicleType} = any(${checklistItems.vehicleTypes})`),
        ),
      )
      .orderBy(asc(checklistItems.order), asc(checklistItems.id));
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
}
