import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per scheduled job and due time. A worker claims a due run by inserting its row; the others
 * see the conflict and skip, so each schedule runs once per due time whatever the number of workers.
 * A claim whose holder died (no finished_at after the lease) may be taken over.
 */
export const scheduleRuns = pgTable(
  'schedule_runs',
  {
    job: text('job').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    result: jsonb('result'),
  },
  (t) => [primaryKey({ columns: [t.job, t.dueAt] })],
);

/** Every running P2H process, refreshed by a heartbeat: what readiness lists (roles, bot leader or standby). */
export const systemProcesses = pgTable('system_processes', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: text('pid').notNull(),
  /** e.g. {api, worker, bot}. */
  roles: text('roles').array().notNull(),
  /** 'leader' | 'standby' for a bot process, null otherwise. */
  botState: text('bot_state'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull(),
});
