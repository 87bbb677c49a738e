import { columnLetter } from '../exports/sheet-series.js';
import type { DetailCode } from '../lib/error-codes.js';
import type { RowError } from './header.js';
import { cellText, type Cell } from './cell.js';
import type { SheetRow } from './table.js';

/** Reads one row's cells by column name, collecting every problem with its row and column. */
export class RowReader<C extends string> {
  readonly errors: RowError[] = [];

  constructor(
    readonly sheetRow: SheetRow,
    private readonly positions: Map<C, number>,
  ) {}

  get row(): number {
    return this.sheetRow.row;
  }

  fail(column: string, code: DetailCode, message: string): void {
    this.errors.push({ row: this.row, column, code, message });
  }

  /** Trimmed text; null for an empty cell (an error when required); an error past `maxLength`. */
  text(column: C, options: { required?: boolean; maxLength: number }): string | null {
    const cell = this.cell(column);
    if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
      this.fail(column, 'cell_error', `Sel berisi galat ${cell.error}: ketik nilainya`);
      return null;
    }
    const text = cell === null ? '' : cellText(cell).trim();
    if (text === '') {
      if (options.required) this.fail(column, 'required', `${column} wajib diisi`);
      return null;
    }
    if (text.length > options.maxLength) {
      this.fail(column, 'max_length', `${column} paling banyak ${options.maxLength} karakter (ada ${text.length})`);
      return null;
    }
    return text;
  }

  /** A calendar day as YYYY-MM-DD: an Excel date, or text YYYY-MM-DD or DD/MM/YYYY; null when empty. */
  date(column: C): string | null {
    const cell = this.cell(column);
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return null;
    const date = calendarDay(cell);
    if (date === undefined) this.fail(column, 'invalid_date', `${column} "${cell instanceof Date ? '' : cellText(cell)}" bukan tanggal yang ada (pakai YYYY-MM-DD atau DD/MM/YYYY)`);
    return date ?? null;
  }

  private cell(column: C): Cell {
    const position = this.positions.get(column);
    return position === undefined ? null : (this.sheetRow.cells[position] ?? null);
  }
}

/** Where a merged cell is, in the sheet's own words: its column's name when known, else its letter. */
export function columnName(header: string[], index: number): string {
  return header[index]?.trim() || columnLetter(index + 1);
}

/**
 * The day a cell means. exceljs reads an Excel date as UTC midnight of that day; text is read as
 * ISO (2026-03-31) or as Indonesians write it (31/03/2026, 31-03-2026, 31.03.2026). A day that does
 * not exist (2026-02-30) is undefined, as is a bare number.
 */
export function calendarDay(cell: Exclude<Cell, null>): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : cell.toISOString().slice(0, 10);
  if (typeof cell !== 'string') return undefined;
  const text = cell.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return existingDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (local) return existingDay(Number(local[3]), Number(local[2]), Number(local[1]));
  return undefined;
}

function existingDay(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 9999) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}
