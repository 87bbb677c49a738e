import { sql } from 'drizzle-orm';
import { boolean, date, index, jsonb, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { defects } from '../defects/schema.js';
import { p2hReports } from '../p2h/schema.js';
import { users } from '../users/schema.js';
import { documentTypeEnum, vehicles } from '../vehicles/schema.js';

import { NOTIFICATION_STATUSES, NOTIFICATION_TYPES, RECIPIENT_KINDS } from './values.js';

export {
  NOTIFICATION_STATUSES,
  NOTIFICATION_TYPES,
  RECIPIENT_KINDS,
  type NotificationStatus,
  type NotificationType,
  type RecipientKind,
} from './values.js';
export const notificationTypeEnum = pgEnum('notification_type', NOTIFICATION_TYPES);
export const notificationStatusEnum = pgEnum('notification_status', NOTIFICATION_STATUSES);
export const recipientKindEnum = pgEnum('notification_recipient_kind', RECIPIENT_KINDS);

/**
 * The outbox: a row is written in the same transaction as what causes it, and a worker delivers
 * it afterwards. Nothing is ever sent from inside an HTTP request.
 */
export const telegramNotifications = pgTable(
  'telegram_notifications',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    type: notificationTypeEnum('type').notNull(),
    reportId: integer('report_id').references(() => p2hReports.id),
    /** For expiry alerts: the document as it was when announced (a renewal has a new expiry date). */
    vehicleId: integer('vehicle_id').references(() => vehicles.id),
    documentType: documentTypeEnum('document_type'),
    expiryDate: date('expiry_date', { mode: 'string' }),
    /** d30, d14, d7, d3, d1, d0, then w1, w2… while expired: each announced once. */
    thresholdKey: text('threshold_key'),
    /** The user the alert is about (the submitter), so a resend can choose their chat again. */
    userId: integer('user_id').references(() => users.id),
    /** For defect messages: the defect it is about (a repair, a return to service, an escalation). */
    defectId: integer('defect_id').references(() => defects.id),
    /** Inline buttons sent with the message (the defect alert's 🔧 Tangani), as the Bot API takes them. */
    replyMarkup: jsonb('reply_markup'),
    /** Photos sent with the message (a report's defect photos), in order; each sent once, like the parts. */
    photoIds: integer('photo_ids').array().notNull().default(sql`'{}'::integer[]`),
    /** Sent without sound (`disable_notification`): the recipient chose `silent` for this type. */
    disableNotification: boolean('disable_notification').notNull().default(false),
    /**
     * Once-only messages that are not about one document (a day's expiry digest, a day's summary to one
     * chat): the unique index makes a second scheduler, a restart or a rerun queue nothing more.
     */
    dedupeKey: text('dedupe_key'),
    recipientChatId: text('recipient_chat_id'),
    recipientKind: recipientKindEnum('recipient_kind'),
    message: text('message').notNull(),
    status: notificationStatusEnum('status').notNull().default('pending'),
    /** skipped: why; failed: the last error; pending after an error: what went wrong last time. */
    lastError: text('last_error'),
    attempts: integer('attempts').notNull().default(0),
    /** A long message goes out in parts; a crash resumes from the next unsent part. */
    partsSent: integer('parts_sent').notNull().default(0),
    /**
     * pending: when it may be tried. sending: when the worker's claim runs out — a row whose claim
     * ran out belongs to a crashed worker and is due again, so one condition finds all due work.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Which claim owns a sending row; a worker only sends and records rows its claim still owns. */
    claimId: text('claim_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    telegramMessageId: text('telegram_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('telegram_notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('telegram_notifications_report_idx').on(t.reportId),
    index('telegram_notifications_created_idx').on(t.createdAt),
    // Exactly once per document, expiry date and threshold, however many schedulers run.
    uniqueIndex('telegram_notifications_expiry_key')
      .on(t.vehicleId, t.documentType, t.expiryDate, t.thresholdKey)
      .where(sql`${t.thresholdKey} is not null`),
    uniqueIndex('telegram_notifications_dedupe_key').on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);

export type NotificationRow = typeof telegramNotifications.$inferSelect;

/**
 * The system-wide Telegram budget every worker reserves its sends from: the row `*` holds the next
 * free slot of the global ≈30 messages a second (pushed forward by a 429's retry_after, which pauses
 * every worker), and one row per chat the next moment that chat may be sent to again.
 */
export const telegramPacing = pgTable('telegram_pacing', {
  chatKey: text('chat_key').primaryKey(),
  nextAt: timestamp('next_at', { withTimezone: true }).notNull(),
});
