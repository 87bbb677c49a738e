import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { checklistItems } from '../checklist/schema.js';
import { defectEvents, defects } from '../defects/schema.js';
import { p2hReports } from '../p2h/schema.js';
import { users } from '../users/schema.js';
import { PHOTO_ATTACHMENTS } from './values.js';

export const photoAttachmentEnum = pgEnum('photo_attachment', PHOTO_ATTACHMENTS);

/**
 * A photo taken in the field, stored re-encoded (JPEG, metadata removed) with its thumbnail.
 * It is uploaded first and attached later, in the transaction of what it is evidence for:
 * a report's answer, a defect reported outside a P2H, or a repair. Unattached photos are
 * removed after 24 hours.
 */
export const photos = pgTable(
  'photos',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    uploaderId: integer('uploader_id')
      .notNull()
      .references(() => users.id),
    /** Where the storage (local disk or S3) keeps the image and its thumbnail. */
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** null until attached; what it was attached to decides who may see it. */
    attachedAt: timestamp('attached_at', { withTimezone: true }),
    attachedTo: photoAttachmentEnum('attached_to'),
    /** answer: the report and the item answered. */
    reportId: integer('report_id').references(() => p2hReports.id),
    checklistItemId: integer('checklist_item_id').references(() => checklistItems.id),
    /** answer (once the answer's defect is known), defect and repair: the defect it shows. */
    defectId: integer('defect_id').references(() => defects.id),
    /** repair: the timeline step it belongs to. */
    defectEventId: integer('defect_event_id').references(() => defectEvents.id),
  },
  (t) => [
    index('photos_report_idx').on(t.reportId),
    index('photos_defect_idx').on(t.defectId),
    index('photos_unattached_idx').on(t.createdAt).where(sql`${t.attachedAt} is null`),
  ],
);

export type PhotoRow = typeof photos.$inferSelect;
