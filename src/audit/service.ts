import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { inBatches } from '../lib/batches.js';
import type { Clock } from '../lib/clock.js';
import { pageOffset, type Paging } from '../lib/paging.js';
import { addDays, startOfLocalDay } from '../lib/time.js';
import type { AuditEntryView, AuditLogQuery } from './api-schemas.js';
import { sameRecord } from './rules.js';
import { auditLog, type AuditLogRow } from './schema.js';
import type { AuditAction, AuditEntity } from './values.js';

/** Who acted: the signed-in person (their name as it was then), or null for the system itself. */
export interface AuditActor {
  id: number;
  fullName: string;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: number;
  /** The record as admins see it (an API view), never a password, hash or token; null when created. */
  before: unknown;
  /** Null when deleted. */
  after: unknown;
}

/** Append-only log of changes. Callers record inside the transaction that makes the change, so both land or neither. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** P2H_TIMEZONE: the list's date filters are days there. */
    private readonly timeZone: string,
  ) {}

  async record(executor: Executor, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const at = this.clock();
    // A bulk change (an import) may record thousands: one statement per thousand keeps each under
    // PostgreSQL's parameter limit.
    for (const batch of inBatches(list)) {
      await executor.insert(auditLog).values(
        batch.map((entry) => ({
          at,
          actorId: entry.actor?.id ?? null,
          actorName: entry.actor?.fullName ?? null,
          action: entry.action,
          entity: entry.entity,
          entityId: entry.entityId,
          before: entry.before ?? null,
          after: entry.after ?? null,
        })),
      );
    }
  }

  /** Records the entry unless before and after say the same (an edit form sent back unchanged). */
  async recordChange(executor: Executor, entry: AuditEntry): Promise<void> {
    if (sameRecord(entry.before, entry.after)) return;
    await this.record(executor, entry);
  }

  /** Newest first; dates are days in P2H_TIMEZONE, both included. */
  async list(query: AuditLogQuery & Paging): Promise<{ items: AuditEntryView[]; total: number }> {
    const filters: SQL[] = [];
    if (query.entity) filters.push(eq(auditLog.entity, query.entity));
    if (query.entity_id !== undefined) filters.push(eq(auditLog.entityId, query.entity_id));
    if (query.actor_id !== undefined) filters.push(eq(auditLog.actorId, query.actor_id));
    if (query.action) filters.push(eq(auditLog.action, query.action));
    // Bounds on the column itself (not a cast of it), so an index on `at` could serve them.
    if (query.date_from) filters.push(gte(auditLog.at, startOfLocalDay(query.date_from, this.timeZone)));
    if (query.date_to) filters.push(lt(auditLog.at, startOfLocalDay(addDays(query.date_to, 1), this.timeZone)));
    const where = filters.length ? and(...filters) : undefined;
    const [rows, [total]] = await Promise.all([
      this.db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(query.page_size).offset(pageOffset(query)),
      this.db.select({ total: count() }).from(auditLog).where(where),
    ]);
    return { items: rows.map(toView), total: total?.total ?? 0 };
  }
}

function toView(row: AuditLogRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor_id: row.actorId,
    actor_name: row.actorName,
    action: row.action as AuditAction,
    entity: row.entity as AuditEntity,
    entity_id: row.entityId,
    before: row.before,
    after: row.after,
  };
}
