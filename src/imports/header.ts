import type { DetailCode } from '../lib/error-codes.js';

/** One problem of an imported sheet: its row as the spreadsheet numbers it (header = 1) and its column's name. */
export interface RowError {
  row: number;
  column: string;
  code: DetailCode;
  message: string;
}

export interface HeaderMap<C extends string> {
  /** Column name → 0-based position in the sheet. */
  positions: Map<C, number>;
  errors: RowError[];
}

/** "Unit Code", " unit_code " and "UNIT-CODE" all name unit_code. */
const headerKey = (text: string) => text.trim().toLowerCase().replace(/[\s\-]+/g, '_');

/**
 * Finds each known column in the header row (any order, any letter case); an unknown column, a
 * column twice or a required one missing is an error of row 1. Blank header cells are ignored.
 */
export function mapHeader<C extends string>(header: string[], columns: readonly C[], required: readonly C[]): HeaderMap<C> {
  const positions = new Map<C, number>();
  const errors: RowError[] = [];
  header.forEach((text, index) => {
    const key = headerKey(text);
    if (key === '') return;
    const column = columns.find((c) => c === key);
    if (!column) {
      errors.push({ row: 1, column: text.trim(), code: 'unknown_column', message: `Kolom "${text.trim()}" tidak dikenal. Kolom yang dipakai: ${columns.join(', ')}` });
    } else if (positions.has(column)) {
      errors.push({ row: 1, column, code: 'duplicate_column', message: `Kolom ${column} muncul lebih dari sekali` });
    } else positions.set(column, index);
  });
  for (const column of required) {
    if (!positions.has(column)) errors.push({ row: 1, column, code: 'missing_column', message: `Kolom wajib ${column} tidak ada di baris judul` });
  }
  return { positions, errors };
}
