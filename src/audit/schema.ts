import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who changed what, when, and the record before and after. Append-only: nothing updates or deletes a row.
 * actor_id has no foreign key on purpose: the entry outlives a deleted user, and actor_name keeps the name
 * the person had when they acted. before/after hold the changed record as shown to admins, never a password,
 * hash or token.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the system acted (scheduler, bot on its own, demo seed). */
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  // Newest first is the primary key backwards; one unit's or user's history is this index backwards.
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.id)],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
