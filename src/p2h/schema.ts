import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, numeric, pgEnum, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { checklistItems } from '../checklist/schema.js';
import { users } from '../users/schema.js';
import { vehicles } from '../vehicles/schema.js';

import { P2H_STATUSES } from './values.js';

export { P2H_STATUSES, type P2hStatus } from './values.js';
export const p2hStatusEnum = pgEnum('p2h_status', P2H_STATUSES);

export const p2hReports = pgTable(
  'p2h_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    vehicleId: integer('vehicle_id')
      .notNull()
      .references(() => vehicles.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    shiftNumber: smallint('shift_number').notNull(),
    /** The day the shift belongs to in P2H_TIMEZONE (a night shift after midnight counts for the day before). */
    operationalDate: date('operational_date', { mode: 'string' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    odometer: numeric('odometer', { precision: 12, scale: 1 }),
    overallStatus: p2hStatusEnum('overall_status').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: integer('deleted_by').references(() => users.id),
    /** Made on the phone when the report was filled, so a resend after a lost answer is not a second report. */
    clientSubmissionId: uuid('client_submission_id'),
    /** When the driver filled it, for a report that waited offline; null when sent at once. */
    inspectedAt: timestamp('inspected_at', { withTimezone: true }),
    /** Where the driver was, with their permission. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    locationAccuracyM: real('location_accuracy_m'),
  },
  (t) => [
    // The guarantee of one report per unit, slot and day; a soft-deleted report frees its slot.
    uniqueIndex('p2h_reports_slot_key')
      .on(t.vehicleId, t.operationalDate, t.shiftNumber)
      .where(sql`${t.deletedAt} is null`),
    index('p2h_reports_date_idx').on(t.operationalDate),
    // A phone's submission id is unique per user: the resend of a report whose answer was lost.
    uniqueIndex('p2h_reports_client_submission_key').on(t.userId, t.clientSubmissionId).where(sql`${t.clientSubmissionId} is not null`),
    // The report list's order (newest first) alone and with its common filters, so a page is read
    // off an index instead of sorting the whole table; the user one also serves a driver's history.
    index('p2h_reports_list_idx').on(t.submittedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.deletedAt} is null`),
    index('p2h_reports_user_list_idx').on(t.userId, t.submittedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.deletedAt} is null`),
    index('p2h_reports_vehicle_list_idx').on(t.vehicleId, t.submittedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.deletedAt} is null`),
  ],
);

export const p2hReportDetails = pgTable(
  'p2h_report_details',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer('report_id')
      .notNull()
      .references(() => p2hReports.id, { onDelete: 'cascade' }),
    checklistItemId: integer('checklist_item_id')
      .notNull()
      .references(() => checklistItems.id),
    /** Copied from the item when answered, so a later rename does not rewrite history. */
    section: text('section').notNull(),
    itemName: text('item_name').notNull(),
    status: p2hStatusEnum('status').notNull(),
    keterangan: text('keterangan'),
  },
  (t) => [uniqueIndex('p2h_report_details_item_key').on(t.reportId, t.checklistItemId)],
);

export type P2hReportRow = typeof p2hReports.$inferSelect;
