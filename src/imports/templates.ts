import ExcelJS from 'exceljs';
import { escapeFormula } from '../lib/spreadsheet-safety.js';
import { ROLES } from '../users/values.js';
import { SHIFT_TYPES } from '../vehicles/values.js';
import { MAX_IMPORT_ROWS, USER_COLUMNS, USER_REQUIRED_COLUMNS, VEHICLE_COLUMNS, VEHICLE_REQUIRED_COLUMNS, type ImportKind } from './values.js';

interface ColumnHelp {
  name: string;
  width: number;
  help: string;
  /** Excel number format: '@' keeps a typed 0812… as text, dates show as dates. */
  format?: string;
  /** A drop-down of allowed values. */
  choices?: readonly string[];
}

const DATE_HELP = 'tanggal: sel tanggal Excel, atau teks YYYY-MM-DD / DD/MM/YYYY; kosong = tidak diubah';

function vehicleColumns(typeNames: string[]): ColumnHelp[] {
  return [
    { name: 'unit_code', width: 14, help: 'nomor lambung, mis. P.309 (kunci: impor ulang memperbarui unit ini)', format: '@' },
    { name: 'plate_number', width: 14, help: 'nomor polisi, mis. KT 1234 AB', format: '@' },
    { name: 'vehicle_type', width: 18, help: `salah satu: ${typeNames.join(', ')}`, choices: typeNames },
    { name: 'shift_type', width: 12, help: `salah satu: ${SHIFT_TYPES.join(', ')}`, choices: SHIFT_TYPES },
    { name: 'brand', width: 14, help: 'merek (boleh kosong)', format: '@' },
    { name: 'stnk_expiry', width: 12, help: `masa berlaku STNK, ${DATE_HELP}`, format: 'yyyy-mm-dd' },
    { name: 'kir_expiry', width: 12, help: `masa berlaku KIR, ${DATE_HELP}`, format: 'yyyy-mm-dd' },
    { name: 'pajak_expiry', width: 12, help: `jatuh tempo pajak, ${DATE_HELP}`, format: 'yyyy-mm-dd' },
  ] satisfies ({ name: (typeof VEHICLE_COLUMNS)[number] } & ColumnHelp)[];
}

const userColumns: ({ name: (typeof USER_COLUMNS)[number] } & ColumnHelp)[] = [
  { name: 'full_name', width: 24, help: 'nama lengkap', format: '@' },
  { name: 'phone_number', width: 16, help: 'nomor HP, mis. 081234567890 (kunci: impor ulang memperbarui akun ini)', format: '@' },
  { name: 'email', width: 24, help: 'boleh kosong', format: '@' },
  { name: 'role', width: 12, help: `salah satu: ${ROLES.join(', ')}`, choices: ROLES },
  { name: 'password', width: 16, help: 'boleh kosong: akun baru lalu mendapat password sementara yang wajib diganti saat login pertama', format: '@' },
];

/** The empty sheet to fill, first (the import reads the first sheet), and a sheet that explains each column. */
export async function templateWorkbook(kind: ImportKind, typeNames: string[]): Promise<Buffer> {
  const columns = kind === 'vehicles' ? vehicleColumns(typeNames) : userColumns;
  const required: readonly string[] = kind === 'vehicles' ? VEHICLE_REQUIRED_COLUMNS : USER_REQUIRED_COLUMNS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind === 'vehicles' ? 'Unit' : 'User', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: c.width, ...(c.format && { style: { numFmt: c.format } }) }));
  sheet.getRow(1).font = { bold: true };
  columns.forEach((column, index) => {
    if (!column.choices || column.choices.length === 0) return;
    // A list longer than 255 characters cannot be inline; the column's help still names every choice.
    const list = `"${column.choices.join(',')}"`;
    if (list.length > 255) return;
    for (let row = 2; row <= 501; row += 1) {
      sheet.getCell(row, index + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [list], showErrorMessage: true, errorTitle: column.name, error: column.help };
    }
  });

  const help = workbook.addWorksheet('Petunjuk');
  help.columns = [
    { header: 'kolom', key: 'name', width: 16 },
    { header: 'wajib', key: 'required', width: 8 },
    { header: 'isi', key: 'help', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of columns) help.addRow({ name: column.name, required: required.includes(column.name) ? 'ya' : '', help: escapeFormula(column.help) });
  help.addRow({});
  help.addRow({ help: `Isi sheet pertama mulai baris 2, paling banyak ${MAX_IMPORT_ROWS.toLocaleString('id-ID')} baris. Baris kosong dilewati; sel gabungan (merge) ditolak; rumus disimpan sebagai teks, tidak dihitung.` });
  help.addRow({ help: 'Coba dulu (dry run) untuk melihat apa yang akan dibuat/diperbarui dan setiap kesalahan per baris dan kolom. Impor hanya berjalan bila semua baris benar.' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
