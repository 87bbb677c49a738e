import ExcelJS from 'exceljs';
import { DomainError } from '../lib/errors.js';
import { cellText, type Cell } from './cell.js';
import { decodeCsv, readCsvSheet } from './csv.js';
import { MAX_IMPORT_ROWS, MAX_UNPACKED_BYTES } from './values.js';
import { inspectXlsxArchive } from './zip-guard.js';


export type { Cell } from './cell.js';

export interface SheetRow {
  /** As the spreadsheet numbers it: the header is row 1. */
  row: number;
  /** By column, 0-based. */
  cells: Cell[];
}

export interface Table {
  header: string[];
  rows: SheetRow[];
  /** Merged cells below the header, by their top-left cell: refused, since a merge hides which row a value belongs to. */
  merged: { row: number; column: number }[];
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const MEGABYTES = MAX_UNPACKED_BYTES / 1024 / 1024;

const notSpreadsheet = (message = 'Berkas bukan spreadsheet: kirim .xlsx atau .csv (bisa memakai template)') => new DomainError('IMPORT_NOT_SPREADSHEET', message);
const corrupt = () => new DomainError('IMPORT_CORRUPT', 'Berkas .xlsx rusak atau tidak lengkap: simpan ulang dari Excel lalu coba lagi');
const tooManyRows = () => new DomainError('IMPORT_TOO_MANY_ROWS', `Maksimal ${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris data per impor: bagi berkasnya menjadi beberapa bagian`);

/** The first worksheet of an .xlsx, or a .csv, recognised by its bytes (the file name is not trusted). */
export async function readTable(bytes: Buffer): Promise<Table> {
  if (bytes.length === 0) throw new DomainError('IMPORT_EMPTY', 'Berkas kosong');
  const sheet = bytes.subarray(0, 4).equals(ZIP) ? await readXlsxSheet(bytes) : await readCsv(bytes);
  return tableOf(sheet);
}

async function readXlsxSheet(bytes: Buffer): Promise<ExcelJS.Worksheet | undefined> {
  const archive = inspectXlsxArchive(bytes, MAX_UNPACKED_BYTES);
  if (!archive.ok) {
    if (archive.reason === 'too_large') throw new DomainError('IMPORT_UNPACKED_TOO_LARGE', `Isi berkas .xlsx melebihi ${MEGABYTES} MB setelah dibuka: bukan spreadsheet impor yang wajar`);
    if (archive.reason === 'not_workbook') throw notSpreadsheet('Berkas zip ini bukan workbook Excel (.xlsx)');
    throw corrupt();
  }
  // Counted in the XML before exceljs builds a row object for each.
  if (archive.largestSheetRows > MAX_IMPORT_ROWS + 1) throw tooManyRows();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw corrupt();
  }
  return workbook.worksheets[0];
}

async function readCsv(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  if (bytes.subarray(0, 4).equals(OLE2)) throw notSpreadsheet('Format .xls lama tidak didukung: simpan sebagai .xlsx atau .csv');
  const text = decodeCsv(bytes);
  if (text === undefined) throw notSpreadsheet();
  try {
    return await readCsvSheet(text, MAX_IMPORT_ROWS + 2);
  } catch {
    throw new DomainError('IMPORT_CORRUPT', 'Berkas CSV tidak dapat dibaca (tanda kutip tidak ditutup?)');
  }
}

function tableOf(sheet: ExcelJS.Worksheet | undefined): Table {
  if (!sheet || sheet.actualRowCount === 0) throw new DomainError('IMPORT_EMPTY', 'Berkas tidak berisi baris apa pun: isi template lalu kirim lagi');
  if (sheet.rowCount - 1 > MAX_IMPORT_ROWS) throw tooManyRows();
  const header = rowCells(sheet.getRow(1)).map((cell) => (cell === null ? '' : cellText(cell)));
  const rows: SheetRow[] = [];
  const merged: Table['merged'] = [];
  const masters = new Set<string>();
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (!cell.isMerged || masters.has(cell.master.address)) return;
      masters.add(cell.master.address);
      merged.push({ row: Number(cell.master.row), column: Number(cell.master.col) - 1 });
    });
    const cells = rowCells(row);
    if (cells.some((cell) => cell !== null && !(typeof cell === 'string' && cell.trim() === ''))) rows.push({ row: number, cells });
  });
  return { header, rows, merged };
}

function rowCells(row: ExcelJS.Row): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellOf(cell);
  });
  return Array.from(cells, (cell) => cell ?? null);
}

function cellOf(cell: ExcelJS.Cell): Cell {
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Formula:
      return `=${cell.formula}`;
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.Boolean:
    case ExcelJS.ValueType.Date:
    case ExcelJS.ValueType.String:
      return cell.value as Cell;
    case ExcelJS.ValueType.Error:
      return { error: (cell.value as ExcelJS.CellErrorValue).error };
    default:
      // Rich text, a hyperlink, shared strings: what the cell shows.
      return cell.text;
  }
}
