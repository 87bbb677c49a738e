import { sql } from 'drizzle-orm';
import { check, pgEnum, pgTable, integer, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../users/schema.js';
import { DELIVERY_MODES, LANGUAGES } from './values.js';

export const deliveryModeEnum = pgEnum('delivery_mode', DELIVERY_MODES);
export const languageEnum = pgEnum('language', LANGUAGES);

/** One row per person who changed something; no row means the defaults (rules.ts). */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  p2hWarning: deliveryModeEnum('p2h_warning').notNull().default('silent'),
  p2hAbnormal: deliveryModeEnum('p2h_abnormal').notNull().default('on'),
  defects: deliveryModeEnum('defects').notNull().default('on'),
  expiry: deliveryModeEnum('expiry').notNull().default('on'),
  dailySummary: deliveryModeEnum('daily_summary').notNull().default('on'),
  /** HH:MM in P2H_TIMEZONE, both or neither; start after end means the hours span midnight. */
  quietHoursStart: text('quiet_hours_start'),
  quietHoursEnd: text('quiet_hours_end'),
  language: languageEnum('language').notNull().default('id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // A stop-operation alert always goes out, whatever a client sends.
  check('notification_preferences_abnormal_never_off', sql`${t.p2hAbnormal} <> 'off'`),
  check('notification_preferences_quiet_hours_pair', sql`(${t.quietHoursStart} is null) = (${t.quietHoursEnd} is null)`),
]);

export type NotificationPreferencesRow = typeof notificationPreferences.$inferSelect;
