import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

import { ROLES } from './values.js';

export { ROLES, type Role } from './values.js';
export const roleEnum = pgEnum('user_role', ROLES);

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    fullName: text('full_name').notNull(),
    /** E.164, e.g. +6281234567890; every Indonesian spelling is normalised before it gets here. */
    phoneNumber: text('phone_number').notNull(),
    /** Lower-cased. */
    email: text('email'),
    role: roleEnum('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    /** Bumped on password change so tokens issued before it stop working. */
    tokenVersion: integer('token_version').notNull().default(0),
    /** Set for a temporary password (bulk import): the user must choose their own at first login. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** The user's private chat with the bot (Telegram user id as text), as the seed's schema has it. */
    telegramChatId: text('telegram_chat_id'),
    telegramUsername: text('telegram_username'),
    telegramLinkedAt: timestamp('telegram_linked_at', { withTimezone: true }),
    /** Set when Telegram says the user blocked the bot: alerts then go to the fallback group. */
    telegramUnreachableAt: timestamp('telegram_unreachable_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_phone_number_key').on(t.phoneNumber),
    uniqueIndex('users_telegram_chat_id_key').on(t.telegramChatId),
    uniqueIndex('users_email_key').on(t.email).where(sql`${t.email} is not null`),
    index('users_full_name_idx').on(t.fullName),
  ],
);

export type UserRow = typeof users.$inferSelect;
