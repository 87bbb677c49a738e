import { index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './schema.js';

/** One-time deep links (t.me/<bot>?start=<token>) made from the web profile. Only a hash is kept. */
export const telegramLinkTokens = pgTable(
  'telegram_link_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('telegram_link_tokens_user_idx').on(t.userId)],
);

export const TELEGRAM_LINK_ACTIONS = ['link', 'relink', 'unlink', 'blocked', 'unblocked'] as const;
export const telegramLinkActionEnum = pgEnum('telegram_link_action', TELEGRAM_LINK_ACTIONS);

/**
 * Who linked or unlinked which chat, when and how: the trail an admin needs when someone claims
 * "I never linked that account".
 */
export const telegramLinkAudit = pgTable(
  'telegram_link_audit',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    chatId: text('chat_id').notNull(),
    action: telegramLinkActionEnum('action').notNull(),
    /** How: contact, token, phone, internal_api, web, admin, bot_command, chat_member, deactivated. */
    method: text('method').notNull(),
    /** The P2H user who did it, when it was done from the web or by an admin. */
    actorUserId: integer('actor_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('telegram_link_audit_user_idx').on(t.userId, t.at)],
);
