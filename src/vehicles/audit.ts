import { sameRecord } from '../audit/rules.js';
import type { AuditActor, AuditEntry, AuditLog } from '../audit/service.js';
import type { AuditAction } from '../audit/values.js';
import type { Executor } from '../db/client.js';
import type { Vehicle } from './api-schemas.js';
import { EXPIRY_FIELDS, type DocumentExpiries } from './documents.js';

const DOCUMENT_FIELDS: readonly string[] = Object.values(EXPIRY_FIELDS);

/**
 * A unit's change as audit entries: the unit itself, and its documents (STNK, KIR, pajak dates) as
 * an entry of their own under the unit's id, so "who changed the KIR date" is one filter. Each is
 * recorded only when it changed. `before` is null when the unit is new.
 */
export async function recordUnitChange(audit: AuditLog, tx: Executor, actor: AuditActor | null, action: AuditAction, before: Vehicle | null, after: Vehicle): Promise<void> {
  await audit.record(tx, unitChangeEntries(actor, action, before, after));
}

/** recordUnitChange's entries, for callers that record many units in one insert (the bulk import). */
export function unitChangeEntries(actor: AuditActor | null, action: AuditAction, before: Vehicle | null, after: Vehicle): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const unitBefore = before && withoutDocuments(before);
  const unitAfter = withoutDocuments(after);
  if (!sameRecord(unitBefore, unitAfter)) entries.push({ actor, action, entity: 'vehicle', entityId: after.id, before: unitBefore, after: unitAfter });
  const documentsBefore = before && documentsOf(before);
  const documentsAfter = documentsOf(after);
  // A new unit without any document date has no document entry.
  if (!documentsBefore && Object.values(documentsAfter).every((date) => date === null)) return entries;
  if (!sameRecord(documentsBefore, documentsAfter)) {
    entries.push({ actor, action: documentsBefore ? 'update' : 'create', entity: 'document', entityId: after.id, before: documentsBefore, after: documentsAfter });
  }
  return entries;
}

function documentsOf(view: Vehicle): DocumentExpiries {
  return { stnk_expiry: view.stnk_expiry, kir_expiry: view.kir_expiry, pajak_expiry: view.pajak_expiry };
}

function withoutDocuments(view: Vehicle): Partial<Vehicle> {
  return Object.fromEntries(Object.entries(view).filter(([key]) => !DOCUMENT_FIELDS.includes(key)));
}
