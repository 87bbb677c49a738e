import type { Db, Executor } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { auditLog } from './schema.js';
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
  ) {}

  async record(executor: Executor, entries: AuditEntry | AuditEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const at = this.clock();
    await executor.insert(auditLog).values(
      list.map((entry) => ({
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
