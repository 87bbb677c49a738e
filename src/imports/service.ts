import type { ImportActor, UserImportRow, UserImportStore } from '../users/import-store.js';
import type { VehicleImportRow, VehicleImportStore } from '../vehicles/import-store.js';
import { DomainError } from '../lib/errors.js';
import type { ImportItem, ImportResult } from './api-schemas.js';
import { columnName } from './cells.js';
import type { RowError } from './header.js';
import type { Table } from './table.js';
import { parseUserRows } from './user-rows.js';
import { parseVehicleRows } from './vehicle-rows.js';
import type { ImportKind } from './values.js';

// The sheet reader and the template writer use exceljs (~27 MB once loaded): it is loaded with the
// first import or template, not at every start of every API process.
const readTable = async (file: Buffer): Promise<Table> => (await import('./table.js')).readTable(file);

export interface ImportOptions {
  dryRun: boolean;
}

export interface ImportsDeps {
  vehicles: VehicleImportStore;
  users: UserImportStore;
  /** The vehicle types that exist now (rows name one of them). */
  typeNames: () => Promise<string[]>;
}

/**
 * Bulk import of units and users from .xlsx or .csv: read the sheet (refusing what is not one),
 * check every row, and either say what each would do (dry run) or do all of it in one transaction.
 * Any error → 422 IMPORT_INVALID with the whole result, and nothing written.
 */
export class ImportsService {
  constructor(private readonly deps: ImportsDeps) {}

  async importVehicles(actor: ImportActor, file: Buffer, options: ImportOptions): Promise<ImportResult> {
    const table = await readTable(file);
    const parsed = parseVehicleRows(table, await this.deps.typeNames());
    const errors = [...mergeErrors(table), ...parsed.errors];
    if (errors.length === 0) requireRows(table);
    const key = (row: VehicleImportRow) => row.unit_code;
    // The preview shows what the valid rows would do even while others are wrong.
    if (errors.length > 0 || options.dryRun) return refuseOrReport(options, table, errors, (await this.deps.vehicles.plan(parsed.rows)).map(itemOf(key)));
    const planned = await this.deps.vehicles.apply(actor, parsed.rows);
    return result(options, table, [], planned.map(itemOf(key)));
  }

  async importUsers(actor: ImportActor, file: Buffer, options: ImportOptions): Promise<ImportResult> {
    const table = await readTable(file);
    const parsed = parseUserRows(table, actor.role);
    if (parsed.errors.length === 0 && table.merged.length === 0) requireRows(table);
    const plan = await this.deps.users.plan(actor, parsed.rows);
    const errors = [...mergeErrors(table), ...parsed.errors, ...plan.problems];
    const key = (row: UserImportRow) => row.phone_number;
    if (errors.length > 0 || options.dryRun) return refuseOrReport(options, table, errors, plan.planned.map(itemOf(key)));
    const applied = await this.deps.users.apply(actor, parsed.rows);
    return { ...result(options, table, [], applied.planned.map(itemOf(key))), temporary_passwords: applied.temporaryPasswords };
  }

  async template(kind: ImportKind): Promise<Buffer> {
    const { templateWorkbook } = await import('./templates.js');
    return templateWorkbook(kind, kind === 'vehicles' ? await this.deps.typeNames() : []);
  }
}

const itemOf =
  <T extends { row: number }>(key: (input: T) => string) =>
  (planned: { input: T; action: ImportItem['action'] }): ImportItem => ({ row: planned.input.row, action: planned.action, key: key(planned.input) });

function mergeErrors(table: Table): RowError[] {
  return table.merged.map(({ row, column }) => ({
    row,
    column: columnName(table.header, column),
    code: 'merged_cell' as const,
    message: 'Sel gabungan (merge) tidak bisa diimpor: pisahkan sel lalu isi nilainya di setiap baris',
  }));
}

function requireRows(table: Table): void {
  if (table.rows.length === 0) throw new DomainError('IMPORT_EMPTY', 'Berkas hanya berisi baris judul: isi data mulai baris 2 lalu kirim lagi');
}

function result(options: ImportOptions, table: Table, errors: RowError[], items: ImportItem[]): ImportResult {
  const count = (action: ImportItem['action']) => items.filter((i) => i.action === action).length;
  return {
    dry_run: options.dryRun,
    rows: table.rows.length,
    create: count('create'),
    update: count('update'),
    unchanged: count('unchanged'),
    errors: [...errors].sort((a, b) => a.row - b.row),
    items,
    temporary_passwords: [],
  };
}

/** A dry run reports; a real run with errors refuses with all of them and writes nothing. */
function refuseOrReport(options: ImportOptions, table: Table, errors: RowError[], items: ImportItem[]): ImportResult {
  const report = result(options, table, errors, items);
  if (options.dryRun || errors.length === 0) return report;
  const rows = new Set(errors.map((e) => e.row)).size;
  throw new DomainError('IMPORT_INVALID', `Impor dibatalkan, tidak ada yang disimpan: ${errors.length} kesalahan di ${rows} baris. Perbaiki lalu kirim lagi`, { payload: report });
}
