import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.js';

import { DOCUMENT_TYPES, SHIFT_TYPES } from './values.js';

export { DOCUMENT_TYPES, SHIFT_TYPES, type DocumentType, type ShiftType } from './values.js';
export const shiftTypeEnum = pgEnum('shift_type', SHIFT_TYPES);
export const documentTypeEnum = pgEnum('document_type', DOCUMENT_TYPES);

export const vehicleTypes = pgTable('vehicle_types', {
  name: text('name').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const vehicles = pgTable(
  'vehicles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** As painted on the unit, upper-cased with single spaces: "P.309". */
    unitCode: text('unit_code').notNull(),
    /** Letters and digits only ("P309"): unique, and what a search for "p309" matches. */
    unitCodeKey: text('unit_code_key').notNull(),
    plateNumber: text('plate_number').notNull(),
    plateKey: text('plate_key').notNull(),
    vehicleType: text('vehicle_type')
      .notNull()
      .references(() => vehicleTypes.name, { onUpdate: 'cascade' }),
    shiftType: shiftTypeEnum('shift_type').notNull(),
    brand: text('brand'),
    assignedDriverId: integer('assigned_driver_id').references(() => users.id),
    isActive: boolean('is_active').notNull().default(true),
    /** Set while an admin holds the unit out of service by hand (POST …/out-of-service). */
    holdReason: text('hold_reason'),
    /** Set while an ABNORMAL defect is unresolved: the defects feature keeps it up to date. */
    defectStopReason: text('defect_stop_reason'),
    /** Set exactly while the unit is out of service (either reason); orders such units first. */
    outOfServiceSince: timestamp('out_of_service_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vehicles_unit_code_key_key').on(t.unitCodeKey),
    index('vehicles_plate_key_idx').on(t.plateKey),
    index('vehicles_assigned_driver_idx').on(t.assignedDriverId),
  ],
);

/** One row per vehicle and document, so "everything expiring before X" is a range scan on one index. */
export const vehicleDocuments = pgTable(
  'vehicle_documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    vehicleId: integer('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    documentType: documentTypeEnum('document_type').notNull(),
    expiryDate: date('expiry_date', { mode: 'string' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vehicle_documents_vehicle_type_key').on(t.vehicleId, t.documentType),
    index('vehicle_documents_expiry_idx').on(t.expiryDate),
  ],
);

/** Each time a unit was out of service, for availability: `endedAt` null while it still is. */
export const vehicleServicePeriods = pgTable(
  'vehicle_service_periods',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    vehicleId: integer('vehicle_id')
      .notNull()
      .references(() => vehicles.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    reason: text('reason').notNull(),
  },
  (t) => [
    index('vehicle_service_periods_vehicle_idx').on(t.vehicleId, t.startedAt),
    uniqueIndex('vehicle_service_periods_open_key').on(t.vehicleId).where(sql`${t.endedAt} is null`),
  ],
);

export type VehicleRow = typeof vehicles.$inferSelect;
