/** Pure decisions about audit entries, tested alone (test/unit/audit-rules.test.ts). */
import { AUDIT_BOOKKEEPING_FIELDS } from './values.js';

const bookkeeping = new Set<string>(AUDIT_BOOKKEEPING_FIELDS);

/** Whether two API views of a record say the same, bookkeeping aside: an unchanged update records nothing. */
export function sameRecord(before: unknown, after: unknown): boolean {
  return JSON.stringify(comparable(before)) === JSON.stringify(comparable(after));
}

function comparable(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !bookkeeping.has(key))
      .sort(([x], [y]) => x.localeCompare(y)),
  );
}
