import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { checklistItems } from '../checklist/schema.js';
import { p2hReports } from '../p2h/schema.js';
import { users } from '../users/schema.js';
import { vehicles } from '../vehicles/schema.js';
import { DEFECT_ACTIONS, DEFECT_SEVERITIES, DEFECT_STATUSES } from './values.js';

export const defectStatusEnum = pgEnum('defect_status', DEFECT_STATUSES);
export const defectSeverityEnum = pgEnum('defect_severity', DEFECT_SEVERITIES);
export const defectActionEnum = pgEnum('defect_action', DEFECT_ACTIONS);

/** A fault of one unit's checklist item, followed from the first report to a verified repair. */
export const defects = pgTable(
  'defects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    vehicleId: integer('vehicle_id')
      .notNull()
      .references(() => vehicles.id),
    checklistItemId: integer('checklist_item_id')
      .notNull()
      .references(() => checklistItems.id),
    /** Copied when opened, like report answers, so a later rename does not rewrite history. */
    itemName: text('item_name').notNull(),
    severity: defectSeverityEnum('severity').notNull(),
    status: defectStatusEnum('status').notNull().default('open'),
    /** The latest remark the drivers wrote. */
    remark: text('remark'),
    reportedCount: integer('reported_count').notNull().default(1),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    openedById: integer('opened_by_id')
      .notNull()
      .references(() => users.id),
    /** null when reported outside a P2H (POST /api/defects). */
    openedReportId: integer('opened_report_id').references(() => p2hReports.id),
    lastReportId: integer('last_report_id').references(() => p2hReports.id),
    assignedToId: integer('assigned_to_id').references(() => users.id),
    repairedAt: timestamp('repaired_at', { withTimezone: true }),
    repairNote: text('repair_note'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
    /** Set in the transaction that queues the escalation, so it is announced once. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The de-duplication rule as a guarantee: one live defect per unit and item.
    uniqueIndex('defects_live_item_key')
      .on(t.vehicleId, t.checklistItemId)
      .where(sql`${t.status} in ('open', 'in_progress', 'repaired')`),
    index('defects_status_opened_idx').on(t.status, t.openedAt),
    index('defects_vehicle_idx').on(t.vehicleId, t.openedAt),
    index('defects_last_report_idx').on(t.lastReportId),
    index('defects_escalation_idx').on(t.openedAt).where(sql`${t.status} = 'open' and ${t.severity} = 'abnormal' and ${t.escalatedAt} is null`),
  ],
);

/** Every step of a defect, oldest first: the timeline the contract shows. */
export const defectEvents = pgTable(
  'defect_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    defectId: integer('defect_id')
      .notNull()
      .references(() => defects.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: defectActionEnum('action').notNull(),
    /** null for the system's own steps (escalation). */
    actorId: integer('actor_id').references(() => users.id),
    note: text('note'),
    reportId: integer('report_id').references(() => p2hReports.id),
  },
  (t) => [index('defect_events_defect_idx').on(t.defectId, t.id), index('defect_events_report_idx').on(t.reportId)],
);

export type DefectRow = typeof defects.$inferSelect;
export type DefectEventRow = typeof defectEvents.$inferSelect;
