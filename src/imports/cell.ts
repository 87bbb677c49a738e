// Kept apart from table.ts, which loads exceljs: the row checks need these without it.

/**
 * A cell as the import reads it. A formula is its text ("=SUM(A1:A3)"), never its cached result
 * and never evaluated: what the sheet says is what is stored (and escaped again on export).
 */
export type Cell = string | number | boolean | Date | { error: string } | null;

/** A cell as text, for the header and for text columns. */
export function cellText(cell: Exclude<Cell, null>): string {
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return cell.error;
  return String(cell);
}
