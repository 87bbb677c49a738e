/** What an audit entry changed, field by field, and where its record lives in the app. */
import { AUDIT_BOOKKEEPING_FIELDS, type AuditEntryView } from '../../api/audit';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const bookkeeping = new Set<string>(AUDIT_BOOKKEEPING_FIELDS);
// Ids and creation time never change; a new record's diff would only repeat them.
const NOT_SHOWN = new Set(['id', 'created_at']);

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The fields whose values differ between before and after (every set field of a new record), bookkeeping aside. */
export function changedFields(entry: Pick<AuditEntryView, 'before' | 'after'>): FieldChange[] {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields
    .filter((field) => !bookkeeping.has(field) && !NOT_SHOWN.has(field))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}

/** The admin page of the record an entry is about (documents and links live on their unit's and user's page). */
export function entityPath(entry: Pick<AuditEntryView, 'entity' | 'entity_id'>): string {
  switch (entry.entity) {
    case 'vehicle':
    case 'document':
      return `/admin/units/${entry.entity_id}`;
    case 'user':
    case 'telegram_link':
      return `/admin/users/${entry.entity_id}`;
    case 'checklist_item':
      return '/admin/checklist';
    case 'defect':
      return `/defects/${entry.entity_id}`;
  }
}

/** A value as one short line: "—" for nothing, lists joined. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
