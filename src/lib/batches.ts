/**
 * PostgreSQL takes at most 65 535 parameters a statement. A thousand rows of any P2H table stay well
 * under it, and bigger statements take PostgreSQL longer per row (bench/import-vehicles.ts).
 */
export const ROWS_PER_STATEMENT = 1_000;

/** `items` in consecutive slices of at most `size`. */
export function* inBatches<T>(items: readonly T[], size = ROWS_PER_STATEMENT): Generator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}
