import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Items are retired (is_active = false), never deleted: old reports refer to them. */
export const checklistItems = pgTable(
  'checklist_items',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    section: text('section').notNull(),
    itemName: text('item_name').notNull(),
    order: integer('order').notNull(),
    /** Vehicle types the item applies to; null means every type. */
    vehicleTypes: text('vehicle_types').array(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('checklist_items_order_idx').on(t.order)],
);

export type ChecklistItemRow = typeof checklistItems.$inferSelect;
