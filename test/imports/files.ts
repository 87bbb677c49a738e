/** Sheets for the import tests: filled templates, CSV in several encodings, and zips built by hand. */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { crc32, formBody } from '../photos/images.js';
import type { TestContext } from '../support/app.js';

export type Row = (string | number | Date | { formula: string } | null)[];

/** A workbook whose first sheet has these rows (the first is the header). */
export async function xlsx(rows: Row[], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Unit');
  for (const row of rows) sheet.addRow(row);
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The server's template with these data rows typed in from row 2. */
export async function fillTemplate(template: Buffer, rows: Row[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  rows.forEach((row, index) => {
    row.forEach((value, column) => {
      sheet.getCell(index + 2, column + 1).value = value;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function csv(rows: (string | null)[][], separator = ','): string {
  const quote = (value: string | null) => (value === null ? '' : /[",;\t\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return rows.map((row) => row.map(quote).join(separator)).join('\r\n') + '\r\n';
}

/** Windows-1252 for the Latin-1 range (what these tests use). */
export const windows1252 = (text: string) => Buffer.from(text, 'latin1');
export const utf16WithBom = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

/**
 * A zip by hand: `declared` lets an entry claim a smaller size than it inflates to (a directory
 * that lies), which no zip library writes.
 */
export function zip(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const packed = deflateRawSync(entry.data);
    const size = entry.declared ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface ImportResponse {
  status: number;
  body: { success: boolean; message: string; payload: any };
}

/** POST /api/imports/{kind} with the file as a browser sends it. */
export async function importFile(ctx: TestContext, token: string, kind: 'vehicles' | 'users', data: Buffer, options: { dryRun?: boolean; filename?: string } = {}): Promise<ImportResponse> {
  const { payload, contentType } = await formBody([{ data, filename: options.filename ?? 'data.xlsx', type: 'application/octet-stream' }]);
  const url = `/api/imports/${kind}${options.dryRun ? '?dry_run=true' : ''}`;
  const response = await ctx.app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload });
  return { status: response.statusCode, body: response.json() };
}

export async function template(ctx: TestContext, token: string, kind: 'vehicles' | 'users'): Promise<Buffer> {
  const response = await ctx.app.http.inject({ method: 'GET', url: `/api/imports/${kind}/template.xlsx`, headers: { authorization: `Bearer ${token}` } });
  if (response.statusCode !== 200) throw new Error(`template: ${response.statusCode} ${response.body.slice(0, 200)}`);
  return response.rawPayload;
}
