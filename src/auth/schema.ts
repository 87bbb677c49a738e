import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per counted attempt (a failed login, a wrong current password, …) under a limiter key such
 * as `u:<account>` or `a:<address>`. Kept in the database, not in a process's memory, so every API
 * process counts against the same window and a restart forgets nothing. Rows older than the longest
 * window are pruned.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_key_at_idx').on(t.key, t.at)],
);
